
using Pipeline.Site.Reports;

namespace Pipeline.Site.Catalog;

/// <summary>One published report as the site lists it.</summary>
/// <param name="IndexCode">索引号: the report's identity on the site (a revision keeps it).</param>
/// <param name="Slug">URL segment of the report page, <see cref="Site.Slug.FromIndexCode"/>.</param>
/// <param name="PublisherSlug">URL segment of the publisher list, <see cref="Site.Slug.FromPublisher"/>.</param>
/// <param name="Version">1 for the first publication, incremented by each revision.</param>
/// <param name="Sequence">
/// Publish sequence number, assigned once when the report is first published and kept across revisions. It must
/// grow with publish order: it orders the JSON shards, list pages and search segments, so an incremental publish
/// and a rebuild of the same entries produce the same files.
/// </param>
/// <param name="PublishedAt">When this version went public (feeds and JSON show it; never the wall clock of a run).</param>
public sealed record SiteEntry(
    string IndexCode,
    string Slug,
    string Title,
    string Publisher,
    string PublisherSlug,
    DateOnly? GeneratedDate,
    string? PublicScope,
    DateOnly? ReleaseDate,
    DateOnly? Revised,
    int Version,
    long Sequence,
    DateTimeOffset PublishedAt)
{
    /// <summary>
    /// The entry for a rendered page's metadata, with slugs derived the way the page's links derive them: it is listed
    /// under the publisher the page links to (<see cref="PageMetadata.LinkedPublisher"/>: the agency's registered name
    /// when the document spells it otherwise), so every report of one agency is on one publisher list.
    /// </summary>
    public static SiteEntry From(PageMetadata metadata, long sequence, DateTimeOffset publishedAt)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var code = metadata.IndexCode ?? throw new ArgumentException("A published report needs an index code.", nameof(metadata));
        var publisher = metadata.LinkedPublisher ?? "";
        return new SiteEntry(code.Trim(), Site.Slug.FromIndexCode(code), metadata.Title.Trim(), publisher.Trim(),
            Site.Slug.FromPublisher(publisher), metadata.GeneratedDate, metadata.PublicScope, metadata.ReleaseDate,
            metadata.Revised, Math.Max(1, metadata.Version), sequence, publishedAt);
    }

    /// <summary>The year list the entry is on (<see cref="SiteCalendar.ListYear"/>: release, generated or publish date).</summary>
    public int ListYear(SiteCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.ListYear(ReleaseDate, GeneratedDate, PublishedAt)!.Value;
    }

    /// <summary>
    /// True when statistics.json and statistics.csv sit beside the page (the report has template tables); null otherwise,
    /// so entries without them are stored and listed as before.
    /// </summary>
    public bool? HasStatistics { get; init; }

    /// <summary>
    /// The date lists and search results show as 发布日期 and sort by: the day the report went public on this site
    /// (never the 生成日期, which has its own label).
    /// </summary>
    public DateOnly? DisplayDate => ReleaseDate;
}
