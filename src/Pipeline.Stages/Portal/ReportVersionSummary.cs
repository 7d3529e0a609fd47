namespace Pipeline.Stages.Portal;

/// <summary>One version of a report in the history.</summary>
public sealed record ReportVersionSummary(int Version, string State, string FileName, string? ChangeNote, DateTimeOffset ReceivedAt);
