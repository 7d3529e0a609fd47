using System.Globalization;
using System.Text.Json;
using Pipeline.Site.Catalog;
using Pipeline.Site.Feeds;
using Pipeline.Site.Html;
using Pipeline.Site.Pages;
using Pipeline.Site.Reports;
using Pipeline.Site.Search;
using Pipeline.Site.Stores;

namespace Pipeline.Site.Publishing;

/// <summary>
/// Publishes reports to the static site incrementally. Every artefact is a pure function of the catalog (all reports
/// ever published, in publish order, withdrawn ones kept as tombstones) so the incremental path and
/// <see cref="RebuildAsync"/> — which runs the same code from an empty state — write byte-identical files.
/// A run writes report pages first, then the lists/indexes that link to them, then its private state: a run that dies
/// half-way leaves no link to a missing page, and re-running it completes the work (files whose bytes are already
/// right are not written again, so republishing the same entries writes nothing).
/// </summary>
/// <param name="site">The public site ($web).</param>
/// <param name="state">Private state the publisher keeps between runs (catalog, full records, search layout).</param>
public sealed class SitePublisher(ISiteStore site, ISiteStore state, SiteOptions options)
{
    /// <summary>Reports whose pages a rebuild writes (and whose search terms it extracts) concurrently, as one batch.</summary>
    public const int RebuildBatchSize = 2000;

    private const string ShortCache = "public, max-age=300";
    private const string HtmlType = "text/html; charset=utf-8";
    private const string JsonType = "application/json; charset=utf-8";
    private const string SearchStatePath = "search.json";
    private const int FrontPageSize = 20;

    private readonly TimeZoneInfo _timeZone = FindTimeZone(options.TimeZone);
    private int PageSize => Math.Max(1, options.PageSize);

    /// <summary>
    /// Publishes new or revised reports and withdrawals into the existing site. Reports whose Sequence is not above
    /// every published one are still appended (publish order is arrival order); withdrawals of unknown index codes
    /// are ignored. Never throws for content; only storage failures and cancellation surface.
    /// </summary>
    public Task<SitePublishResult> PublishAsync(IReadOnlyList<PublishedReport> reports, IReadOnlyList<Withdrawal> withdrawals,
        CancellationToken cancellationToken = default) => RunAsync(reports, withdrawals, cancellationToken);

    /// <summary>
    /// Rebuilds the site from every report ever published (in Sequence order, including reports later withdrawn)
    /// and all withdrawals, ignoring the stored state. Output equals what incremental publishing produced: it is the
    /// same computation as one incremental run over an empty state, except that report pages are written (and their
    /// search terms extracted) as the reports stream in, on all cores, so only the terms are held until the end.
    /// Files of an older site that the new one does not produce are deleted at the end, if the site store can list
    /// its files (otherwise <see cref="SitePublishResult.Note"/> says they were left).
    /// </summary>
    public async Task<SitePublishResult> RebuildAsync(IAsyncEnumerable<PublishedReport> all, IReadOnlyList<Withdrawal> withdrawals,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(withdrawals);
        var run = new Run(site, state, cancellationToken);
        var ledger = new Ledger(state, new CatalogContents(), fresh: true);
        var terms = new Dictionary<int, IndexTerms>();
        var batch = new List<PublishedReport>(RebuildBatchSize);

        await WriteStaticFilesAsync(run).ConfigureAwait(false);
        async Task FlushAsync()
        {
            // Within a batch a revision replaces the earlier version; batches are written in order, so the last wins.
            var latest = new SortedDictionary<int, PublishedReport>();
            foreach (var report in batch)
                latest[await ledger.UpsertAsync(report.Entry, Row(report.Entry)).ConfigureAwait(false)] = report;
            var reports = latest.ToArray();
            var extracted = new IndexTerms[reports.Length];
            var pages = reports.Select(p => new PendingWrite(SiteUrls.FileOf(SiteUrls.Report(p.Value.Entry.Slug)), p.Value.PageHtml, HtmlType, ShortCache))
                .Concat(reports.Where(p => p.Value.Original is not null).Select(p => PendingWrite.Of(p.Value.Original!))).ToArray();
            await Task.WhenAll(
                run.WriteManyAsync(site, pages),
                Parallel.ForAsync(0, reports.Length, cancellationToken, (i, _) =>
                {
                    extracted[i] = Terms(reports[i].Value);
                    return ValueTask.CompletedTask;
                })).ConfigureAwait(false);
            for (var i = 0; i < reports.Length; i++) terms[reports[i].Key] = extracted[i];
            batch.Clear();
        }
        await foreach (var report in all.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            batch.Add(report);
            if (batch.Count == RebuildBatchSize) await FlushAsync().ConfigureAwait(false);
        }
        await FlushAsync().ConfigureAwait(false);

        foreach (var withdrawal in withdrawals)
        {
            var rank = await ledger.WithdrawAsync(withdrawal).ConfigureAwait(false);
            if (rank < 0) continue;
            terms.Remove(rank);
            await WriteWithdrawalNoticeAsync(run, ledger, rank, withdrawal).ConfigureAwait(false);
        }

        var allRanks = new SortedSet<int>(Enumerable.Range(0, ledger.Rows.Count));
        await WriteIndexesAsync(run, ledger, [], SearchManifest.Empty, allRanks, terms).ConfigureAwait(false);
        return await DeleteStaleFilesAsync(run).ConfigureAwait(false);
    }

