using System.Diagnostics;
using System.Net;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Stages;
using Pipeline.Storage;
using Xunit.Abstractions;

namespace Pipeline.Integration.Tests.Hardening;

/// <summary>Faults inside one run of the stages: a webhook that hangs or fails, and a poison render request.</summary>
public sealed class StageFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private AzuriteInstance _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteInstance.StartNewAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task A_hanging_then_failing_webhook_never_blocks_publishing_and_gets_every_notification_later()
    {
        await using var hook = new FlakyWebhook();
        await using var host = await PipelineTestHost.StartAsync(_azurite, settings: new Dictionary<string, string?> { ["Pipeline:Webhooks:0"] = hook.Url });

        hook.Mode = FlakyWebhook.Behaviour.Hang;
        await host.UploadAsync("pingliang", "a.txt", HardeningReports.Report("平凉市通知测试报告甲", "正文甲。", "01362021X2/2025-60001", "主动公开"));
        await host.DrainAsync();
        var (first, firstDuration) = await PublishMovingTheClockAsync(host);
        Assert.Equal(1, first.Published);
        Assert.Equal(1, first.WebhooksPending);
        Assert.NotNull(await host.ReadTextAsync(StorageNames.WebContainer, "reports/01362021X2-2025-60001/index.html"));

        hook.Mode = FlakyWebhook.Behaviour.Fail500;
        await host.UploadAsync("pingliang", "b.txt", HardeningReports.Report("平凉市通知测试报告乙", "正文乙。", "01362021X2/2025-60002", "主动公开"));
        await host.DrainAsync();
        var (second, secondDuration) = await PublishMovingTheClockAsync(host);
        Assert.Equal(1, second.Published);
        Assert.Equal(2, second.WebhooksPending);
        Assert.NotNull(await host.ReadTextAsync(StorageNames.WebContainer, "reports/01362021X2-2025-60002/index.html"));

        hook.Mode = FlakyWebhook.Behaviour.Accept;
        var (third, _) = await PublishMovingTheClockAsync(host);
        Assert.Equal(2, third.WebhooksDelivered);
        Assert.Equal(0, third.WebhooksPending);
        Assert.Empty(await host.Get<WebhookOutbox>().ListAsync(CancellationToken.None));
        var delivered = string.Join("\n", hook.AcceptedBodies);
        Assert.Contains("/reports/01362021X2-2025-60001/", delivered);
        Assert.Contains("/reports/01362021X2-2025-60002/", delivered);

        output.WriteLine($"publish runs finished with the clock driven 1 s per 50 ms (host time {firstDuration.TotalSeconds:0} s with a hanging webhook, {secondDuration.TotalSeconds:0} s with a failing one); " +
                         $"requests seen: {hook.Requests} (hang {hook.Hung}, 500 {hook.Failed}, accepted {hook.AcceptedBodies.Count})");
    }

    /// <summary>
    /// Runs the publish stage while moving the host's fake clock a second per 50 ms of real time: the webhook client's
    /// timeouts run on the host's TimeProvider, so a hanging endpoint is given up after its attempt timeout of host
    /// time. Returns the outcome and how much host time the run took.
    /// </summary>
    private static async Task<(PublishOutcome Outcome, TimeSpan HostTime)> PublishMovingTheClockAsync(PipelineTestHost host)
    {
        var start = host.Time.GetUtcNow();
        var run = host.PublishNowAsync();
        var realDeadline = DateTime.UtcNow.AddSeconds(120);
        while (!run.IsCompleted && DateTime.UtcNow < realDeadline)
        {
            await Task.WhenAny(run, Task.Delay(50));
            if (!run.IsCompleted) host.Time.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.True(run.IsCompleted, "the publish run did not finish within 120 s of real time");
        return (await run, host.Time.GetUtcNow() - start);
    }

    [Fact]
    public async Task A_render_request_whose_parsed_document_is_corrupt_is_parked_with_its_reason_and_the_rest_flows()
    {
        await using var host = await PipelineTestHost.StartAsync(_azurite, settings: new Dictionary<string, string?>
        {
            ["Pipeline:MaxRenderAttempts"] = "3",
            ["Pipeline:RenderVisibilityTimeoutSeconds"] = "1",
        });
        const string poison = "01362021X2/2025-61001";
        const string healthy = "01362021X2/2025-61002";
        await host.UploadAsync("pingliang", "poison.txt", HardeningReports.Report("平凉市毒消息测试报告", "毒消息正文。", poison, "主动公开"));
        await host.UploadAsync("pingliang", "healthy.txt", HardeningReports.Report("平凉市正常报告", "正常正文。", healthy, "主动公开"));
        await host.Get<IncomingScanner>().RunOnceAsync(2, CancellationToken.None);
        var entry = await host.LatestAsync(poison);
        await host.Container(StorageNames.ParsedContainer).GetBlobClient(entry!.ParsedBlob).UploadAsync(new BinaryData("{\"document\": {\"blocks\": [{\"$type\": \"table\", "), overwrite: true);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await host.LatestAsync(poison))!.State != ReportState.Failed && DateTime.UtcNow < deadline)
        {
            await host.Get<RenderQueueProcessor>().RunOnceAsync(CancellationToken.None);
            await Task.Delay(1100); // the failed message becomes visible again after the 1 s visibility timeout
        }
        await host.PublishNowAsync();

        var status = await host.Get<ReportAdmin>().GetByIndexCodeAsync(poison, CancellationToken.None);
        Assert.Equal(ReportState.Failed, status!.State);
        Assert.StartsWith("rendering failed:", status.Reason);
        Assert.Contains("after 3 attempts", status.Reason);
        Assert.Equal(ReportState.Published, (await host.LatestAsync(healthy))!.State);
        Assert.Equal(0, (await host.Get<Azure.Storage.Queues.QueueServiceClient>().GetQueueClient(StorageNames.RenderQueue).GetPropertiesAsync()).Value.ApproximateMessagesCount);

        var (exit, cli) = await CliProcess.RunAsync(_azurite, "status", poison);
        output.WriteLine(cli);
        Assert.Equal(0, exit);
        Assert.Contains("Failed", cli);
        Assert.Contains("rendering failed:", cli);
    }

    [Fact]
    public async Task A_due_report_whose_staged_data_cannot_be_read_is_parked_with_its_reason_and_never_blocks_the_others()
    {
        await using var host = await PipelineTestHost.StartAsync(_azurite);
        const string poison = "01362021X2/2025-62001";
        const string healthy = "01362021X2/2025-62002";
        await host.UploadAsync("pingliang", "poison.txt", HardeningReports.Report("平凉市发布毒数据测试报告", "毒数据正文。", poison, "主动公开"));
        await host.UploadAsync("pingliang", "healthy.txt", HardeningReports.Report("平凉市发布正常报告", "正常正文。", healthy, "主动公开"));
        await host.DrainAsync();
        // Rendered and due; then what the publisher reads back is damaged (truncated JSON).
        var entry = await host.LatestAsync(poison);
        Assert.Equal(ReportState.Rendered, entry!.State);
        // Publishing reads the report render staged with the page (not parsed/).
        var page = (await host.Get<ReportBlobs>().GetStagedAsync(entry.StagingBlob!)).Page;
        await host.Container(StorageNames.StagingContainer).GetBlobClient(entry.StagingBlob!)
            .UploadAsync(new BinaryData(StagedFiles.Pack(page.Span, "{\"entry\": {\"title\": "u8)), overwrite: true);

        var first = await host.PublishNowAsync();
        var second = await host.PublishNowAsync();

        Assert.Equal(1, first.Published);
        Assert.Equal(ReportState.Published, (await host.LatestAsync(healthy))!.State);
        var parked = await host.LatestAsync(poison);
        Assert.Equal(ReportState.Failed, parked!.State);
        Assert.StartsWith("publishing failed:", parked.Reason);
        Assert.Empty(await host.Get<DueIndex>().ListAsync(CancellationToken.None));
        Assert.Equal(0, second.DueRowsHandled);
        Assert.Null(await host.ReadTextAsync(StorageNames.WebContainer, "reports/01362021X2-2025-62001/index.html"));
    }

    /// <summary>A webhook endpoint on 127.0.0.1 that hangs, answers 500, or accepts, as the test switches it.</summary>
    internal sealed class FlakyWebhook : IAsyncDisposable
    {
        public enum Behaviour { Hang, Fail500, Accept }

        private readonly HttpListener _listener = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly List<HttpListenerContext> _hanging = [];
        private readonly Task _loop;

        public FlakyWebhook()
        {
            var port = AzuriteInstance.FreePorts(1)[0];
            Url = $"http://127.0.0.1:{port}/hook/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _loop = Task.Run(LoopAsync);
        }

        public string Url { get; }
        public volatile Behaviour Mode;
        public int Requests, Hung, Failed;
        public List<string> AcceptedBodies { get; } = [];

        private async Task LoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                Interlocked.Increment(ref Requests);
                using var reader = new StreamReader(context.Request.InputStream);
                var body = await reader.ReadToEndAsync();
                switch (Mode)
                {
                    case Behaviour.Hang:
                        Interlocked.Increment(ref Hung);
                        lock (_hanging) _hanging.Add(context); // never answered
                        break;
                    case Behaviour.Fail500:
                        Interlocked.Increment(ref Failed);
                        context.Response.StatusCode = 500;
                        context.Response.Close();
                        break;
                    default:
                        lock (AcceptedBodies) AcceptedBodies.Add(body);
                        context.Response.StatusCode = 204;
                        context.Response.Close();
                        break;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            lock (_hanging) foreach (var c in _hanging) c.Response.Abort();
            _listener.Stop();
            _listener.Close();
            await _loop.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
        }
    }
}

/// <summary>Runs the real CLI (one-shot commands) against a test Azurite.</summary>
public static class CliProcess
{
    public static async Task<(int Exit, string Output)> RunAsync(AzuriteInstance azurite, params string[] args)
    {
        var info = new ProcessStartInfo(PipelineHostProcess.Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment[PipelineOptions.StorageKey] = azurite.ConnectionString;
        info.Environment["PIPELINE_SETTINGS"] = "/nonexistent/local.settings.json";
        info.Environment["Pipeline__AgenciesFile"] = RepoPaths.AgenciesFile;
        using var process = ChildProcesses.Start(info);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            return (process.ExitCode, await stdout + await stderr);
        }
        finally
        {
            ChildProcesses.Kill(process);
        }
    }
}
