using Azure.Data.Tables;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Storage;
using Xunit.Abstractions;

namespace Pipeline.Integration.Tests.Hardening;

/// <summary>
/// No lost notification: a run that changed more URLs than one outbox row can hold notifies all of them, and a run
/// that died after writing the site is completed by the next one with every URL it changed announced.
/// In-process stages on a private Azurite; the webhook is an HttpListener on 127.0.0.1.
/// </summary>
public sealed class NotificationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private AzuriteInstance _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteInstance.StartNewAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task Six_hundred_reports_published_in_one_run_are_all_notified()
    {
        await using var hook = new StageFaultTests.FlakyWebhook { Mode = StageFaultTests.FlakyWebhook.Behaviour.Accept };
        await using var host = await PipelineTestHost.StartAsync(_azurite, settings: new Dictionary<string, string?> { ["Pipeline:Webhooks:0"] = hook.Url });
        var codes = await UploadAsync(host, 600, 70000);
        await host.DrainAsync();

        var outcome = await host.PublishNowAsync();

        output.WriteLine($"{outcome.Summary}; {hook.AcceptedBodies.Count} POSTs, {hook.AcceptedBodies.Sum(b => b.Length):N0} bytes");
        Assert.Equal(600, outcome.Published);
        Assert.Equal(0, outcome.WebhooksPending);
        AssertEveryReportNotified(hook, codes);
        Assert.Empty(await host.Get<WebhookOutbox>().ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_run_that_died_after_the_site_writes_is_completed_with_every_changed_url_notified()
    {
        await using var hook = new StageFaultTests.FlakyWebhook { Mode = StageFaultTests.FlakyWebhook.Behaviour.Accept };
        await using var host = await PipelineTestHost.StartAsync(_azurite, settings: new Dictionary<string, string?> { ["Pipeline:Webhooks:0"] = hook.Url });
        var codes = await UploadAsync(host, 40, 71000);
        await host.DrainAsync();

        // The run dies at the first storage call after its site writes: the outbox table is gone at that moment.
        var tables = host.Get<TableServiceClient>();
        await tables.DeleteTableAsync(StorageNames.OutboxTable);
        await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(host.PublishNowAsync);
        Assert.NotNull(await host.ReadTextAsync(StorageNames.WebContainer, "reports/" + Slug(codes[0]) + "/index.html"));
        Assert.Empty(hook.AcceptedBodies);
        await tables.CreateTableIfNotExistsAsync(StorageNames.OutboxTable);

        // The next run finds the pages already right (it writes nothing new for them) and still announces them all.
        var completing = await host.PublishNowAsync();

        output.WriteLine($"completing run: {completing.Summary}; {hook.AcceptedBodies.Count} POSTs");
        AssertEveryReportNotified(hook, codes);
        Assert.Empty(await host.Get<DueIndex>().ListAsync(CancellationToken.None));
        foreach (var code in codes) Assert.Equal(ReportState.Published, (await host.LatestAsync(code))!.State);
    }

    private static async Task<List<string>> UploadAsync(PipelineTestHost host, int count, int firstSequence)
    {
        var codes = new List<string>();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var code = $"01362021X2/2025-{firstSequence + i:D5}";
            lock (codes) codes.Add(code);
            await host.UploadAsync("pingliang", $"n{firstSequence + i}.txt",
                HardeningReports.Report($"平凉市通知测试报告第{i}号", $"通知测试正文第{i}号。", code, "主动公开"));
        });
        codes.Sort(StringComparer.Ordinal);
        return codes;
    }

    private static string Slug(string indexCode) => Pipeline.Site.Slug.FromIndexCode(indexCode);

    private static void AssertEveryReportNotified(StageFaultTests.FlakyWebhook hook, IEnumerable<string> codes)
    {
        string delivered;
        lock (hook.AcceptedBodies) delivered = string.Join("\n", hook.AcceptedBodies);
        var missing = codes.Where(code => !delivered.Contains("/reports/" + Slug(code) + "/", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} report URL(s) never notified, e.g. {string.Join(", ", missing.Take(5))}");
    }
}
