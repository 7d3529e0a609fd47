using Pipeline.Site.Catalog;
using Pipeline.Site.Stores;

namespace Pipeline.Site.Statistics;

/// <summary>
/// Writes the oversight view of every published report (<see cref="TimelinessPages"/>) from the catalog, whose rows
/// carry each report's assessment (<see cref="CatalogTimeliness"/>) and whose list states keep their counts per year
/// and agency (<see cref="CatalogListState"/>): no state of its own, so an incremental run and a rebuild write the
/// same bytes. A run rewrites the pages of the years and agencies its changed rows were in before or are in now, then
/// the index; a page left without published reports is deleted.
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
        var years = new SortedSet<int>();
        var agencies = new SortedSet<string>(StringComparer.Ordinal);
        if (touched is null)
        {
            years.UnionWith(catalog.LiveYears());
            agencies.UnionWith(catalog.LivePublishers());
        }
        else
        {
            foreach (var row in touched)
            {
                years.Add(row.Year);
                agencies.Add(row.PublisherSlug);
            }
            if (years.Count == 0) return;
        }

        var emptied = new List<string>();
        foreach (var year in years)
        {
            var counts = catalog.ListState(ListKey.OfYear(year)).Timeliness
                .Select(p => (Slug: p.Key, Name: catalog.PublisherName(p.Key), Counts: p.Value))
                .OrderBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.Slug, StringComparer.Ordinal).ToList();
            var path = SiteUrls.FileOf(StatisticsUrls.TimelinessYear(year));
            if (counts.Count == 0) emptied.Add(path);
            else await run.WriteAsync(site, path, TimelinessPages.Year(options, year, counts), SiteHeaders.Html, SiteHeaders.ShortCache).ConfigureAwait(false);
        }
        foreach (var agency in agencies)
        {
            var state = catalog.ListState(new ListKey(false, agency));
            var path = SiteUrls.FileOf(StatisticsUrls.TimelinessAgency(agency));
            if (state.Count == 0)
            {
                emptied.Add(path);
                continue;
            }
            var byYear = state.Timeliness.Select(p => (Year: ListKey.OfName("y:" + p.Key).Year, Counts: p.Value)).OrderBy(y => y.Year).ToList();
            // Newest first: the latest published ranks are the ones an overseer has not seen yet.
            var listed = new List<(SiteEntry, CatalogTimeliness?)>();
            foreach (var report in state.Listed)
                listed.Add(((await catalog.GetAsync(report.Rank).ConfigureAwait(false)).Entry, report.Timeliness));
            await run.WriteAsync(site, path, TimelinessPages.Agency(options, agency, catalog.PublisherName(agency), byYear, listed, state.Attention),
                SiteHeaders.Html, SiteHeaders.ShortCache).ConfigureAwait(false);
        }
        var names = catalog.LivePublishers().Select(slug => (slug, catalog.PublisherName(slug)))
            .OrderBy(a => a.Item2, StringComparer.Ordinal).ThenBy(a => a.slug, StringComparer.Ordinal).ToList();
        await run.WriteAsync(site, SiteUrls.FileOf(StatisticsUrls.Timeliness), TimelinessPages.Index(options, catalog.YearTimeliness(), names), SiteHeaders.Html, SiteHeaders.ShortCache).ConfigureAwait(false);
        // Pages nothing links to any more (the index and the pages of the other years and agencies were rewritten above).
        foreach (var path in emptied) await run.DeleteAsync(site, path).ConfigureAwait(false);
    }
}
