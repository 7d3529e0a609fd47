using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Site;
using Pipeline.Storage;
using Pipeline.Storage.Portal;

namespace Pipeline.Stages.Portal;

/// <summary>
/// The agency portal behind <see cref="BasePath"/>, host-neutral: the Functions app and the local host hand every
/// request to <see cref="HandleAsync"/> and copy the answer back. The caller's agency comes only from the app roles
/// of the principal header (<see cref="AgencyAccess"/>), never from the request; a body's fields never name an
/// agency. State-changing calls (POST) need the <see cref="CsrfHeader"/> header, which a cross-site form or image
/// cannot send and a cross-site script cannot send without a CORS preflight nobody answers, and are refused when the
/// browser says they come from another site (Origin, Sec-Fetch-Site).
/// </summary>
public sealed class PortalApi(
    AgencyAccess access,
    AgencyRegistry registry,
    PortalReports reports,
    UploadSasIssuer sas,
    PreviewKeyStore previewKeys,
    BlobServiceClient blobs,
    ReportBlobs reportBlobs,
    ReportLedger ledger,
    IOptions<PipelineOptions> pipelineOptions,
    IOptions<SiteOptions> siteOptions,
    TimeProvider time,
    ILogger<PortalApi> logger)
{
    public const string BasePath = "/api/portal";
    public const string CsrfHeader = "X-Portal-Request";
    public const int MaxBodyBytes = 16 * 1024;

    public async Task<PortalResponse> HandleAsync(PortalRequest request, PortalHostSettings host, CancellationToken ct)
    {
        var path = request.Path;
        var isGet = request.Method is "GET" or "HEAD";
        if (path.Length == 0) return PortalResponse.Redirect(BasePath + "/");
        if (isGet && PortalStaticFiles.Find(path) is { } file)
            return PortalResponse.File(200, file.ContentType, file.Content, new Dictionary<string, string> { ["Content-Security-Policy"] = PageSecurityPolicy() });

        if (!host.PrincipalHeaderTrusted)
            return PortalResponse.Problem(503, "auth-not-enabled", "本服务尚未启用登录验证,暂时无法使用。请联系管理员。",
                "Sign-in (App Service authentication) is not enabled for this app, so callers cannot be identified; see README \"The agency portal\".");
        var principal = ClientPrincipal.FromHeader(request.Header(ClientPrincipal.HeaderName));
        if (principal is null)
            return PortalResponse.Problem(401, "sign-in", "请先登录。", "Sign in first.", host.SignInUrl);
        var agencies = (await access.AgenciesOfAsync(principal, ct).ConfigureAwait(false)).Order(StringComparer.Ordinal).ToList();
        if (agencies.Count == 0)
            return PortalResponse.Problem(403, "no-agency",
                $"您的账号({principal.Name ?? "未知"})没有任何机构的上传权限。请联系管理员为您分配本机构的角色({AgencyAccess.RolePrefix}<机构目录>)。",
                $"Your account ({principal.Name ?? "unknown"}) has no agency role. Ask the administrator to assign your agency's role ({AgencyAccess.RolePrefix}<folder>).");
        // Several roles: the query may pick one of them, nothing else.
        var agency = request.QueryValue("agency") is { } asked && agencies.Contains(asked, StringComparer.Ordinal) ? asked : agencies[0];
        using var scope = logger.BeginScope("Agency {Agency} Portal {Method} {Path}", agency, request.Method, path);

        if (!isGet && RefuseCrossSite(request) is { } refused) return refused;
        try
        {
            return (request.Method, path) switch
            {
                ("GET" or "HEAD", "/me") => await MeAsync(principal, agency, agencies, host, ct).ConfigureAwait(false),
                ("POST", "/uploads") => await RequestUploadAsync(agency, request, ct).ConfigureAwait(false),
                ("GET" or "HEAD", "/upload") => await VerdictAsync(agency, request, ct).ConfigureAwait(false),
                ("GET" or "HEAD", "/reports") => await ReportsAsync(agency, request, ct).ConfigureAwait(false),
                ("POST", "/preview") => await IssuePreviewAsync(agency, request, ct).ConfigureAwait(false),
                ("GET" or "HEAD", _) when path.StartsWith("/preview/", StringComparison.Ordinal) =>
                    await PreviewAsync(agencies, path["/preview/".Length..], ct).ConfigureAwait(false),
                _ => PortalResponse.Problem(404, "not-found", "没有这个功能。", "No such portal endpoint."),
            };
        }
        catch (RequestFailedException e)
        {
            logger.LogWarning("Portal request failed: storage answered {Status} {Code}", e.Status, e.ErrorCode);
            return PortalResponse.Problem(503, "storage", "存储服务暂时不可用,请稍后重试。", "Storage is unavailable for the moment; try again shortly.");
        }
    }

    /// <summary>The portal page's policy: its own scripts and styles only, and uploads to the blob endpoint.</summary>
    private string PageSecurityPolicy()
    {
        var blobOrigin = blobs.Uri.GetLeftPart(UriPartial.Authority);
        return $"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' {blobOrigin}; " +
               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    }

    private static PortalResponse? RefuseCrossSite(PortalRequest request)
    {
        var sameSite = request.Header(CsrfHeader) == "1";
        if (sameSite && request.Header("Sec-Fetch-Site") is { } site && site != "same-origin") sameSite = false;
        if (sameSite && request.Header("Origin") is { Length: > 0 } origin
            && (!Uri.TryCreate(origin, UriKind.Absolute, out var originUri) || !string.Equals(originUri.Authority, request.Header("Host"), StringComparison.OrdinalIgnoreCase)))
            sameSite = false;
        if (sameSite && !(request.Header("Content-Type") ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            sameSite = false;
        return sameSite ? null : PortalResponse.Problem(403, "cross-site", "请求来源无法确认,已拒绝。请从本系统页面操作。",
            $"The request does not come from the portal's own page (header {CsrfHeader}, Origin, Content-Type); refused.");
    }

    private async Task<PortalResponse> MeAsync(ClientPrincipal principal, string agency, IReadOnlyList<string> agencies, PortalHostSettings host, CancellationToken ct)
    {
        var record = await registry.GetAsync(agency, ct).ConfigureAwait(false);
        var site = siteOptions.Value;
        return PortalResponse.Json(200, new PortalIdentity(principal.Name, agency, record?.PublisherName ?? agency, agencies,
            UploadRules.From(pipelineOptions.Value), site.TimeZone, PortalLabels.Offset(time.GetUtcNow(), SiteCalendar.For(site).Zone), site.BaseUrl, host.SignOutUrl));
    }

    private async Task<PortalResponse> RequestUploadAsync(string agency, PortalRequest request, CancellationToken ct)
    {
        var body = PortalJson.Read<UploadRequestBody>(request.Body);
        if (body is null)
            return PortalResponse.Problem(400, "bad-request", "请求格式不正确。", "The request body is not the expected JSON.");
        var rules = UploadRules.From(pipelineOptions.Value);
        var fileName = UploadRules.SafeFileName(body.FileName);
        if (fileName is null)
            return PortalResponse.Problem(400, "bad-file-name", "文件名无效,请改名后重新选择。", "The file name is not usable; rename the file and choose it again.");
        if (!rules.ExtensionAllowed(fileName))
            return PortalResponse.Problem(400, "file-type",
                $"不支持此文件类型({Path.GetExtension(fileName)})。请上传 Word(.docx)、PDF、网页(.html)或文本(.txt)文件;旧版 .doc/.wps 请先另存为 .docx 或 PDF。",
                $"This file type ({Path.GetExtension(fileName)}) is not read. Upload Word (.docx), PDF, a web page (.html) or text (.txt); save legacy .doc/.wps as .docx or PDF first.");
        if (body.Size <= 0 || body.Size > rules.MaxBytes)
            return PortalResponse.Problem(400, "file-size",
                $"文件大小应在 1 字节到 {rules.MaxBytes / 1024 / 1024} MB 之间。",
                $"The file must be between 1 byte and {rules.MaxBytes / 1024 / 1024} MB.");
        DateTimeOffset? releaseAt = null;
        if (!string.IsNullOrWhiteSpace(body.ReleaseAt))
        {
            if (!DateTime.TryParse(body.ReleaseAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) || local.Kind == DateTimeKind.Utc)
                return PortalResponse.Problem(400, "release-at", "发布时间格式不正确。", "The release time is not a valid date and time.");
            var zone = SiteCalendar.For(siteOptions.Value).Zone;
            var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            releaseAt = new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
        }
        var note = body.ChangeNote?.Trim();
        if (note is { Length: > ValidateStage.MaxChangeNoteLength })
            return PortalResponse.Problem(400, "change-note", $"修订说明不能超过 {ValidateStage.MaxChangeNoteLength} 字。", $"The change note may have at most {ValidateStage.MaxChangeNoteLength} characters.");

        var grant = await sas.IssueAsync($"{agency}/{fileName}", ct).ConfigureAwait(false);
        var headers = new Dictionary<string, string> { ["x-ms-blob-type"] = "BlockBlob" };
        if (releaseAt is { } at) headers["x-ms-meta-" + ValidateStage.ReleaseAtMetadataKey] = at.ToString("O", CultureInfo.InvariantCulture);
        if (note is { Length: > 0 }) headers["x-ms-meta-" + ValidateStage.ChangeNoteMetadataKey] = Uri.EscapeDataString(note);
        logger.LogInformation("Upload URL issued for {Blob} until {ExpiresAt:O}", grant.BlobName, grant.ExpiresAt);
        return PortalResponse.Json(200, new UploadTicket(fileName, grant.UploadUrl.ToString(), grant.ExpiresAt, headers, releaseAt));
    }

    private async Task<PortalResponse> VerdictAsync(string agency, PortalRequest request, CancellationToken ct)
    {
        var file = request.QueryValue("file");
        var verdict = string.IsNullOrEmpty(file) ? null : await reports.VerdictAsync(agency, file, ct).ConfigureAwait(false);
        return verdict is null
            ? PortalResponse.Problem(404, "no-such-upload", "本机构没有这个文件的上传记录。", "Your agency has no upload of this name.")
            : PortalResponse.Json(200, verdict);
    }

    private async Task<PortalResponse> ReportsAsync(string agency, PortalRequest request, CancellationToken ct)
    {
        int? year = int.TryParse(request.QueryValue("year"), NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : null;
        var list = await reports.ListAsync(agency, year, request.QueryValue("state"), ct).ConfigureAwait(false);
        return PortalResponse.Json(200, list);
    }

    private static readonly PortalResponse NoSuchReport =
        PortalResponse.Problem(404, "no-such-report", "本机构没有可预览的这份报告,或预览链接已失效。", "No report of your agency can be previewed here, or the preview link has expired.");

    private async Task<PortalResponse> IssuePreviewAsync(string agency, PortalRequest request, CancellationToken ct)
    {
        var body = PortalJson.Read<PreviewRequestBody>(request.Body);
        if (body?.IndexCode is not { Length: > 0 } code) return PortalResponse.Problem(400, "bad-request", "请求格式不正确。", "The request body is not the expected JSON.");
        var entry = await ledger.GetLatestAsync(code, ct).ConfigureAwait(false);
        // Another agency's report answers exactly as a missing one.
        if (entry is null || entry.Agency != agency || !PortalReports.CanPreview(entry)) return NoSuchReport;
        var token = new PreviewToken(agency, entry.IndexCode, entry.StagingBlob!, time.GetUtcNow() + PreviewToken.Lifetime);
        var signed = token.Sign(await previewKeys.GetKeyAsync(ct).ConfigureAwait(false));
        return PortalResponse.Json(200, new PreviewLink(BasePath + "/preview/" + signed, token.ExpiresAt));
    }

    private async Task<PortalResponse> PreviewAsync(IReadOnlyList<string> agencies, string signed, CancellationToken ct)
    {
        var token = PreviewToken.Verify(signed, await previewKeys.GetKeyAsync(ct).ConfigureAwait(false));
        if (token is null || token.ExpiresAt <= time.GetUtcNow() || !agencies.Contains(token.Agency, StringComparer.Ordinal)) return NoSuchReport;
        byte[] html;
        try
        {
            html = (await reportBlobs.GetStagedPageAsync(token.StagingBlob, ct).ConfigureAwait(false)).ToArray();
        }
        catch (Exception e) when (e is RequestFailedException { Status: 404 } or InvalidDataException)
        {
            return NoSuchReport; // gone, or not a staging blob: nothing to preview
        }
        var (page, bannerStyle) = PreviewPage.Mark(html, siteOptions.Value.BaseUrl, PortalLabels.Time(token.ExpiresAt, SiteCalendar.For(siteOptions.Value).Zone));
        var site = new Uri(siteOptions.Value.BaseUrl).GetLeftPart(UriPartial.Authority);
        var styleHash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(bannerStyle)));
        return PortalResponse.File(200, "text/html; charset=utf-8", page, new Dictionary<string, string>
        {
            // No script runs in a preview (sandbox without allow-scripts); styles and images come from the public site.
            ["Content-Security-Policy"] = $"default-src 'none'; style-src {site} 'sha256-{styleHash}'; img-src {site} data:; font-src {site}; base-uri {site}; form-action 'none'; frame-ancestors 'none'; sandbox allow-popups",
            ["X-Robots-Tag"] = "noindex, nofollow",
        });
    }
}
