using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Pipeline.Core.Model;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Stages;
using Pipeline.Storage;

namespace Pipeline.Functions.Tests.WebJobs;

/// <summary>
/// The app's triggers fire its function classes through the real WebJobs blob (Event Grid source), queue and timer
/// extensions, against Azurite, with host.json's extension settings.
/// </summary>
public sealed class TriggerTests
{
    private static readonly DateTimeOffset LongAgo = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task BlobCreated_event_under_the_infrastructure_function_name_validates_renders_and_the_timer_publishes()
    {
        var functionName = InfraNames.EventGridFunctionName();
        Assert.Equal(global::Host.Functions.IdPrefix + ValidateUploadFunction.Name, functionName);
        await using var host = await WebJobsTestHost.StartAsync(publishSchedule: "*/2 * * * * *");

        // Names a subscription could carry by mistake: a typo, and another function of the app.
        string[] wrongNames = [functionName + "s", global::Host.Functions.IdPrefix + RenderFunctions.RenderName];
        var ignored = new List<Azure.Storage.Blobs.BlobClient>();
        foreach (var (wrongName, i) in wrongNames.Select((n, i) => (n, i)))
            ignored.Add(await host.UploadAsync("pingliang", $"ignored-{i}.txt",
                TestReports.Make($"平凉市2025年政府信息公开工作年度报告(未触发{i})", "本报告只用于检验错误的函数名。"), LongAgo));
        var upload = await host.UploadAsync("pingliang", "report.txt",
            TestReports.Make("平凉市2025年政府信息公开工作年度报告", "全年主动公开政府信息一千二百条。"), LongAgo);

        // Event Grid sees success either way: the extension answers 202 before it knows whether the name is a function.
        for (var i = 0; i < wrongNames.Length; i++)
            Assert.Equal(HttpStatusCode.Accepted, await host.PostBlobCreatedAsync(ignored[i], wrongNames[i]));
        Assert.Equal(HttpStatusCode.Accepted, await host.PostBlobCreatedAsync(upload, functionName));

        var receipts = host.Get<UploadReceipts>();
        var accepted = await WebJobsTestHost.WaitForAsync(() => receipts.GetFileAsync("pingliang", "report.txt", CancellationToken.None),
            e => e is not null, "the upload's receipt");
        Assert.Equal("Accepted", accepted!.Outcome);
        var indexCode = accepted.IndexCode!;

        // The render queue trigger renders, and the timer (PublishSchedule every 2 s) publishes what is due.
        var ledger = host.Get<ReportLedger>();
        var published = await WebJobsTestHost.WaitForAsync(() => ledger.GetLatestAsync(indexCode, CancellationToken.None),
            e => e?.State == ReportState.Published, $"{indexCode} to be published");
        Assert.NotNull(published!.PublishedAt);
        var site = host.PipelineContainer(StorageNames.WebContainer);
        var pagesWithTitle = 0;
        await foreach (var item in site.GetBlobsAsync())
            if (item.Name.EndsWith(".html", StringComparison.Ordinal)
                && (await site.GetBlobClient(item.Name).DownloadContentAsync()).Value.Content.ToString().Contains("平凉市2025年政府信息公开工作年度报告", StringComparison.Ordinal))
                pagesWithTitle++;
        Assert.True(pagesWithTitle > 0, "no page of $web shows the report's title");

        // Both events have left the host's blob trigger queue (in AzureWebJobsStorage, not PipelineStorage) ...
        var hostQueues = new QueueServiceClient(host.HostStorage.ConnectionString);
        await WebJobsTestHost.WaitForAsync(async () =>
        {
            var waiting = 0;
            await foreach (var queue in hostQueues.GetQueuesAsync(prefix: "azure-webjobs-blobtrigger-"))
                waiting += (await hostQueues.GetQueueClient(queue.Name).PeekMessagesAsync(32)).Value.Length;
            return waiting;
        }, n => n == 0, "the host's blob trigger queue to drain");
        // ... and those posted under a wrong name did nothing: no receipt, the uploads still wait in incoming/.
        for (var i = 0; i < wrongNames.Length; i++)
        {
            Assert.Null(await receipts.GetFileAsync("pingliang", $"ignored-{i}.txt", CancellationToken.None));
            Assert.True((await ignored[i].ExistsAsync()).Value);
        }
        Assert.False((await upload.ExistsAsync()).Value);
        Assert.Equal(1, host.Invocations.Count(i => i.Function == ValidateUploadFunction.Name));
        Assert.Contains(host.Invocations, i => i.Function == RenderFunctions.RenderName && i.Succeeded);
        Assert.Contains(host.Invocations, i => i.Function == PublishSiteFunction.Name && i.Succeeded);
    }