    /// <summary>Deletes site files the rebuild did not produce (last: nothing the new site links to is among them).</summary>
    private async Task<SitePublishResult> DeleteStaleFilesAsync(Run run)
    {
        var listing = site.ListAsync("", run.CancellationToken);
        if (listing is null)
            return run.Result() with { Note = "The site store cannot list its files: files of an older site that this rebuild does not produce were left in place." };
        var stale = new List<string>();
        await foreach (var path in listing.ConfigureAwait(false))
            if (!run.Produced(path)) stale.Add(path);
        stale.Sort(StringComparer.Ordinal);
        foreach (var path in stale) await run.DeleteAsync(site, path).ConfigureAwait(false);
        return run.Result();
    }

    private async Task<SitePublishResult> RunAsync(IReadOnlyList<PublishedReport> reports, IReadOnlyList<Withdrawal> withdrawals,
        CancellationToken ct)
    {
        var run = new Run(site, state, ct);
        var ledger = await Ledger.LoadAsync(state, ct).ConfigureAwait(false);
        var searchBefore = await LoadSearchStateAsync(ct).ConfigureAwait(false);
        var rowsBefore = ledger.Rows.ToList();

        // 1. Apply the batch to the catalog.
        var changedRanks = new SortedSet<int>();
        var toIndex = new Dictionary<int, PublishedReport>();
        var withdrawn = new List<(int Rank, Withdrawal Withdrawal)>();
        foreach (var report in reports)
        {
            var rank = await ledger.UpsertAsync(report.Entry, Row(report.Entry)).ConfigureAwait(false);
            changedRanks.Add(rank);
            toIndex[rank] = report;
        }
        foreach (var withdrawal in withdrawals)
        {
            var rank = await ledger.WithdrawAsync(withdrawal).ConfigureAwait(false);
            if (rank < 0) continue;
            changedRanks.Add(rank);
            toIndex.Remove(rank);
            withdrawn.Add((rank, withdrawal));
        }

        // 2. Static files, the pages the new reports link to, then the report pages: everything later artefacts link to.
        await WriteStaticFilesAsync(run).ConfigureAwait(false);
        await WriteLinkTargetsAsync(run, ledger, rowsBefore, toIndex.Keys).ConfigureAwait(false);
        foreach (var (rank, report) in toIndex)
        {
            await run.WriteAsync(site, SiteUrls.FileOf(SiteUrls.Report(report.Entry.Slug)), report.PageHtml, HtmlType, ShortCache).ConfigureAwait(false);
            await WriteOriginalAsync(run, report).ConfigureAwait(false);
        }
        foreach (var (rank, withdrawal) in withdrawn)
            await WriteWithdrawalNoticeAsync(run, ledger, rank, withdrawal).ConfigureAwait(false);

        var terms = toIndex.ToDictionary(p => p.Key, p => Terms(p.Value));
        await WriteIndexesAsync(run, ledger, rowsBefore, searchBefore, changedRanks, terms).ConfigureAwait(false);
        return run.Result();
    }

    private async Task WriteStaticFilesAsync(Run run)
    {
        foreach (var asset in SiteAssets.All)
            await run.WriteAsync(site, asset.Path, asset.Content, asset.ContentType, SiteAssets.ImmutableCacheControl, announceUnchanged: false).ConfigureAwait(false);
        // Site-wide files every page links to, missing only until the first run gets this far: written empty, the
        // front page last (until it exists the site has no entry point), before any page that links to them.
        foreach (var (path, content, type) in new (string, Func<byte[]>, string)[]
                 {
                     ("years/index.html", () => SitePages.YearDirectory(options, []), HtmlType),
                     ("publishers/index.html", () => SitePages.PublisherDirectory(options, []), HtmlType),
                     ("search/index.html", () => SitePages.SearchPage(options), HtmlType),
                     ("feed.xml", () => SiteFeeds.AtomFeed(options, []), "application/atom+xml; charset=utf-8"),
                     ("api/reports/index.json", () => SiteFeeds.ApiManifestJson(0, 0), JsonType),
                     ("sitemap.xml", () => SiteFeeds.SitemapIndex(options, []), "application/xml; charset=utf-8"),
                     ("index.html", () => SitePages.FrontPage(options, [], []), HtmlType),
                 })
        {
            if (await run.ReadAsync(site, path).ConfigureAwait(false) is null)
                await run.WriteAsync(site, path, content(), type, ShortCache).ConfigureAwait(false);
        }
        await run.WriteAsync(site, "404.html", SitePages.NotFound(options), HtmlType, ShortCache, announceUnchanged: false).ConfigureAwait(false);
        await run.WriteAsync(site, "search/index.html", SitePages.SearchPage(options), HtmlType, ShortCache, announceUnchanged: false).ConfigureAwait(false);
        await run.WriteAsync(site, "robots.txt", SiteFeeds.Robots(options), "text/plain; charset=utf-8", ShortCache, announceUnchanged: false).ConfigureAwait(false);
    }

    private async Task WriteWithdrawalNoticeAsync(Run run, Ledger ledger, int rank, Withdrawal withdrawal)
    {
        var record = await ledger.GetAsync(rank).ConfigureAwait(false);
        var notice = SitePages.WithdrawalNotice(options, record.Entry, withdrawal with { Slug = record.Entry.Slug }, _timeZone);
        await run.WriteAsync(site, SiteUrls.FileOf(SiteUrls.Report(record.Entry.Slug)), notice, HtmlType, ShortCache).ConfigureAwait(false);
        foreach (var path in OriginalFile.AllSitePaths(record.Entry.Slug)) await run.DeleteAsync(site, path).ConfigureAwait(false);
    }

