using Cronos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Stages;

namespace Pipeline.Cli.Hosting;

/// <summary>
/// Provisions storage and seeds the registry before the other workers start (waits for storage if it is down).
/// The other workers await <see cref="Ready"/>.
/// </summary>
public sealed class StartupWorker(PipelineStartup startup, TimeProvider time, ILogger<StartupWorker> logger) : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => _ready.Task;

    /// <summary>Creates containers, queues and tables again (idempotent); used by the workers when some are missing.</summary>
    public Task ReprovisionAsync(CancellationToken ct) => startup.RunAsync(ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pipeline = WorkerLoop.CreatePipeline(logger, "start-up", time);
        await pipeline.ExecuteAsync(async ct => await startup.RunAsync(ct), stoppingToken);
        logger.LogInformation("Storage ready");
        _ready.TrySetResult();
    }
}

/// <summary>Polls incoming/ and validates what it finds (the blob trigger's job in Azure).</summary>
public sealed class IncomingWorker(StartupWorker startup, IncomingScanner scanner, IOptions<PipelineOptions> options, TimeProvider time, ILogger<IncomingWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await startup.Ready.WaitAsync(stoppingToken);
        var pipeline = WorkerLoop.CreatePipeline(logger, "incoming scanner", time, startup.ReprovisionAsync);
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.IncomingScanIntervalSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            await pipeline.ExecuteAsync(async ct => await scanner.RunOnceAsync(Environment.ProcessorCount, ct), stoppingToken);
            await Task.Delay(interval, time, stoppingToken);
        }
    }
}

/// <summary>Works the render queue (the queue trigger's job in Azure).</summary>
public sealed class RenderWorker(StartupWorker startup, RenderQueueProcessor processor, TimeProvider time, ILogger<RenderWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await startup.Ready.WaitAsync(stoppingToken);
        var pipeline = WorkerLoop.CreatePipeline(logger, "render worker", time, startup.ReprovisionAsync);
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = await pipeline.ExecuteAsync(async ct => await processor.RunOnceAsync(ct), stoppingToken);
            if (handled == 0) await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
        }
    }
}

/// <summary>Runs the publish stage on the PublishSchedule (6-field NCRONTAB, like the Functions timer), via Cronos.</summary>
public sealed class PublishWorker(StartupWorker startup, PublishStage publish, IConfiguration configuration, TimeProvider time, ILogger<PublishWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await startup.Ready.WaitAsync(stoppingToken);
        var schedule = configuration[PipelineOptions.PublishScheduleKey] ?? PipelineOptions.DefaultPublishSchedule;
        var cron = CronExpression.Parse(schedule, CronFormat.IncludeSeconds);
        logger.LogInformation("Publishing on schedule '{Schedule}'", schedule);
        var pipeline = WorkerLoop.CreatePipeline(logger, "publisher", time, startup.ReprovisionAsync);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = cron.GetNextOccurrence(now, TimeZoneInfo.Utc);
            if (next is null) return;
            await Task.Delay(next.Value - now, time, stoppingToken);
            var outcome = await pipeline.ExecuteAsync(async ct => await publish.RunAsync(ct), stoppingToken);
            if (outcome.Published > 0 || outcome.Withdrawn > 0 || outcome.Skipped is not null)
                logger.LogInformation("Publish run: {Outcome}", outcome.Summary);
        }
    }
}
