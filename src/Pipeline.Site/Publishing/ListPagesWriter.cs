using Pipeline.Site.Catalog;
using Pipeline.Site.Feeds;
using Pipeline.Site.Pages;
using Pipeline.Site.Stores;

namespace Pipeline.Site.Publishing;

/// <summary>
/// The year and publisher lists, paged: a list shows its live reports newest first in pages of
/// <see cref="SiteOptions.PageSize"/>, numbered from the oldest (a page never changes when newer pages appear), plus
/// the year and publisher directories and the sitemap of these pages. Only the pages a run's changed ranks touch are
/// rewritten.
/// </summary>
internal sealed class ListPagesWriter(ISiteStore site, SiteOptions options)
{
    private int PageSize => Math.Max(1, options.PageSize);

    /// <summary>
    /// Before any report page is written: every list a new page links to exists, so a run killed
    /// between the pages and the lists leaves no link to a missing page. A list that does not exist yet is written
    /// as it stood before this run (usually empty); the lists phase then writes it in full.
    /// </summary>
    public async Task WriteLinkTargetsAsync(SiteWriteSession run, CatalogShards catalog, IEnumerable<int> pageRanks)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var rank in pageRanks)
            foreach (var key in ListKey.KeysOf(await catalog.RowAsync(rank).ConfigureAwait(false)))
            {
                if (!keys.Add(key.Name)) continue;
                var path = SiteUrls.FileOf(key.Url);
                if (await run.ReadAsync(site, path).ConfigureAwait(false) is not null) continue;
                var before = catalog.Members(key, before: true);
                var size = PageSize;
                var pages = Math.Max(1, (before.Count + size - 1) / size);
                var newest = await catalog.LiveEntriesAsync(before.From((pages - 1) * size)).ConfigureAwait(false);
                var heading = key.IsYear ? key.Key + "年发布的信息" : catalog.PublisherName(key.Key) + "发布的信息";
                await run.WriteAsync(site, path, SitePages.ListPage(options, heading, key.Url, newest, pages, pages, landing: true), SiteHeaders.Html, SiteHeaders.ShortCache).ConfigureAwait(false);
            }
    }

    /// <summary>Writes the affected lists and the directories; returns the list files to delete once nothing links to them.</summary>
    public async Task<List<string>> WriteListsAsync(SiteWriteSession run, CatalogShards catalog, SortedSet<int> changedRanks)
    {
        var affected = new SortedSet<ListKey>(Comparer<ListKey>.Create((a, b) =>
            a.IsYear != b.IsYear ? a.IsYear.CompareTo(b.IsYear) : string.CompareOrdinal(a.Key, b.Key)));
        foreach (var row in await catalog.TouchedRowsAsync(changedRanks).ConfigureAwait(false))
            foreach (var key in ListKey.KeysOf(row)) affected.Add(key);
        var emptied = new List<string>();
        foreach (var key in affected)
        {
            // A run that only appends knows each list from its last page before the run on: the pages before it are
            // unchanged (the members before the offset are the same before and after).
            var before = catalog.Members(key, before: true);
            var after = catalog.Members(key, before: false);
            var size = PageSize;
            int pagesBefore = (before.Count + size - 1) / size, pagesAfter = (after.Count + size - 1) / size;
            var dirty = new SortedSet<int>();
            var firstDifference = after.Offset;
            while (firstDifference < Math.Min(before.Count, after.Count) && before[firstDifference] == after[firstDifference]) firstDifference++;
            for (var page = firstDifference / size; page < pagesAfter; page++) dirty.Add(page);
            for (var i = after.Offset; i < after.Count; i++) if (changedRanks.Contains(after[i])) dirty.Add(i / size);
            if (pagesBefore != pagesAfter && Math.Min(pagesBefore, pagesAfter) > 0) dirty.Add(Math.Min(pagesBefore, pagesAfter) - 1);

            var heading = key.IsYear ? key.Key + "年发布的信息" : catalog.PublisherName(key.Key) + "发布的信息";
            // New pages link to each other (newer/older): each is first written as if it were the last page, so it
            // links only to pages that exist, and then in full below.
            for (var page = pagesBefore; page < pagesAfter; page++)
            {
                var entries = await catalog.LiveEntriesAsync(after.From(page * size).Take(size)).ConfigureAwait(false);
                var bytes = SitePages.ListPage(options, heading, key.Url, entries, page + 1, page + 1, landing: false);
                await run.WriteAsync(site, SiteUrls.FileOf(SiteUrls.ListPage(key.Url, page + 1)), bytes, SiteHeaders.Html, SiteHeaders.ShortCache).ConfigureAwait(false);
            }
            foreach (var page in dirty)
            {
                var entries = await catalog.LiveEntriesAsync(after.From(page * size).Take(size)).ConfigureAwait(false);
                var bytes = SitePages.ListPage(options, heading, key.Url, entries, page + 1, pagesAfter, landing: false);
                await run.WriteAsync(site, SiteUrls.FileOf(SiteUrls.ListPage(key.Url, page + 1)), bytes, SiteHeaders.Html, SiteHeaders.ShortCache).ConfigureAwait(false);
            }
            for (var page = pagesAfter; page < pagesBefore; page++)
                emptied.Add(SiteUrls.FileOf(SiteUrls.ListPage(key.Url, page + 1)));
            if (pagesAfter == 0)
            {
                emptied.Add(SiteUrls.FileOf(key.Url));
                continue;
            }
            var newest = await catalog.LiveEntriesAsync(after.From((pagesAfter - 1) * size)).ConfigureAwait(false);
            var landing = SitePages.ListPage(options, heading, key.Url, newest, pagesAfter, pagesAfter, landing: true);
            await run.WriteAsync(site, SiteUrls.FileOf(key.Url), landing, SiteHeaders.Html, SiteHeaders.ShortCache).ConfigureAwait(false);
        }

        var years = catalog.LiveYears();
        await run.WriteAsync(site, "years/index.html", SitePages.YearDirectory(options, years), SiteHeaders.Html, SiteHeaders.ShortCache).ConfigureAwait(false);
        var publishers = catalog.LivePublishers()
            .Select(slug => (slug, catalog.PublisherName(slug)))
            .OrderBy(p => p.Item2, StringComparer.Ordinal).ThenBy(p => p.slug, StringComparer.Ordinal).ToList();
        await run.WriteAsync(site, "publishers/index.html", SitePages.PublisherDirectory(options, publishers), SiteHeaders.Html, SiteHeaders.ShortCache).ConfigureAwait(false);
        await run.WriteAsync(site, "sitemaps/pages.xml", SiteFeeds.SitemapUrls(options,
            new[] { "/", "/years/", "/publishers/", "/search/" }
                .Concat(years.Select(SiteUrls.Year))
                .Concat(publishers.Select(p => SiteUrls.Publisher(p.slug)))
                .Select(url => (url, (DateOnly?)null))), SiteHeaders.Xml, SiteHeaders.ShortCache).ConfigureAwait(false);
        return emptied;
    }
}
