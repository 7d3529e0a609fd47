using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Configuration;
using Pipeline.Stages;

namespace Pipeline.Functions;

/// <summary>
/// Where an agency's upload or report is: GET /api/status/&lt;index code&gt; and GET /api/status?file=&lt;file name&gt;
/// [&amp;agency=&lt;folder&gt;]. Callers sign in through App Service authentication; every answer is scoped to the
/// agencies their app roles grant (<see cref="AgencyAccess"/>). Another agency's report or upload answers exactly as
/// one that does not exist (404), so index codes, which are sequential, cannot be probed.
/// </summary>
public sealed class StatusFunction(ReportAdmin admin, AgencyAccess access, IConfiguration configuration)
{
    public const string Name = "GetStatus";

    /// <summary>
    /// The one answer for a report that does not exist and for another agency's: no echo of the request, so the two
    /// cannot be told apart by status, headers or body.
    /// </summary>
    public const string NoSuchReport = "No report of yours has this index code.";

    public const string NoSuchUpload = "No upload of yours has this agency and file name.";

    /// <remarks>
    /// AuthorizationLevel.Anonymous: the caller is identified by the platform's principal header, not by a key shared
    /// by all agencies. Where authentication is not enabled the header could be forged, so nothing is answered.
    /// One function for both forms: a catch-all route parameter is optional, so two functions would compete for
    /// "/api/status". Index codes contain '/' (e.g. 00638229X4/2019-1513549): clients send them URL-encoded
    /// (%2F), which the route leaves encoded, or as a literal path, which the catch-all also accepts.
    /// </remarks>
    [Function(Name)]
    public async Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "status/{*indexCode}")] HttpRequestData request,
        string? indexCode,
        CancellationToken cancellationToken)
    {
        if (!ClientPrincipal.IsTrusted(configuration[ClientPrincipal.AuthEnabledSetting]))
            return await HttpJson.ProblemAsync(request, HttpStatusCode.ServiceUnavailable,
                "App Service authentication is not enabled for this app, so callers cannot be identified; see README \"Agencies see only their own\".", cancellationToken).ConfigureAwait(false);

        var principal = ClientPrincipal.FromHeader(request.Headers.TryGetValues(ClientPrincipal.HeaderName, out var values) ? values.FirstOrDefault() : null);
        if (principal is null)
            return await HttpJson.ProblemAsync(request, HttpStatusCode.Unauthorized, "Sign in first.", cancellationToken).ConfigureAwait(false);

        var agencies = await access.AgenciesOfAsync(principal, cancellationToken).ConfigureAwait(false);
        if (agencies.Count == 0)
            return await HttpJson.ProblemAsync(request, HttpStatusCode.Forbidden,
                $"Your account has no agency role ({AgencyAccess.RolePrefix}<folder>); ask the operator to assign one.", cancellationToken).ConfigureAwait(false);

        if (!string.IsNullOrEmpty(indexCode))
        {
            var code = Uri.UnescapeDataString(indexCode).Trim();
            var report = await admin.GetByIndexCodeAsync(code, cancellationToken).ConfigureAwait(false);
            return report is null || !agencies.Contains(report.Agency)
                ? await HttpJson.ProblemAsync(request, HttpStatusCode.NotFound, NoSuchReport, cancellationToken).ConfigureAwait(false)
                : await HttpJson.WriteAsync(request, HttpStatusCode.OK, report, cancellationToken).ConfigureAwait(false);
        }

        var file = request.Query["file"]?.Trim();
        var agency = request.Query["agency"]?.Trim();
        if (string.IsNullOrEmpty(agency) && agencies.Count == 1) agency = agencies.First();
        if (string.IsNullOrEmpty(file) || string.IsNullOrEmpty(agency))
            return await HttpJson.ProblemAsync(request, HttpStatusCode.BadRequest,
                "Ask for /api/status/<index code> (URL-encoded) or /api/status?file=<file name> (with &agency=<folder> when your account has several agencies).", cancellationToken).ConfigureAwait(false);

        var upload = agencies.Contains(agency) ? await admin.GetByFileAsync(agency, file, cancellationToken).ConfigureAwait(false) : null;
        if (upload is null)
            return await HttpJson.ProblemAsync(request, HttpStatusCode.NotFound, NoSuchUpload, cancellationToken).ConfigureAwait(false);
        // A report is reached through its own agency's upload only; should the ledger ever say otherwise, show no report.
        if (upload.Report is { } linked && !agencies.Contains(linked.Agency)) upload = upload with { Report = null };
        return await HttpJson.WriteAsync(request, HttpStatusCode.OK, upload, cancellationToken).ConfigureAwait(false);
    }
}