    /// <summary>
    /// The uploaded original beside the page when the page offers it; otherwise (a revision that is masked, or in
    /// another format) any original an earlier version left is removed, so the site never serves what the page does not show.
    /// </summary>
    private async Task WriteOriginalAsync(Run run, PublishedReport report)
    {
        if (report.Original is { } original)
            await run.WriteAsync(site, original.Path, original.Content, original.ContentType, original.CacheControl, contentDisposition: original.ContentDisposition).ConfigureAwait(false);
        foreach (var path in OriginalFile.AllSitePaths(report.Entry.Slug))
            if (path != report.Original?.Path) await run.DeleteAsync(site, path).ConfigureAwait(false);
    }

    /// <summary>
    /// Steps 3 and 4 of a run: lists, indexes, feeds, sitemaps and search (only the parts the changed ranks fall in),
    /// then the private state — until it is saved, a re-run recomputes the same work from the old state.
    /// </summary>
    private async Task WriteIndexesAsync(Run run, Ledger ledger, List<CatalogRow> rowsBefore, SearchManifest searchBefore,
        SortedSet<int> changedRanks, IReadOnlyDictionary<int, IndexTerms> terms)
    {
        var emptiedListFiles = await WriteListsAsync(run, ledger, rowsBefore, changedRanks).ConfigureAwait(false);
        await WriteApiAsync(run, ledger, changedRanks).ConfigureAwait(false);
        await WriteSitemapsAsync(run, ledger, changedRanks).ConfigureAwait(false);
        await WriteLatestAsync(run, ledger).ConfigureAwait(false);
        var (searchAfter, staleSearchFiles) = await WriteSearchAsync(run, ledger, rowsBefore, searchBefore, changedRanks, terms).ConfigureAwait(false);
        // List pages nothing links to any more (every page that did was rewritten above); before the state is saved, so
        // a run that dies here deletes them on its re-run.
        foreach (var path in emptiedListFiles) await run.DeleteAsync(site, path).ConfigureAwait(false);

        await ledger.SaveAsync(run).ConfigureAwait(false);
        await run.WriteAsync(state, SearchStatePath, JsonSerializer.SerializeToUtf8Bytes(searchAfter, SearchJsonContext.Site.SearchManifest), JsonType, ShortCache).ConfigureAwait(false);
        foreach (var path in staleSearchFiles) await run.DeleteAsync(site, path).ConfigureAwait(false);
    }

    private CatalogRow Row(SiteEntry e) =>
        new(e.IndexCode, e.Slug, e.ListYear(_timeZone), e.PublisherSlug, e.Revised ?? e.DisplayDate, Withdrawn: false);

    // ---------------------------------------------------------------- lists

    private readonly record struct ListKey(bool IsYear, string Key)
    {
        public string Url => IsYear ? SiteUrls.Year(int.Parse(Key, CultureInfo.InvariantCulture)) : SiteUrls.Publisher(Key);
    }

    private static IEnumerable<ListKey> KeysOf(CatalogRow row) =>
        [new ListKey(true, row.Year.ToString("D4", CultureInfo.InvariantCulture)), new ListKey(false, row.PublisherSlug)];

    /// <summary>The live (not withdrawn) ranks a list shows: a list whose reports were all withdrawn has none and goes.</summary>
    private static List<int> Members(IReadOnlyList<CatalogRow> rows, ListKey key)
    {
        var members = new List<int>();
        for (var rank = 0; rank < rows.Count; rank++)
            if (!rows[rank].Withdrawn && KeysOf(rows[rank]).Contains(key)) members.Add(rank);
        return members;
    }

    private static List<int> LiveYears(Ledger ledger) =>
        ledger.Rows.Where(r => !r.Withdrawn).Select(r => r.Year).Distinct().OrderDescending().ToList();

