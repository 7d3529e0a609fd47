using Pipeline.Site.Catalog;
using Pipeline.Site.Stores;

namespace Pipeline.Site.Statistics;

/// <summary>
/// Writes the oversight view of every published report (<see cref="TimelinessPages"/>) from the catalog rows, which
/// carry each report's assessment (<see cref="CatalogTimeliness"/>), its year (发布日期's) and agency: no state of its
/// own, so an incremental run and a rebuild write the same bytes. A run rewrites the pages of the years and agencies
/// its changed rows were in before or are in now, then the index; a page left without published reports is deleted.
/// </summary>
internal sealed class TimelinessWriter(ISiteStore site, SiteOptions options)
{
    /// <summary>The view's index page, so the link from the statistics index never dangles (written once, empty).</summary>
    public static async Task EnsureIndexAsync(SiteWriteSession run, ISiteStore site, SiteOptions options)
    {
        var path = SiteUrls.FileOf(StatisticsUrls.Timeliness);
        if (await run.ReadAsync(site, path).ConfigureAwait(false) is null)
            await run.WriteAsync(site, path, TimelinessPages.Index(options, [], []), SiteHeaders.Html, SiteHeaders.ShortCache).ConfigureAwait(false);
    }

    /// <summary>
    /// After the report pages and withdrawal notices (the agency pages link to reports).
    /// </summary>
    /// <param name="touched">The changed ranks' rows as they were before the run and as they are now; null: every year and agency (a rebuild).</param>
    public async Task WriteAsync(SiteWriteSession run, CatalogShards catalog, IEnumerable<CatalogRow>? touched)
    {
        var live = catalog.Rows.Select((row, rank) => (Row: row, Rank: rank)).Where(r => !r.Row.Withdrawn).ToList();
        var years = new SortedSet<int>();
        var agencies = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var row in touched ?? live.Select(r => r.Row))
        {
            years.Add(row.Year);
            agencies.Add(row.PublisherSlug);
        }
        if (years.Count == 0 && touched is not null) return;

        var emptied = new List<string>();
        foreach (var year in years)
        {
            var counts = live.Where(r => r.Row.Year == year).GroupBy(r => r.Row.PublisherSlug, StringComparer.Ordinal)
                .Select(g => (Slug: g.Key, Name: catalog.PublisherName(g.Key), Counts: TimelinessCounts.Of(g.Select(r => r.Row))))
                .OrderBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.Slug, StringComparer.Ordinal).ToList();
            var path = SiteUrls.FileOf(StatisticsUrls.TimelinessYear(year));
            if (counts.Count == 0) emptied.Add(path);
            else await run.WriteAsync(site, path, TimelinessPages.Year(options, year, counts), SiteHeaders.Html, SiteHeaders.ShortCache).ConfigureAwait(false);
        }
        foreach (var agency in agencies)
        {
            var rows = live.Where(r => r.Row.PublisherSlug == agency).ToList();
            var path = SiteUrls.FileOf(StatisticsUrls.TimelinessAgency(agency));
            if (rows.Count == 0)
            {
                emptied.Add(path);
                continue;
            }
            var byYear = rows.GroupBy(r => r.Row.Year).OrderBy(g => g.Key).Select(g => (g.Key, TimelinessCounts.Of(g.Select(r => r.Row)))).ToList();
            var attention = rows.Where(r => TimelinessView.NeedsAttention(r.Row.Timeliness)).ToList();
            var listed = new List<(SiteEntry, CatalogTimeliness?)>();
            // Newest first: the latest published ranks are the ones an overseer has not seen yet.
            foreach (var (row, rank) in attention.OrderByDescending(r => r.Rank).Take(TimelinessPages.ListedReports))
                listed.Add(((await catalog.GetAsync(rank).ConfigureAwait(false)).Entry, row.Timeliness));
            await run.WriteAsync(site, path, TimelinessPages.Agency(options, agency, catalog.PublisherName(agency), byYear, listed, attention.Count),
                SiteHeaders.Html, SiteHeaders.ShortCache).ConfigureAwait(false);
        }
        var index = live.GroupBy(r => r.Row.Year).Select(g => (g.Key, TimelinessCounts.Of(g.Select(r => r.Row)))).ToList();
        var names = live.Select(r => r.Row.PublisherSlug).Distinct(StringComparer.Ordinal).Select(slug => (slug, catalog.PublisherName(slug)))
            .OrderBy(a => a.Item2, StringComparer.Ordinal).ThenBy(a => a.slug, StringComparer.Ordinal).ToList();
        await run.WriteAsync(site, SiteUrls.FileOf(StatisticsUrls.Timeliness), TimelinessPages.Index(options, index, names), SiteHeaders.Html, SiteHeaders.ShortCache).ConfigureAwait(false);
        // Pages nothing links to any more (the index and the pages of the other years and agencies were rewritten above).
        foreach (var path in emptied) await run.DeleteAsync(site, path).ConfigureAwait(false);
    }
}
