namespace Pipeline.Stages.Portal;

/// <summary>
/// POST /api/portal/uploads: the file the clerk is about to send. No agency field: the agency is the caller's role.
/// <paramref name="ReleaseAt"/> is a local date and time ("2026-03-02T09:00") read in the site's time zone.
/// </summary>
public sealed record UploadRequestBody(string? FileName, long Size, string? ReleaseAt, string? ChangeNote);
