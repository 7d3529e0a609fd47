using Pipeline.Core.Model;

namespace Pipeline.Site.Reports;

/// <summary>The resolved metadata a report page shows (after the pipeline assigned what was missing).</summary>
/// <param name="Publisher">发布机构 as the document wrote it (the metadata grid shows this).</param>
/// <param name="ListPublisher">
/// The publisher whose list the report is on, when it differs from <paramref name="Publisher"/> (the agency's
/// registered name); the page's publisher links go there. Null: <paramref name="Publisher"/>.
/// </param>
/// <param name="Versions">版本记录: the versions that went (or go) public, oldest first, each with its change note; empty: none shown.</param>
public sealed record PageMetadata(
    string Title,
    string? IndexCode,
    string? Publisher,
    DateOnly? GeneratedDate,
    string? PublicScope,
    DateOnly? ReleaseDate,
    DateOnly? Revised,
    int Version = 1,
    string? ListPublisher = null,
    OriginalFile? Original = null,
    IReadOnlyList<PageVersion>? Versions = null)
{
    /// <summary>The publisher list the page links to: <see cref="ListPublisher"/>, else <see cref="Publisher"/>.</summary>
    public string? LinkedPublisher => string.IsNullOrWhiteSpace(ListPublisher) ? Publisher : ListPublisher;

    public static PageMetadata From(ReportMetadata m, string fallbackTitle) => new(
        m.Title.Value ?? fallbackTitle,
        m.IndexCode.Value,
        m.Publisher.Value,
        m.GeneratedDate.Value,
        m.PublicScope.Value,
        m.ReleaseDate.Value,
        null);
}
