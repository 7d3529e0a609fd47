using System.Net;
using Microsoft.Extensions.Configuration;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Stages;

namespace Pipeline.Functions.Tests.Http;

/// <summary>
/// GET /api/status answers only about the caller's own agencies (App Service authentication principal, app role
/// Agency.&lt;folder&gt;), and refuses everything else without telling another agency's reports from missing ones.
/// </summary>
public sealed class StatusFunctionTests(StatusFunctionTests.Reports reports) : IClassFixture<StatusFunctionTests.Reports>
{
    /// <summary>One Azurite with two agencies' uploads validated and rendered (one report each, one held).</summary>
    public sealed class Reports : IAsyncLifetime
    {
        public AzuriteInstance Azurite { get; private set; } = null!;
        public PipelineTestHost Host { get; private set; } = null!;
        public string PingliangCode { get; private set; } = "";
        public string GaopingCode { get; private set; } = "";

        public async Task InitializeAsync()
        {
            Azurite = await AzuriteInstance.StartNewAsync();
            Host = await PipelineTestHost.StartAsync(Azurite);
            await Host.UploadAsync("pingliang", "own.txt", TestReports.Make("平凉市2025年政府信息公开工作年度报告", "全年主动公开政府信息八百条。"));
            // Another agency's report that must stay private: held for privacy review, title and all.
            await Host.UploadAsync("gaoping", "other.txt", TestReports.Make("南充市高坪区2025年政府信息公开工作年度报告", "联系人手机13912345678。", publisher: "南充市高坪区人民政府"));
            await Host.ProcessUploadsAsync();
            PingliangCode = (await Host.UploadOutcomeAsync("pingliang", "own.txt"))!.IndexCode!;
            GaopingCode = (await Host.UploadOutcomeAsync("gaoping", "other.txt"))!.IndexCode!;
        }

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            await Azurite.DisposeAsync();
        }
    }

    private static readonly string UnknownCode = "01362021X2/2026-999";

    private StatusFunction Function(bool authEnabled = true) => new(
        reports.Host.Get<ReportAdmin>(), reports.Host.Get<AgencyAccess>(),
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ClientPrincipal.AuthEnabledSetting] = authEnabled ? "True" : null }).Build());

    private static string Principal(params string[] roles) => new ClientPrincipal("aad", "name", "roles",
        [new PrincipalClaim("name", "someone@example.gov.cn"), .. roles.Select(r => new PrincipalClaim("roles", r))]).ToHeader();

    private async Task<TestHttpResponseData> GetAsync(string pathAndQuery, string? principalHeader, bool authEnabled = true)
    {
        var context = new TestFunctionContext(reports.Host.Services);
        var headers = principalHeader is null ? [] : new[] { KeyValuePair.Create(ClientPrincipal.HeaderName, principalHeader) };
        var request = new TestHttpRequestData(context, "GET", "https://func.example/api/" + pathAndQuery, headers: headers);
        // The route parameter as the host binds it: the rest of the path after status/, still URL-encoded.
        var path = request.Url.AbsolutePath;
        var indexCode = path.StartsWith("/api/status/", StringComparison.Ordinal) ? path["/api/status/".Length..] : null;
        return (TestHttpResponseData)await Function(authEnabled).RunAsync(request, indexCode, CancellationToken.None);
    }

    private static string Code(string indexCode) => "status/" + Uri.EscapeDataString(indexCode);

    [Fact]
    public async Task An_agency_sees_its_own_report_and_upload()
    {
        var report = await GetAsync(Code(reports.PingliangCode), Principal(AgencyAccess.RoleFor("pingliang")));
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal(reports.PingliangCode, report.Json.GetProperty("indexCode").GetString());
        Assert.Equal("no-store", report.Header("Cache-Control"));

        // The agency parameter may be left out when the account has one agency.
        var upload = await GetAsync("status?file=own.txt", Principal(AgencyAccess.RoleFor("pingliang")));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal(reports.PingliangCode, upload.Json.GetProperty("indexCode").GetString());
    }

    [Fact]
    public async Task Another_agencys_report_answers_exactly_as_an_unknown_index_code()
    {
        var pingliang = Principal(AgencyAccess.RoleFor("pingliang"));
        var other = await GetAsync(Code(reports.GaopingCode), pingliang);
        var unknown = await GetAsync(Code(UnknownCode), pingliang);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(unknown.Text, other.Text);
        Assert.Equal(string.Join('|', unknown.Headers.Select(h => h.Key + "=" + string.Join(",", h.Value))),
            string.Join('|', other.Headers.Select(h => h.Key + "=" + string.Join(",", h.Value))));
        Assert.DoesNotContain("高坪", other.Text, StringComparison.Ordinal);

        // The owner does see it (so the 404 above is the scope, not a missing report).
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(Code(reports.GaopingCode), Principal(AgencyAccess.RoleFor("gaoping")))).StatusCode);
    }

    [Fact]
    public async Task Another_agencys_upload_answers_exactly_as_an_unknown_file()
    {
        var pingliang = Principal(AgencyAccess.RoleFor("pingliang"));
        var other = await GetAsync("status?agency=gaoping&file=other.txt", pingliang);
        var unknownFile = await GetAsync("status?agency=gaoping&file=none.txt", pingliang);
        var ownUnknown = await GetAsync("status?agency=pingliang&file=none.txt", pingliang);
        Assert.All([other, unknownFile, ownUnknown], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal(ownUnknown.Text, other.Text);
        Assert.Equal(unknownFile.Text, other.Text);
    }

    [Fact]
    public async Task Callers_without_a_registered_agency_role_are_refused()
    {
        // No principal, or a header that is not one: 401.
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(Code(reports.PingliangCode), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(Code(reports.PingliangCode), "bm90IGpzb24=")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(Code(reports.PingliangCode), "%%%")).StatusCode);
        // Signed in, but no agency role, a role for a folder the registry does not know, or a look-alike: 403.
        foreach (var roles in new[] { Array.Empty<string>(), ["Pipeline.Operator"], [AgencyAccess.RoleFor("nosuch")], ["agency.pingliang"], [AgencyAccess.RoleFor("pingliang/..")], [AgencyAccess.RolePrefix] })
        {
            var response = await GetAsync(Code(reports.PingliangCode), Principal(roles));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"roles [{string.Join(", ", roles)}]: {response.StatusCode} {response.Text}");
        }
        // A claim that is not a role does not count.
        var notARole = new ClientPrincipal("aad", "name", "roles", [new PrincipalClaim("groups", AgencyAccess.RoleFor("pingliang"))]).ToHeader();
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(Code(reports.PingliangCode), notARole)).StatusCode);
    }

    [Fact]
    public async Task Without_App_Service_authentication_the_header_is_not_believed_and_nothing_is_answered()
    {
        var response = await GetAsync(Code(reports.PingliangCode), Principal(AgencyAccess.RoleFor("pingliang")), authEnabled: false);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.DoesNotContain(reports.PingliangCode, response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_input_is_a_400_and_several_agencies_must_name_one()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync("status", Principal(AgencyAccess.RoleFor("pingliang")))).StatusCode);
        var both = Principal(AgencyAccess.RoleFor("pingliang"), AgencyAccess.RoleFor("gaoping"));
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync("status?file=own.txt", both)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("status?agency=gaoping&file=other.txt", both)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(Code(reports.PingliangCode), both)).StatusCode);
    }
}
