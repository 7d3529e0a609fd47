using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pipeline.Stages;

namespace Pipeline.Functions;

/// <summary>Publishes what is due, on the schedule in the PublishSchedule app setting (6-field NCRONTAB, UTC).</summary>
public sealed partial class PublishSiteFunction(PublishStage stage, ILogger<PublishSiteFunction> logger)
{
    public const string Name = "PublishSite";

    /// <remarks>
    /// UseMonitor keeps the schedule's last/next occurrence in storage so a restart does not skip a run. Overlap with
    /// a manual publish (POST /api/publish, `pipeline publish`) is safe: the stage takes a blob lease itself.
    /// </remarks>
    [Function(Name)]
    public async Task RunAsync([TimerTrigger("%" + PipelineOptions.PublishScheduleKey + "%", UseMonitor = true)] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (timer.IsPastDue) LogPastDue(logger);
        var outcome = await stage.RunAsync(cancellationToken).ConfigureAwait(false);
        LogPublished(logger, outcome.Summary);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Publish run is past due (the app was idle or restarting at the scheduled time)")]
    private static partial void LogPastDue(ILogger logger);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Publish run finished: {Summary}")]
    private static partial void LogPublished(ILogger logger, string summary);
}
