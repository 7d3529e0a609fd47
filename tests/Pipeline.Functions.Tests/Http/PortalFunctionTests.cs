using System.Net;
using Microsoft.Extensions.Configuration;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Stages;
using Pipeline.Stages.Portal;

namespace Pipeline.Functions.Tests.Http;

/// <summary>
/// The portal function maps /api/portal/... onto the same <see cref="PortalApi"/> the local host runs, trusting the
/// principal header only where App Service authentication is enabled, and never taking the agency from the request.
/// </summary>
public sealed class PortalFunctionTests(PortalFunctionTests.Reports reports) : IClassFixture<PortalFunctionTests.Reports>
{
    /// <summary>One Azurite with one pingliang report validated and rendered.</summary>
    public sealed class Reports : IAsyncLifetime
    {
        public AzuriteInstance Azurite { get; private set; } = null!;
        public PipelineTestHost Host { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Azurite = await AzuriteInstance.StartNewAsync();
            Host = await PipelineTestHost.StartAsync(Azurite);
            await Host.UploadAsync("pingliang", "own.txt", TestReports.Make("平凉市2025年政府信息公开工作年度报告", "全年主动公开政府信息八百条。", publicScope: "主动公开"));
            await Host.ProcessUploadsAsync();
        }

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            await Azurite.DisposeAsync();
        }
    }

    private PortalFunction Function(bool authEnabled) => new(reports.Host.Get<PortalApi>(),
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ClientPrincipal.AuthEnabledSetting] = authEnabled ? "True" : null }).Build());

    private static string Principal(params string[] roles) => new ClientPrincipal("aad", "name", "roles",
        [new PrincipalClaim("name", "clerk@example.gov.cn"), .. roles.Select(r => new PrincipalClaim("roles", r))]).ToHeader();

    private async Task<TestHttpResponseData> SendAsync(string method, string pathAndQuery, string? principal, bool authEnabled = true, string? body = null, bool portalHeader = false)
    {
        var context = new TestFunctionContext(reports.Host.Services);
        var headers = new List<KeyValuePair<string, string>> { KeyValuePair.Create("Host", "func.example") };
        if (principal is not null) headers.Add(KeyValuePair.Create(ClientPrincipal.HeaderName, principal));
        if (portalHeader) headers.Add(KeyValuePair.Create(PortalApi.CsrfHeader, "1"));
        if (body is not null) headers.Add(KeyValuePair.Create("Content-Type", "application/json"));
        var request = new TestHttpRequestData(context, method, "https://func.example/api/portal" + pathAndQuery, body, headers);
        var path = request.Url.AbsolutePath.Length > "/api/portal/".Length ? request.Url.AbsolutePath["/api/portal/".Length..] : null;
        return (TestHttpResponseData)await Function(authEnabled).RunAsync(request, path, CancellationToken.None);
    }

    [Fact]
    public async Task Without_App_Service_authentication_the_page_loads_but_the_API_answers_503()
    {
        var page = await SendAsync("GET", "/", null, authEnabled: false);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("text/html", page.Header("Content-Type"));
        Assert.Contains("script-src 'self'", page.Header("Content-Security-Policy"));

        var me = await SendAsync("GET", "/me", Principal(AgencyAccess.RoleFor("pingliang")), authEnabled: false);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, me.StatusCode);
    }

    [Fact]
    public async Task Signed_out_callers_are_sent_to_the_Entra_ID_sign_in_and_the_bare_path_is_redirected()
    {
        var me = await SendAsync("GET", "/me", null);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.StartsWith("/.auth/login/aad?post_login_redirect_uri=", me.Json.GetProperty("signInUrl").GetString());
        Assert.Equal("请先登录。", me.Json.GetProperty("message").GetString());

        var bare = await SendAsync("GET", "", null);
        Assert.Equal(HttpStatusCode.MovedPermanently, bare.StatusCode);
        Assert.Equal("/api/portal/", bare.Header("Location"));
    }

    [Fact]
    public async Task A_clerk_sees_their_agency_and_their_own_upload_only()
    {
        var me = await SendAsync("GET", "/me", Principal(AgencyAccess.RoleFor("pingliang")));
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("pingliang", me.Json.GetProperty("agency").GetString());
        Assert.Equal("平凉市人民政府", me.Json.GetProperty("publisherName").GetString());
        Assert.Equal(20L * 1024 * 1024, me.Json.GetProperty("limits").GetProperty("maxBytes").GetInt64());

        var own = await SendAsync("GET", "/upload?file=own.txt", Principal(AgencyAccess.RoleFor("pingliang")));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("due", own.Json.GetProperty("state").GetProperty("key").GetString());

        // Another agency, even naming pingliang in the query, gets the answer a missing upload gets.
        var other = await SendAsync("GET", "/upload?file=own.txt&agency=pingliang", Principal(AgencyAccess.RoleFor("gaoping")));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task An_upload_URL_is_issued_for_the_callers_folder_only_and_only_with_the_portal_header()
    {
        var clerk = Principal(AgencyAccess.RoleFor("gaoping"));
        const string body = """{"fileName":"报告.docx","size":1024,"releaseAt":"2026-04-01T09:00","changeNote":"更正第三节数据"}""";
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("POST", "/uploads", clerk, body: body)).StatusCode);

        var ticket = await SendAsync("POST", "/uploads", clerk, body: body, portalHeader: true);
        Assert.Equal(HttpStatusCode.OK, ticket.StatusCode);
        var url = ticket.Json.GetProperty("uploadUrl").GetString()!;
        Assert.EndsWith("/incoming/gaoping/报告.docx", Uri.UnescapeDataString(new Uri(url).AbsolutePath), StringComparison.Ordinal);
        Assert.Contains("sp=cw&", new Uri(url).Query, StringComparison.Ordinal);
        var headers = ticket.Json.GetProperty("headers");
        Assert.Equal("BlockBlob", headers.GetProperty("x-ms-blob-type").GetString());
        // 09:00 in the site's time zone (Asia/Shanghai), and the note percent-encoded for blob metadata.
        Assert.Equal("2026-04-01T09:00:00.0000000+08:00", headers.GetProperty("x-ms-meta-releaseat").GetString());
        Assert.Equal(Uri.EscapeDataString("更正第三节数据"), headers.GetProperty("x-ms-meta-changenote").GetString());

        var tooLarge = await SendAsync("POST", "/uploads", clerk, body: """{"fileName":"a.pdf","size":99999999999}""", portalHeader: true);
        Assert.Equal(HttpStatusCode.BadRequest, tooLarge.StatusCode);
        Assert.Equal("file-size", tooLarge.Json.GetProperty("code").GetString());
        var legacy = await SendAsync("POST", "/uploads", clerk, body: """{"fileName":"a.wps","size":10}""", portalHeader: true);
        Assert.Equal("file-type", legacy.Json.GetProperty("code").GetString());
    }
}
