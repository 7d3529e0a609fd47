using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Stages;
using Pipeline.Storage;

namespace Pipeline.Functions.Tests.Http;

/// <summary>The operator endpoints' status codes, bodies and refusals (each test on its own Azurite).</summary>
public sealed class AdminFunctionsTests : IAsyncLifetime
{
    private AzuriteInstance _azurite = null!;
    private PipelineTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartNewAsync();
        _host = await PipelineTestHost.StartAsync(_azurite);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    private AdminFunctions Functions => new(_host.Get<PublishStage>(), _host.Get<ReportAdmin>(), NullLogger<AdminFunctions>.Instance);

    private TestHttpRequestData Post(string route, string? body) =>
        new(new TestFunctionContext(_host.Services), "POST", "https://func.example/api/" + route, body);

    private async Task<string> PublishedReportAsync()
    {
        await _host.UploadAsync("pingliang", "r.txt", TestReports.Make("平凉市2025年政府信息公开工作年度报告", "全年主动公开政府信息八百条。"));
        await _host.ProcessUploadsAsync();
        return (await _host.UploadOutcomeAsync("pingliang", "r.txt"))!.IndexCode!;
    }

    [Fact]
    public async Task Publish_answers_200_with_the_outcome_and_409_while_another_run_holds_the_lease()
    {
        await PublishedReportAsync();
        await using (var other = await BlobLease.AcquireAsync(_host.Container(StorageNames.LocksContainer), PublishStage.LeaseBlobName,
                         TimeSpan.FromSeconds(60), _host.Time, CancellationToken.None))
        {
            Assert.NotNull(other);
            var busy = (TestHttpResponseData)await Functions.PublishAsync(Post("publish", null), CancellationToken.None);
            Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
            Assert.Contains("lease", busy.Json.GetProperty("skipped").GetString(), StringComparison.Ordinal);
        }

        var done = (TestHttpResponseData)await Functions.PublishAsync(Post("publish", null), CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.False(done.Json.TryGetProperty("skipped", out _));
        Assert.Equal("application/json; charset=utf-8", done.Header("Content-Type"));
    }

    [Fact]
    public async Task Withdraw_refuses_missing_or_malformed_input_with_400()
    {
        string?[] bodies =
        [
            null, "", "not json", "[]", "{\"indexCode\": \"01362021X2/2026-1\"}",
            "{\"indexCode\": \"01362021X2/2026-1\", \"reason\": \"   \"}", "{\"reason\": \"错误\"}",
        ];
        foreach (var body in bodies)
        {
            var response = (TestHttpResponseData)await Functions.WithdrawAsync(Post("withdraw", body), CancellationToken.None);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body ?? "(no body)"}: {response.StatusCode}");
            Assert.Equal(400, response.Json.GetProperty("status").GetInt32());
        }
    }

    [Fact]
    public async Task Withdraw_answers_404_for_an_unknown_code_and_200_for_a_known_one()
    {
        var code = await PublishedReportAsync();
        var unknown = (TestHttpResponseData)await Functions.WithdrawAsync(Post("withdraw", "{\"indexCode\": \"01362021X2/2026-999\", \"reason\": \"错误\"}"), CancellationToken.None);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.False(unknown.Json.GetProperty("found").GetBoolean());

        var known = (TestHttpResponseData)await Functions.WithdrawAsync(Post("withdraw", $"{{\"indexCode\": \"{code}\", \"reason\": \"含有错误\"}}"), CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(ReportState.Withdrawn, (await _host.ReportAsync(code))!.State);
    }

    [Fact]
    public async Task Body_larger_than_the_limit_is_refused_unparsed()
    {
        var body = "{\"indexCode\": \"x\", \"reason\": \"" + new string('长', HttpJson.MaxBodyBytes) + "\"}";
        var response = (TestHttpResponseData)await Functions.WithdrawAsync(Post("withdraw", body), CancellationToken.None);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Approve_refuses_a_bad_decision_400_unknown_code_404_and_a_report_not_held_409()
    {
        var code = await PublishedReportAsync();
        var bad = (TestHttpResponseData)await Functions.ApproveAsync(Post("approve", $"{{\"indexCode\": \"{code}\", \"decision\": \"Whatever\"}}"), CancellationToken.None);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("PublishMasked", bad.Json.GetProperty("message").GetString(), StringComparison.Ordinal);

        var unknown = (TestHttpResponseData)await Functions.ApproveAsync(Post("approve", "{\"indexCode\": \"01362021X2/2026-999\", \"decision\": \"PublishMasked\"}"), CancellationToken.None);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var notHeld = (TestHttpResponseData)await Functions.ApproveAsync(Post("approve", $"{{\"indexCode\": \"{code}\", \"decision\": \"PublishAsIs\"}}"), CancellationToken.None);
        Assert.Equal(HttpStatusCode.Conflict, notHeld.StatusCode);
        Assert.False(notHeld.Json.GetProperty("approved").GetBoolean());
    }
}
