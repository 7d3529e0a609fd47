using Pipeline.Core.Statistics;
using Pipeline.Core.Timeliness;
using Pipeline.Site.Catalog;

namespace Pipeline.Site.Statistics;

/// <summary>
/// One published report's template tables as the statistics section keeps them (in the publisher's private state,
/// one file per report year): what the per-report open data, the year dataset and the comparison pages are built from.
/// </summary>
/// <param name="IndexCode">索引号 of the report.</param>
/// <param name="Slug">URL segment of the report page.</param>
/// <param name="Title">The report's title as listed.</param>
/// <param name="Publisher">The agency as listed (its registered name).</param>
/// <param name="PublisherSlug">URL segment of the agency (<see cref="Site.Slug.FromPublisher"/>).</param>
/// <param name="Year">The year the report is about (its title's year), or null when the title names none.</param>
/// <param name="Sequence">Publish sequence: orders the records of a year, and the later of two reports of one agency and year wins.</param>
/// <param name="Statistics">The template tables, as analysis read them.</param>
/// <param name="Timeliness">How timely its publication was; null in records kept before the site assessed it.</param>
public sealed record StatisticsRecord(
    string IndexCode,
    string Slug,
    string Title,
    string Publisher,
    string PublisherSlug,
    int? Year,
    long Sequence,
    ReportStatistics Statistics,
    StatisticsTimeliness? Timeliness = null)
{
    /// <summary>The record of a report about to be published, or null when it has no template table.</summary>
    /// <param name="publisherKind">The agency's kind in the registry, for the annual report's deadline (Unknown: the names decide).</param>
    public static StatisticsRecord? For(SiteEntry entry, ReportStatistics? statistics, PublisherKind publisherKind = PublisherKind.Unknown)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (statistics is null || statistics.Tables.Count == 0) return null;
        return new StatisticsRecord(entry.IndexCode, entry.Slug, entry.Title, entry.Publisher, entry.PublisherSlug,
            StatisticsReader.ReportYear(entry.Title), entry.Sequence, statistics, StatisticsTimeliness.Of(entry, publisherKind));
    }
}
