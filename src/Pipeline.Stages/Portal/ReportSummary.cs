namespace Pipeline.Stages.Portal;

/// <summary>One report of the caller's agency in GET /api/portal/reports.</summary>
public sealed record ReportSummary(
    string IndexCode,
    string? Title,
    int Year,
    PortalState State,
    int Version,
    string FileName,
    DateTimeOffset? ReleaseAt,
    DateTimeOffset? PublishedAt,
    string? PublicUrl,
    DateTimeOffset? WithdrawnAt,
    string? WithdrawalReason,
    bool CanPreview,
    IReadOnlyList<ReportVersionSummary> Versions);
