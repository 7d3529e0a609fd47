using Pipeline.Core.Model;

namespace Pipeline.Core.Rendering;

/// <summary>The resolved metadata a report page shows (after the pipeline assigned what was missing).</summary>
public sealed record PageMetadata(
    string Title,
    string? IndexCode,
    string? Publisher,
    DateOnly? GeneratedDate,
    string? PublicScope,
    DateOnly? ReleaseDate,
    DateOnly? Revised,
    int Version = 1)
{
    public static PageMetadata From(ReportMetadata m, string fallbackTitle) => new(
        m.Title.Value ?? fallbackTitle,
        m.IndexCode.Value,
        m.Publisher.Value,
        m.GeneratedDate.Value,
        m.PublicScope.Value,
        m.ReleaseDate.Value,
        null);
}

public sealed record ReportPageModel(ReportDocument Document, PageMetadata Metadata);