    /// <summary>
    /// Before any report page is written: every list a new page links to exists, so a run killed
    /// between the pages and the lists leaves no link to a missing page. A list that does not exist yet is written
    /// as it stood before this run (usually empty); the lists phase then writes it in full.
    /// </summary>
    private async Task WriteLinkTargetsAsync(Run run, Ledger ledger, List<CatalogRow> rowsBefore, IEnumerable<int> pageRanks)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var rank in pageRanks)
            foreach (var key in KeysOf(ledger.Rows[rank]))
            {
                if (!keys.Add((key.IsYear ? "y:" : "p:") + key.Key)) continue;
                var path = SiteUrls.FileOf(key.Url);
                if (await run.ReadAsync(site, path).ConfigureAwait(false) is not null) continue;
                var before = Members(rowsBefore, key);
                var size = PageSize;
                var pages = Math.Max(1, (before.Count + size - 1) / size);
                var newest = await LiveEntriesAsync(ledger, before.Skip((pages - 1) * size)).ConfigureAwait(false);
                var heading = key.IsYear ? key.Key + "年发布的信息" : PublisherName(ledger, key.Key) + "发布的信息";
                await run.WriteAsync(site, path, SitePages.ListPage(options, heading, key.Url, newest, pages, pages, landing: true), HtmlType, ShortCache).ConfigureAwait(false);
            }
    }

    /// <summary>Writes the affected lists and the directories; returns the list files to delete once nothing links to them.</summary>
    private async Task<List<string>> WriteListsAsync(Run run, Ledger ledger, List<CatalogRow> rowsBefore, SortedSet<int> changedRanks)
    {
        var affected = new SortedSet<ListKey>(Comparer<ListKey>.Create((a, b) =>
            a.IsYear != b.IsYear ? a.IsYear.CompareTo(b.IsYear) : string.CompareOrdinal(a.Key, b.Key)));
        foreach (var rank in changedRanks)
        {
            if (rank < rowsBefore.Count) foreach (var key in KeysOf(rowsBefore[rank])) affected.Add(key);
            foreach (var key in KeysOf(ledger.Rows[rank])) affected.Add(key);
        }
        var emptied = new List<string>();
        foreach (var key in affected)
        {
            var before = Members(rowsBefore, key);
            var after = Members(ledger.Rows, key);
            var size = PageSize;
            int pagesBefore = (before.Count + size - 1) / size, pagesAfter = (after.Count + size - 1) / size;
            var dirty = new SortedSet<int>();
            var firstDifference = 0;
            while (firstDifference < Math.Min(before.Count, after.Count) && before[firstDifference] == after[firstDifference]) firstDifference++;
            for (var page = firstDifference / size; page < pagesAfter; page++) dirty.Add(page);
            for (var i = 0; i < after.Count; i++) if (changedRanks.Contains(after[i])) dirty.Add(i / size);
            if (pagesBefore != pagesAfter && Math.Min(pagesBefore, pagesAfter) > 0) dirty.Add(Math.Min(pagesBefore, pagesAfter) - 1);

            var heading = key.IsYear ? key.Key + "年发布的信息" : PublisherName(ledger, key.Key) + "发布的信息";
            // New pages link to each other (newer/older): each is first written as if it were the last page, so it
            // links only to pages that exist, and then in full below.
            for (var page = pagesBefore; page < pagesAfter; page++)
            {
                var entries = await LiveEntriesAsync(ledger, after.Skip(page * size).Take(size)).ConfigureAwait(false);
                var bytes = SitePages.ListPage(options, heading, key.Url, entries, page + 1, page + 1, landing: false);
                await run.WriteAsync(site, SiteUrls.FileOf(SiteUrls.ListPage(key.Url, page + 1)), bytes, HtmlType, ShortCache).ConfigureAwait(false);
            }
            foreach (var page in dirty)
            {
                var entries = await LiveEntriesAsync(ledger, after.Skip(page * size).Take(size)).ConfigureAwait(false);
                var bytes = SitePages.ListPage(options, heading, key.Url, entries, page + 1, pagesAfter, landing: false);
                await run.WriteAsync(site, SiteUrls.FileOf(SiteUrls.ListPage(key.Url, page + 1)), bytes, HtmlType, ShortCache).ConfigureAwait(false);
            }
            for (var page = pagesAfter; page < pagesBefore; page++)
                emptied.Add(SiteUrls.FileOf(SiteUrls.ListPage(key.Url, page + 1)));
            if (pagesAfter == 0)
            {
                emptied.Add(SiteUrls.FileOf(key.Url));
                continue;
            }
            var newest = await LiveEntriesAsync(ledger, after.Skip((pagesAfter - 1) * size)).ConfigureAwait(false);
            var landing = SitePages.ListPage(options, heading, key.Url, newest, pagesAfter, pagesAfter, landing: true);
            await run.WriteAsync(site, SiteUrls.FileOf(key.Url), landing, HtmlType, ShortCache).ConfigureAwait(false);
        }

        var years = LiveYears(ledger);
        await run.WriteAsync(site, "years/index.html", SitePages.YearDirectory(options, years), HtmlType, ShortCache).ConfigureAwait(false);
        var publishers = ledger.Rows.Where(r => !r.Withdrawn).Select(r => r.PublisherSlug).Distinct()
            .Select(slug => (slug, PublisherName(ledger, slug)))
            .OrderBy(p => p.Item2, StringComparer.Ordinal).ThenBy(p => p.slug, StringComparer.Ordinal).ToList();
        await run.WriteAsync(site, "publishers/index.html", SitePages.PublisherDirectory(options, publishers), HtmlType, ShortCache).ConfigureAwait(false);
        await run.WriteAsync(site, "sitemaps/pages.xml", SiteFeeds.SitemapUrls(options,
            new[] { "/", "/years/", "/publishers/", "/search/" }
                .Concat(years.Select(SiteUrls.Year))
                .Concat(publishers.Select(p => SiteUrls.Publisher(p.slug)))
                .Select(url => (url, (DateOnly?)null))), "application/xml; charset=utf-8", ShortCache).ConfigureAwait(false);
        return emptied;
    }

    private static string PublisherName(Ledger ledger, string slug) =>
        ledger.Catalog.Publishers.TryGetValue(slug, out var name) ? name : "";

    private static async Task<List<SiteEntry>> LiveEntriesAsync(Ledger ledger, IEnumerable<int> ranks)
    {
        var entries = new List<SiteEntry>();
        foreach (var rank in ranks)
        {
            if (ledger.Rows[rank].Withdrawn) continue;
            entries.Add((await ledger.GetAsync(rank).ConfigureAwait(false)).Entry);
        }
        return entries;
    }

    // ---------------------------------------------------------------- JSON, sitemaps, feed, front page

    private async Task WriteApiAsync(Run run, Ledger ledger, SortedSet<int> changedRanks)
    {
        var shards = (ledger.Rows.Count + SiteFeeds.ApiShardSize - 1) / SiteFeeds.ApiShardSize;
        foreach (var shard in changedRanks.Select(r => r / SiteFeeds.ApiShardSize).Distinct())
        {
            var ranks = Enumerable.Range(shard * SiteFeeds.ApiShardSize, Math.Min(SiteFeeds.ApiShardSize, ledger.Rows.Count - shard * SiteFeeds.ApiShardSize));
            var live = await LiveEntriesAsync(ledger, ranks).ConfigureAwait(false);
            await run.WriteAsync(site, SiteFeeds.ApiShardPath(shard), SiteFeeds.ApiShardJson(options, shard, live), JsonType, ShortCache).ConfigureAwait(false);
        }
        var liveCount = ledger.Rows.Count(r => !r.Withdrawn);
        await run.WriteAsync(site, "api/reports/index.json", SiteFeeds.ApiManifestJson(liveCount, shards), JsonType, ShortCache).ConfigureAwait(false);
    }

    private async Task WriteSitemapsAsync(Run run, Ledger ledger, SortedSet<int> changedRanks)
    {
        var rows = ledger.Rows;
        var shards = (rows.Count + SiteFeeds.SitemapShardSize - 1) / SiteFeeds.SitemapShardSize;
        foreach (var shard in changedRanks.Select(r => r / SiteFeeds.SitemapShardSize).Distinct())
        {
            var urls = rows.Skip(shard * SiteFeeds.SitemapShardSize).Take(SiteFeeds.SitemapShardSize)
                .Where(r => !r.Withdrawn).Select(r => (SiteUrls.Report(r.Slug), r.LastModified));
            await run.WriteAsync(site, SiteFeeds.SitemapShardPath(shard), SiteFeeds.SitemapUrls(options, urls), "application/xml; charset=utf-8", ShortCache).ConfigureAwait(false);
        }
        var index = new[] { "/sitemaps/pages.xml" }.Concat(Enumerable.Range(0, shards).Select(k => SiteFeeds.SitemapShardPath(k, rooted: true)));
        await run.WriteAsync(site, "sitemap.xml", SiteFeeds.SitemapIndex(options, index), "application/xml; charset=utf-8", ShortCache).ConfigureAwait(false);
    }

    private async Task WriteLatestAsync(Run run, Ledger ledger)
    {
        var latestRanks = new List<int>();
        for (var rank = ledger.Rows.Count - 1; rank >= 0 && latestRanks.Count < SiteFeeds.FeedSize; rank--)
            if (!ledger.Rows[rank].Withdrawn) latestRanks.Add(rank);
        var newestFirst = await LiveEntriesAsync(ledger, latestRanks).ConfigureAwait(false);
        await run.WriteAsync(site, "feed.xml", SiteFeeds.AtomFeed(options, newestFirst), "application/atom+xml; charset=utf-8", ShortCache).ConfigureAwait(false);
        var front = newestFirst.Take(FrontPageSize).Reverse().ToList();
        var years = LiveYears(ledger);
        await run.WriteAsync(site, "index.html", SitePages.FrontPage(options, front, years), HtmlType, ShortCache).ConfigureAwait(false);
    }

    // ---------------------------------------------------------------- search

    private async Task<(SearchManifest Manifest, List<string> Stale)> WriteSearchAsync(Run run, Ledger ledger, List<CatalogRow> rowsBefore,
        SearchManifest before, SortedSet<int> changedRanks, IReadOnlyDictionary<int, IndexTerms> terms)
    {
        var oldSegments = before.Segments;
        var segments = new List<SearchSegmentInfo>();
        // A withdrawal rewrites the segment holding the rank, in this run: its postings must leave every served file
        // (a tombstone in the manifest would hide the rank from results but leave its words readable in the shards).
        // The cost is bounded by one segment (at most SearchLayout.MaxSegmentSize documents) per withdrawn rank.
        // Tombstones written by older versions are compacted the same way.
        var tombstones = new SortedSet<int>(before.Withdrawn ?? []);
        foreach (var range in SearchLayout.Segments(ledger.Rows.Count))
        {
            var reuse = oldSegments.FirstOrDefault(o => o.Base == range.Base && o.Size == range.Size && IsSealedId(o.Id) == range.Sealed);
            if (reuse is not null && !changedRanks.Any(range.Contains) && !tombstones.Any(range.Contains))
            {
                segments.Add(reuse);
                continue;
            }
            // Rewritten: old tombstones are compacted out along with the changed ranks.
            var compacted = tombstones.Where(range.Contains).ToList();
            tombstones.ExceptWith(compacted);
            var segment = new SearchSegment();
            foreach (var old in oldSegments.Where(o => o.Base >= range.Base && o.Base + o.Size <= range.End))
            {
                var part = new SearchSegment();
                for (var shard = 0; shard < old.Shards; shard++)
                {
                    var data = await run.ReadAsync(site, SearchFiles.Shard(old.Id, shard)).ConfigureAwait(false);
                    if (data is not null) part.DecodeShard(data);
                }
                segment.AddShifted(part, old.Base - range.Base);
            }
            // Only ranks that existed before can be in the old segments (new documents are in no segment yet, and
            // segment files are immutable, so a re-run after a crash reads the same old segments).
            segment.Remove(changedRanks.Where(r => r < rowsBefore.Count && range.Contains(r)).Concat(compacted).Select(r => r - range.Base).ToHashSet());
            foreach (var rank in changedRanks.Where(range.Contains))
            {
                if (terms.TryGetValue(rank, out var document)) segment.Add(rank - range.Base, document.Body, document.Title);
            }
            // The tail is sharded by size too: one report with a large vocabulary must not make a file every query downloads.
            var shardCount = segment.ChooseShardCount();
            var encoded = segment.Encode(shardCount);
            var id = range.Id + "-" + ContentHash(encoded);
            // Short cache, not immutable: a withdrawal replaces the segment and deletes these files, and a cache must
            // not keep serving the withdrawn words for a year.
            for (var shard = 0; shard < shardCount; shard++)
                await run.WriteAsync(site, SearchFiles.Shard(id, shard), encoded[shard], "application/octet-stream", ShortCache).ConfigureAwait(false);
            segments.Add(new SearchSegmentInfo(id, range.Base, range.Size, shardCount));
        }

        // Result metadata for the changed ranks' chunks.
        foreach (var chunk in changedRanks.Select(r => r / SearchLayout.DocChunkSize).Distinct())
        {
            var docs = new List<string?[]?>();
            for (var rank = chunk * SearchLayout.DocChunkSize; rank < Math.Min(ledger.Rows.Count, (chunk + 1) * SearchLayout.DocChunkSize); rank++)
            {
                if (ledger.Rows[rank].Withdrawn) { docs.Add(null); continue; }
                var e = (await ledger.GetAsync(rank).ConfigureAwait(false)).Entry;
                docs.Add([e.Title, SiteUrls.Report(e.Slug), e.Publisher, e.DisplayDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.IndexCode]);
            }
            await run.WriteAsync(site, SearchFiles.DocChunk(chunk), JsonSerializer.SerializeToUtf8Bytes(docs, SearchJsonContext.Site.ListStringArray), JsonType, ShortCache).ConfigureAwait(false);
        }

        // Every segment holding a tombstone was rewritten above, so none remains.
        var manifest = new SearchManifest(1, ledger.Rows.Count, SearchLayout.DocChunkSize, segments);
        await run.WriteAsync(site, SearchFiles.Manifest, JsonSerializer.SerializeToUtf8Bytes(manifest, SearchJsonContext.Site.SearchManifest), JsonType, ShortCache).ConfigureAwait(false);
        var kept = segments.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var stale = oldSegments.Where(o => !kept.Contains(o.Id))
            .SelectMany(o => Enumerable.Range(0, o.Shards).Select(s => SearchFiles.Shard(o.Id, s))).ToList();
        return (manifest, stale);
    }

    private static bool IsSealedId(string id) => !id.Contains("-t-", StringComparison.Ordinal);

    /// <summary>
    /// Distinct terms one report may add to the index. A real report has a few thousand; the cap bounds what one
    /// upload can add to the search files (about 7 bytes a term: ≤ 1.4 MB, spread over the segment's shards).
    /// </summary>
    public const int MaxIndexTermsPerReport = 200_000;

    /// <summary>
    /// Body terms cover the fields people search by (title, publisher, index code, year) plus the full text, up to
    /// <see cref="MaxIndexTermsPerReport"/> terms in text order.
    /// </summary>
    private IndexTerms Terms(PublishedReport report)
    {
        var e = report.Entry;
        var body = new HashSet<uint>();
        var title = new HashSet<uint>();
        SearchTokenizer.AddIndexTermHashes(e.Title, title);
        body.UnionWith(title);
        SearchTokenizer.AddIndexTermHashes(e.Publisher, body);
        SearchTokenizer.AddIndexTermHashes(e.IndexCode, body);
        SearchTokenizer.AddIndexTermHashes(e.ListYear(_timeZone).ToString(CultureInfo.InvariantCulture), body);
        SearchTokenizer.AddIndexTermHashes(report.SearchText, body, MaxIndexTermsPerReport);
        return new IndexTerms([.. body], [.. title]);
    }

    private static string ContentHash(byte[][] shards)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var shard in shards)
        {
            hash.AppendData(BitConverter.GetBytes(shard.Length));
            hash.AppendData(shard);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 4));
    }

    private async Task<SearchManifest> LoadSearchStateAsync(CancellationToken ct)
    {
        var bytes = await state.ReadAsync(SearchStatePath, ct).ConfigureAwait(false);
        return bytes is null ? SearchManifest.Empty : JsonSerializer.Deserialize(bytes, SearchJsonContext.Site.SearchManifest) ?? SearchManifest.Empty;
    }

    private static TimeZoneInfo FindTimeZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(8), id, id);
        }
    }

    /// <summary>A document's distinct index term hashes (arrays: a rebuild holds these for every report until the end).</summary>
    private sealed record IndexTerms(uint[] Body, uint[] Title);

    // ---------------------------------------------------------------- run bookkeeping

    internal readonly record struct PendingWrite(string Path, ReadOnlyMemory<byte> Content, string ContentType, string CacheControl, string? ContentDisposition = null)
    {
        public static PendingWrite Of(SiteFile file) => new(file.Path, file.Content, file.ContentType, file.CacheControl, file.ContentDisposition);
    }

    /// <summary>Writes only what differs from what is stored, and counts what it wrote.</summary>
    internal sealed class Run(ISiteStore site, ISiteStore state, CancellationToken ct)
    {
        /// <summary>Concurrent writes: enough to keep a blob store's round trips overlapped and both cores busy locally.</summary>
        private const int WriteConcurrency = 8;

        private readonly List<string> _changed = [];
        private readonly HashSet<string> _produced = new(StringComparer.Ordinal);
        private readonly List<string> _announced = [];
        private readonly HashSet<string> _announcedSet = new(StringComparer.Ordinal);
        private int _files;
        private long _bytes;

        public CancellationToken CancellationToken => ct;

        public ValueTask<byte[]?> ReadAsync(ISiteStore store, string path) => store.ReadAsync(path, ct);

        /// <param name="announceUnchanged">False for files every run writes whatever it publishes (static files): announced only when they change.</param>
        public async Task WriteAsync(ISiteStore store, string path, ReadOnlyMemory<byte> content, string contentType, string cacheControl, bool announceUnchanged = true, string? contentDisposition = null)
        {
            ct.ThrowIfCancellationRequested();
            if (ReferenceEquals(store, site)) _produced.Add(path);
            var existing = await store.ReadAsync(path, ct).ConfigureAwait(false);
            if (existing is not null && existing.AsSpan().SequenceEqual(content.Span))
            {
                if (announceUnchanged) Announce(store, path);
                return;
            }
            await store.WriteAsync(new SiteFile(path, content, contentType, cacheControl, contentDisposition), ct).ConfigureAwait(false);
            Announce(store, path);
            _changed.Add(Label(store, path));
            _files++;
            _bytes += content.Length;
        }

        /// <summary>
        /// Writes independent files concurrently (stores are thread-safe; the files link to nothing written here),
        /// recording them in list order so the result does not depend on timing.
        /// </summary>
        public async Task WriteManyAsync(ISiteStore store, IReadOnlyList<PendingWrite> files)
        {
            if (ReferenceEquals(store, site)) foreach (var file in files) _produced.Add(file.Path);
            var written = new bool[files.Count];
            await Parallel.ForAsync(0, files.Count, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = WriteConcurrency },
                async (i, token) =>
                {
                    var file = files[i];
                    var existing = await store.ReadAsync(file.Path, token).ConfigureAwait(false);
                    if (existing is not null && existing.AsSpan().SequenceEqual(file.Content.Span)) return;
                    await store.WriteAsync(new SiteFile(file.Path, file.Content, file.ContentType, file.CacheControl, file.ContentDisposition), token).ConfigureAwait(false);
                    written[i] = true;
                }).ConfigureAwait(false);
            for (var i = 0; i < files.Count; i++)
            {
                Announce(store, files[i].Path);
                if (!written[i]) continue;
                _changed.Add(Label(store, files[i].Path));
                _files++;
                _bytes += files[i].Content.Length;
            }
        }

        /// <summary>Whether this run wrote <paramref name="path"/> to the site (or found it already right).</summary>
        public bool Produced(string path) => _produced.Contains(path);

        public async Task DeleteAsync(ISiteStore store, string path)
        {
            Announce(store, path);
            if (await store.ReadAsync(path, ct).ConfigureAwait(false) is null) return;
            await store.DeleteAsync(path, ct).ConfigureAwait(false);
            _changed.Add(Label(store, path));
        }

        private string Label(ISiteStore store, string path) => ReferenceEquals(store, state) && !ReferenceEquals(store, site) ? "state:" + path : path;

        private void Announce(ISiteStore store, string path)
        {
            if (ReferenceEquals(store, site) && _announcedSet.Add(path)) _announced.Add(path);
        }

        public SitePublishResult Result() => new(_changed, _files, _bytes) { AnnouncedPaths = _announced };
    }

    // ---------------------------------------------------------------- catalog + records

    /// <summary>
    /// The catalog (one compact row per rank, in buckets of <see cref="RowBucketSize"/> ranks, plus a small head with
    /// the rank count and publisher names) and the full records in shards of <see cref="RecordShardSize"/> ranks,
    /// loaded on demand. A publish that appends rewrites the head, one row bucket and one record shard, not the whole
    /// catalog. The head is written last: rows and records beyond its count are leftovers of an interrupted run.
    /// </summary>
    private sealed class Ledger
    {
        private const int RowBucketSize = 1000;
        private const int RecordShardSize = 250;
        private const string HeadPath = "catalog/head.json";
        // Layout before the catalog was sharded: one catalog.json and records/k.json of 1,000 ranks. Read once, then
        // migrated to the current layout and deleted.
        private const string LegacyCatalogPath = "catalog.json";
        private const int LegacyRecordShardSize = 1000;

        private readonly ISiteStore _store;
        private readonly CatalogContents _catalog;
        private readonly bool _fresh;
        private readonly Dictionary<int, List<CatalogEntry>> _shards = [];
        private readonly HashSet<int> _dirtyShards = [];
        private readonly HashSet<int> _dirtyRowBuckets = [];
        private readonly Dictionary<string, int> _rankByCode;
        private int _legacyRecordShards = -1;

        public Ledger(ISiteStore store, CatalogContents catalog, bool fresh)
        {
            _store = store;
            _catalog = catalog;
            _fresh = fresh;
            _rankByCode = catalog.Rows.Select((row, rank) => (row.IndexCode, rank)).ToDictionary(p => p.IndexCode, p => p.rank, StringComparer.Ordinal);
        }

        public CatalogContents Catalog => _catalog;
        public List<CatalogRow> Rows => _catalog.Rows;

        public static async Task<Ledger> LoadAsync(ISiteStore store, CancellationToken ct)
        {
            var headBytes = await store.ReadAsync(HeadPath, ct).ConfigureAwait(false);
            if (headBytes is not null)
            {
                var head = JsonSerializer.Deserialize(headBytes, CatalogJsonContext.Site.CatalogHead) ?? throw new InvalidDataException($"{HeadPath} is empty.");
                var catalog = new CatalogContents { Publishers = new SortedDictionary<string, string>(head.Publishers, StringComparer.Ordinal) };
                for (var bucket = 0; catalog.Rows.Count < head.Count; bucket++)
                {
                    var bytes = await store.ReadAsync(RowBucketPath(bucket), ct).ConfigureAwait(false)
                        ?? throw new InvalidDataException($"{RowBucketPath(bucket)} is missing: the catalog has {head.Count} ranks.");
                    var rows = JsonSerializer.Deserialize(bytes, CatalogJsonContext.Site.ListCatalogRow) ?? [];
                    catalog.Rows.AddRange(rows.Take(head.Count - catalog.Rows.Count));
                    if (rows.Count == 0) throw new InvalidDataException($"{RowBucketPath(bucket)} is empty: the catalog has {head.Count} ranks.");
                }
                return new Ledger(store, catalog, fresh: false);
            }

            var legacyBytes = await store.ReadAsync(LegacyCatalogPath, ct).ConfigureAwait(false);
            if (legacyBytes is null) return new Ledger(store, new CatalogContents(), fresh: false);
            var legacy = JsonSerializer.Deserialize(legacyBytes, CatalogJsonContext.Site.CatalogContents) ?? new CatalogContents();
            legacy.Publishers = new SortedDictionary<string, string>(legacy.Publishers, StringComparer.Ordinal);
            var ledger = new Ledger(store, legacy, fresh: false);
            await ledger.MigrateLegacyRecordsAsync(ct).ConfigureAwait(false);
            return ledger;
        }

        private async Task MigrateLegacyRecordsAsync(CancellationToken ct)
        {
            _legacyRecordShards = (Rows.Count + LegacyRecordShardSize - 1) / LegacyRecordShardSize;
            var records = new List<CatalogEntry>(Rows.Count);
            for (var shard = 0; shard < _legacyRecordShards; shard++)
            {
                var bytes = await _store.ReadAsync(LegacyRecordPath(shard), ct).ConfigureAwait(false)
                    ?? throw new InvalidDataException($"{LegacyRecordPath(shard)} is missing.");
                records.AddRange(JsonSerializer.Deserialize(bytes, CatalogJsonContext.Site.ListCatalogEntry) ?? []);
            }
            if (records.Count < Rows.Count) throw new InvalidDataException($"The legacy records hold {records.Count} of {Rows.Count} ranks.");
            for (var shard = 0; shard * RecordShardSize < Rows.Count; shard++)
            {
                _shards[shard] = records.Skip(shard * RecordShardSize).Take(Math.Min(RecordShardSize, Rows.Count - shard * RecordShardSize)).ToList();
                _dirtyShards.Add(shard);
            }
            for (var bucket = 0; bucket * RowBucketSize < Rows.Count; bucket++) _dirtyRowBuckets.Add(bucket);
        }

        private static string RowBucketPath(int bucket) => "catalog/rows/" + bucket.ToString(CultureInfo.InvariantCulture) + ".json";
        private static string RecordPath(int shard) => "catalog/records/" + shard.ToString(CultureInfo.InvariantCulture) + ".json";
        private static string LegacyRecordPath(int shard) => "records/" + shard.ToString(CultureInfo.InvariantCulture) + ".json";

        private async Task<List<CatalogEntry>> ShardAsync(int shard)
        {
            if (_shards.TryGetValue(shard, out var records)) return records;
            var bytes = _fresh ? null : await _store.ReadAsync(RecordPath(shard)).ConfigureAwait(false);
            records = bytes is null ? [] : JsonSerializer.Deserialize(bytes, CatalogJsonContext.Site.ListCatalogEntry) ?? [];
            _shards[shard] = records;
            return records;
        }

        public async Task<CatalogEntry> GetAsync(int rank) => (await ShardAsync(rank / RecordShardSize).ConfigureAwait(false))[rank % RecordShardSize];

        public async Task<int> UpsertAsync(SiteEntry entry, CatalogRow row)
        {
            var shard = await ShardAsync((_rankByCode.TryGetValue(entry.IndexCode, out var known) ? known : Rows.Count) / RecordShardSize).ConfigureAwait(false);
            if (!_rankByCode.TryGetValue(entry.IndexCode, out var rank))
            {
                rank = Rows.Count;
                Rows.Add(row);
                _rankByCode[entry.IndexCode] = rank;
                // Records past the head's count were written by an interrupted run: this rank replaces them.
                var offset = rank % RecordShardSize;
                if (shard.Count > offset) shard.RemoveRange(offset, shard.Count - offset);
                shard.Add(new CatalogEntry(entry));
            }
            else
            {
                Rows[rank] = row;
                shard[rank % RecordShardSize] = new CatalogEntry(entry);
            }
            _catalog.Publishers[entry.PublisherSlug] = entry.Publisher;
            _dirtyShards.Add(rank / RecordShardSize);
            _dirtyRowBuckets.Add(rank / RowBucketSize);
            return rank;
        }

        public async Task<int> WithdrawAsync(Withdrawal withdrawal)
        {
            if (!_rankByCode.TryGetValue(withdrawal.IndexCode.Trim(), out var rank)) return -1;
            var shard = await ShardAsync(rank / RecordShardSize).ConfigureAwait(false);
            shard[rank % RecordShardSize] = shard[rank % RecordShardSize] with { WithdrawnReason = withdrawal.Reason, WithdrawnAt = withdrawal.WithdrawnAt };
            Rows[rank] = Rows[rank] with { Withdrawn = true };
            _dirtyShards.Add(rank / RecordShardSize);
            _dirtyRowBuckets.Add(rank / RowBucketSize);
            return rank;
        }

        public async Task SaveAsync(Run run)
        {
            foreach (var shard in _dirtyShards.Order())
                await run.WriteAsync(_store, RecordPath(shard), JsonSerializer.SerializeToUtf8Bytes(_shards[shard], CatalogJsonContext.Site.ListCatalogEntry), JsonType, "no-store").ConfigureAwait(false);
            foreach (var bucket in _dirtyRowBuckets.Order())
            {
                var rows = Rows.GetRange(bucket * RowBucketSize, Math.Min(RowBucketSize, Rows.Count - bucket * RowBucketSize));
                await run.WriteAsync(_store, RowBucketPath(bucket), JsonSerializer.SerializeToUtf8Bytes(rows, CatalogJsonContext.Site.ListCatalogRow), JsonType, "no-store").ConfigureAwait(false);
            }
            var head = new CatalogHead(Rows.Count, _catalog.Publishers);
            await run.WriteAsync(_store, HeadPath, JsonSerializer.SerializeToUtf8Bytes(head, CatalogJsonContext.Site.CatalogHead), JsonType, "no-store").ConfigureAwait(false);
            if (_legacyRecordShards < 0) return;
            await run.DeleteAsync(_store, LegacyCatalogPath).ConfigureAwait(false);
            for (var shard = 0; shard < _legacyRecordShards; shard++) await run.DeleteAsync(_store, LegacyRecordPath(shard)).ConfigureAwait(false);
        }
    }
}
