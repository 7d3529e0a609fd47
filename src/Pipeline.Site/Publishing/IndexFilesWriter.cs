using Pipeline.Site.Catalog;
using Pipeline.Site.Feeds;
using Pipeline.Site.Pages;
using Pipeline.Site.Stores;

namespace Pipeline.Site.Publishing;

/// <summary>
/// The files that index the whole site: the JSON API shards and manifest, the report sitemaps and sitemap index, the
/// Atom feed of the latest reports and the front page (which shows the newest of them by 发布日期).
/// </summary>
internal sealed class IndexFilesWriter(ISiteStore site, SiteOptions options)
{
    private const int FrontPageSize = 20;

    public async Task WriteApiAsync(SiteWriteSession run, CatalogShards catalog, SortedSet<int> changedRanks)
    {
        var shards = (catalog.Count + SiteFeeds.ApiShardSize - 1) / SiteFeeds.ApiShardSize;
        foreach (var shard in changedRanks.Select(r => r / SiteFeeds.ApiShardSize).Distinct())
        {
            var ranks = Enumerable.Range(shard * SiteFeeds.ApiShardSize, Math.Min(SiteFeeds.ApiShardSize, catalog.Count - shard * SiteFeeds.ApiShardSize));
            var live = await catalog.LiveEntriesAsync(ranks).ConfigureAwait(false);
            await run.WriteAsync(site, SiteFeeds.ApiShardPath(shard), SiteFeeds.ApiShardJson(options, shard, live), SiteHeaders.Json, SiteHeaders.ShortCache).ConfigureAwait(false);
        }
        var liveCount = catalog.LiveCount();
        await run.WriteAsync(site, "api/reports/index.json", SiteFeeds.ApiManifestJson(liveCount, shards), SiteHeaders.Json, SiteHeaders.ShortCache).ConfigureAwait(false);
    }

    public async Task WriteSitemapsAsync(SiteWriteSession run, CatalogShards catalog, SortedSet<int> changedRanks)
    {
        var shards = (catalog.Count + SiteFeeds.SitemapShardSize - 1) / SiteFeeds.SitemapShardSize;
        foreach (var shard in changedRanks.Select(r => r / SiteFeeds.SitemapShardSize).Distinct())
        {
            var urls = new List<(string, DateOnly?)>();
            for (var rank = shard * SiteFeeds.SitemapShardSize; rank < Math.Min(catalog.Count, (shard + 1) * SiteFeeds.SitemapShardSize); rank++)
            {
                var row = await catalog.RowAsync(rank).ConfigureAwait(false);
                if (!row.Withdrawn) urls.Add((SiteUrls.Report(row.Slug), row.LastModified));
            }
            await run.WriteAsync(site, SiteFeeds.SitemapShardPath(shard), SiteFeeds.SitemapUrls(options, urls), SiteHeaders.Xml, SiteHeaders.ShortCache).ConfigureAwait(false);
        }
        var index = new[] { "/sitemaps/pages.xml" }.Concat(Enumerable.Range(0, shards).Select(k => SiteFeeds.SitemapShardPath(k, rooted: true)));
        await run.WriteAsync(site, "sitemap.xml", SiteFeeds.SitemapIndex(options, index), SiteHeaders.Xml, SiteHeaders.ShortCache).ConfigureAwait(false);
    }

    public async Task WriteLatestAsync(SiteWriteSession run, CatalogShards catalog)
    {
        var latestRanks = new List<int>();
        for (var rank = catalog.Count - 1; rank >= 0 && latestRanks.Count < SiteFeeds.FeedSize; rank--)
            if (!(await catalog.RowAsync(rank).ConfigureAwait(false)).Withdrawn) latestRanks.Add(rank);
        var newestFirst = await catalog.LiveEntriesAsync(latestRanks).ConfigureAwait(false);
        await run.WriteAsync(site, "feed.xml", SiteFeeds.AtomFeed(options, newestFirst), SiteHeaders.Atom, SiteHeaders.ShortCache).ConfigureAwait(false);
        // 最新发布: of the latest published, the newest by 发布日期 first (a report published late with an older
        // 发布日期 sits below newer ones), the publish sequence deciding between reports of the same day.
        var front = newestFirst
            .OrderByDescending(e => e.DisplayDate ?? DateOnly.MinValue).ThenByDescending(e => e.Sequence)
            .Take(FrontPageSize).Reverse().ToList();
        var years = catalog.LiveYears();
        await run.WriteAsync(site, "index.html", SitePages.FrontPage(options, front, years), SiteHeaders.Html, SiteHeaders.ShortCache).ConfigureAwait(false);
    }
}
