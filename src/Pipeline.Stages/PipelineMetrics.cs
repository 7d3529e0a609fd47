using System.Diagnostics.Metrics;

namespace Pipeline.Stages;

/// <summary>
/// The pipeline's instruments, on one <see cref="Meter"/> named <see cref="MeterName"/> (the Functions app exports it
/// to Azure Monitor with <c>AddMeter("Pipeline")</c>; locally any <see cref="MeterListener"/> or dotnet-counters sees it).
/// Created through <see cref="IMeterFactory"/> so each DI container owns its meter and tests can observe it in isolation.
/// </summary>
public sealed class PipelineMetrics
{
    public const string MeterName = "Pipeline";
    public const string UploadsReceived = "pipeline.uploads.received";
    public const string UploadsRejected = "pipeline.uploads.rejected";
    public const string ReportsPublished = "pipeline.reports.published";
    public const string PublishLag = "pipeline.publish.lag";
    /// <summary>Tag on <see cref="UploadsRejected"/>: the code of the first error (e.g. "unknown-agency", "empty-file").</summary>
    public const string ReasonTag = "reason";

    private readonly Counter<long> _received;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _published;
    private readonly Histogram<double> _publishLag;

    public PipelineMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _received = meter.CreateCounter<long>(UploadsReceived, "{upload}", "Uploads taken up by the validate stage (every outcome).");
        _rejected = meter.CreateCounter<long>(UploadsRejected, "{upload}", "Uploads rejected and quarantined, tagged with the first error code.");
        _published = meter.CreateCounter<long>(ReportsPublished, "{report}", "Report versions that went live on the site.");
        _publishLag = meter.CreateHistogram<double>(PublishLag, "s",
            "Seconds from a report's release time (or its receipt, when the release date lies before it) to the moment its page was live.");
    }

    public void UploadReceived() => _received.Add(1);

    public void UploadRejected(string reasonCode) =>
        _rejected.Add(1, new KeyValuePair<string, object?>(ReasonTag, string.IsNullOrEmpty(reasonCode) ? "unknown" : reasonCode));

    public void ReportPublished(TimeSpan lag)
    {
        _published.Add(1);
        // A clock step can make the difference slightly negative; a lag is never below zero.
        _publishLag.Record(Math.Max(0, lag.TotalSeconds));
    }
}