    [Fact]
    public async Task Render_that_keeps_failing_reaches_the_poison_queue_after_maxDequeueCount_and_the_report_is_parked_as_Failed()
    {
        await using var host = await WebJobsTestHost.StartAsync(queueVisibilityTimeout: TimeSpan.Zero);
        var maxDequeueCount = host.HostJson.GetValue<int>("extensions:queues:maxDequeueCount");
        Assert.True(maxDequeueCount > 1, "host.json sets extensions.queues.maxDequeueCount");

        var upload = await host.UploadAsync("gaoping", "broken.txt",
            TestReports.Make("南充市高坪区2025年政府信息公开工作年度报告", "全年受理依申请公开三十件。", publisher: "南充市高坪区人民政府"), LongAgo);
        await host.PostBlobCreatedAsync(upload, InfraNames.EventGridFunctionName());
        var receipts = host.Get<UploadReceipts>();
        var accepted = await WebJobsTestHost.WaitForAsync(() => receipts.GetFileAsync("gaoping", "broken.txt", CancellationToken.None),
            e => e is not null, "the upload's receipt");
        var indexCode = accepted!.IndexCode!;
        var ledger = host.Get<ReportLedger>();
        var rendered = await WebJobsTestHost.WaitForAsync(() => ledger.GetLatestAsync(indexCode, CancellationToken.None),
            e => e?.State == ReportState.Rendered, $"{indexCode} to be rendered");
        // The ledger says Rendered from inside the invocation, a moment before the host records that invocation as done:
        // count the first render only once it is recorded, or it would be taken for one of the failing attempts below.
        var renderedOk = await WebJobsTestHost.WaitForAsync(
            () => Task.FromResult(host.Invocations.Count(i => i.Function == RenderFunctions.RenderName)),
            n => n > 0 && host.Invocations.Any(i => i.Function == RenderFunctions.RenderName && i.Succeeded), "the first render's invocation to be recorded");

        // The parsed document the renderer reads is lost: every further render of this version fails.
        await host.PipelineContainer(StorageNames.ParsedContainer).GetBlobClient(rendered!.ParsedBlob).DeleteAsync();
        var queues = host.Get<QueueServiceClient>();
        await queues.GetQueueClient(StorageNames.RenderQueue)
            .SendMessageAsync(JsonSerializer.Serialize(new RenderRequest(indexCode, rendered.Version), RenderRequest.JsonOptions));

        var failed = await WebJobsTestHost.WaitForAsync(() => ledger.GetLatestAsync(indexCode, CancellationToken.None),
            e => e?.State == ReportState.Failed, $"{indexCode} to be parked as Failed", TimeSpan.FromSeconds(180));
        Assert.StartsWith("rendering failed: no attempt succeeded", failed!.Reason, StringComparison.Ordinal);
        Assert.Contains(RenderFunctions.RenderName, failed.Reason, StringComparison.Ordinal);
        var attempts = host.Invocations.Where(i => i.Function == RenderFunctions.RenderName).Skip(renderedOk).ToList();
        Assert.Equal(maxDequeueCount, attempts.Count);
        Assert.All(attempts, a => Assert.False(a.Succeeded));
        // Failed is written from inside the poison invocation, a moment before the host records it as done.
        await WebJobsTestHost.WaitForAsync(
            () => Task.FromResult(host.Invocations.Any(i => i.Function == RenderFunctions.PoisonName && i.Succeeded)),
            recorded => recorded, "the poison invocation to be recorded as succeeded");
    }
}
