using Azure.Storage.Queues;
using Pipeline.Integration.Tests.Hardening;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Storage;

namespace Pipeline.Integration.Tests;

/// <summary>
/// The real local host (`pipeline run`) as a child process: killed with SIGKILL mid-run and restarted, it finishes
/// all work exactly once; with Azurite stopped and restarted under it, it waits and carries on.
/// These tests watch an external process, so they poll with a deadline (no fake clock can drive another process).
/// </summary>
public sealed class HostProcessTests : IAsyncLifetime
{
    private AzuriteInstance _azurite = null!;
    private PipelineTestHost _storage = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartNewAsync();
        _storage = await PipelineTestHost.StartAsync(_azurite);
    }

    public async Task DisposeAsync()
    {
        await _storage.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("timed out: " + describe());
            await Task.Delay(250);
        }
    }

    private async Task<int> PublishedCountAsync(IEnumerable<string> files)
    {
        var count = 0;
        foreach (var file in files)
        {
            var upload = await _storage.UploadOutcomeAsync("pingliang", file);
            if (upload?.IndexCode is null) continue;
            if ((await _storage.ReportAsync(upload.IndexCode))?.State == ReportState.Published) count++;
        }
        return count;
    }

    [Fact]
    public async Task A_host_killed_mid_run_and_restarted_finishes_all_work_exactly_once()
    {
        const int count = 30;
        var files = Enumerable.Range(0, count).Select(i => $"k{i:D2}.txt").ToList();
        for (var i = 0; i < count; i++)
        {
            // Half carry their own index code, half get one assigned from the agency's sequence.
            var code = i % 2 == 0 ? $"01362021X2/2025-{700 + i:D5}" : null;
            await _storage.UploadAsync("pingliang", files[i], TestReports.Make($"平凉市重启测试报告第{i}号", $"重启测试正文{i}。", code, "主动公开"));
        }
        await using var host = new PipelineHostProcess(_azurite, PipelineHostProcess.FastSettings());

        await host.StartAsync();
        await WaitUntilAsync(async () => (await _storage.ListBlobsAsync(StorageNames.IncomingContainer)).Count <= count - 3,
            TimeSpan.FromSeconds(90), () => host.LogText);
        await host.KillAsync();
        var leftAfterKill = (await _storage.ListBlobsAsync(StorageNames.IncomingContainer)).Count;
        await host.StartAsync();
        await WaitUntilAsync(async () => await PublishedCountAsync(files) == count, TimeSpan.FromSeconds(150),
            () => $"{host.LogText}\nincoming left after kill: {leftAfterKill}");

        var codes = new List<string>();
        var sequences = new List<long>();
        foreach (var file in files)
        {
            var upload = await _storage.UploadOutcomeAsync("pingliang", file);
            Assert.Equal("Accepted", upload!.Outcome);
            var history = await _storage.Get<ReportLedger>().ListVersionsAsync(upload.IndexCode!, CancellationToken.None);
            Assert.Single(history);
            var report = await _storage.ReportAsync(upload.IndexCode!);
            codes.Add(report!.IndexCode);
            sequences.Add(report.PublishSequence!.Value);
        }
        Assert.Equal(count, codes.Distinct().Count());
        Assert.Equal(count, sequences.Distinct().Count());
        Assert.Equal(count, await _storage.Get<Counters>().GetAsync("site", "publish", CancellationToken.None));
        Assert.Empty(await _storage.ListBlobsAsync(StorageNames.IncomingContainer));
        Assert.Equal(count, (await _storage.ListBlobsAsync(StorageNames.ArchiveContainer)).Count);
        var site = await _storage.ListBlobsAsync(StorageNames.WebContainer);
        Assert.Equal(count, site.Count(n => n.StartsWith("reports/", StringComparison.Ordinal) && n.EndsWith("/index.html", StringComparison.Ordinal)));
        await WaitUntilAsync(async () => (await _storage.Get<DueIndex>().ListAsync(CancellationToken.None)).Count == 0, TimeSpan.FromSeconds(30), () => "due rows left");
        var queue = _storage.Get<QueueServiceClient>().GetQueueClient(StorageNames.RenderQueue);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task The_host_survives_azurite_being_stopped_and_restarted()
    {
        await using var host = new PipelineHostProcess(_azurite, PipelineHostProcess.FastSettings());
        await host.StartAsync();
        await WaitUntilAsync(() => Task.FromResult(host.LogText.Contains("Storage ready")), TimeSpan.FromSeconds(60), () => host.LogText);

        await _azurite.StopAsync();
        await WaitUntilAsync(() => Task.FromResult(host.LogText.Contains("storage unreachable")), TimeSpan.FromSeconds(60), () => host.LogText);
        await _azurite.StartAsync();
        // A killed emulator may come back without its data: the host re-creates what is missing by itself.
        await WaitUntilAsync(async () => (await _storage.Container(StorageNames.IncomingContainer).ExistsAsync()).Value,
            TimeSpan.FromSeconds(90), () => host.LogText);
        await _storage.UploadAsync("pingliang", "after-restart.txt", TestReports.Make("平凉市存储重启后报告", "存储重启后上传的正文。", "01362021X2/2025-00800", "主动公开"));

        await WaitUntilAsync(async () => (await _storage.ReportAsync("01362021X2/2025-00800"))?.State == ReportState.Published,
            TimeSpan.FromSeconds(120), () => host.LogText);
        Assert.True(host.IsRunning, "the host exited while storage was down");
    }
}
