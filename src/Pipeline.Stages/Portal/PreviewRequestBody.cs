namespace Pipeline.Stages.Portal;

/// <summary>POST /api/portal/preview: the report to preview (it must be the caller's agency's).</summary>
public sealed record PreviewRequestBody(string? IndexCode);
