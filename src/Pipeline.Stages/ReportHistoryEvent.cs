namespace Pipeline.Stages;

/// <summary>One step of a report's history, as `pipeline status` and the status endpoint show it.</summary>
/// <param name="At">When it happened (an instant; shown in the site's time zone).</param>
/// <param name="Version">The version it concerns.</param>
/// <param name="Step">received, validated, held, approved, rendered, scheduled, published, revised, superseded, withdrawn, rejected, failed.</param>
/// <param name="By">Who did it, when a person did (approval, withdrawal); null for the pipeline.</param>
/// <param name="Detail">Why or how: the file name, the approval option, the withdrawal reason.</param>
public sealed record ReportHistoryEvent(DateTimeOffset At, int Version, string Step, string? By, string? Detail);
