namespace Pipeline.Stages.Portal;

/// <summary>GET /api/portal/upload?file=…: what happened to one upload of the caller's agency, and the report it became.</summary>
public sealed record UploadVerdict(
    string FileName,
    PortalState State,
    string? IndexCode,
    int? Version,
    string? Title,
    DateTimeOffset? ReleaseAt,
    DateTimeOffset? PublishedAt,
    string? PublicUrl,
    bool CanPreview,
    string? Reason,
    string? ChangeNote,
    IReadOnlyList<PortalFinding> Errors,
    IReadOnlyList<PortalFinding> Warnings,
    IReadOnlyList<PortalMetadataField> Metadata,
    int PersonalDataCount,
    bool Final);
