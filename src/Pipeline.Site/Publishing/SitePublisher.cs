using Pipeline.Site.Catalog;
using Pipeline.Site.Feeds;
using Pipeline.Site.Html;
using Pipeline.Site.Pages;
using Pipeline.Site.Reports;
using Pipeline.Site.Search;
using Pipeline.Site.Statistics;
using Pipeline.Site.Stores;

namespace Pipeline.Site.Publishing;

/// <summary>
/// Publishes reports to the static site incrementally: the orchestration of a run over the catalog
/// (<see cref="CatalogShards"/>), the report pages, the lists (<see cref="ListPagesWriter"/>), the site indexes
/// (<see cref="IndexFilesWriter"/>) and search (<see cref="SearchIndexWriter"/>), through one write-if-changed
/// session (<see cref="SiteWriteSession"/>). Every artefact is a pure function of the catalog (all reports
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

    private readonly SiteCalendar _calendar = SiteCalendar.For(options);
    private readonly ListPagesWriter _lists = new(site, options);
    private readonly IndexFilesWriter _indexFiles = new(site, options);
    private readonly SearchIndexWriter _search = new(site, state);

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
        var run = new SiteWriteSession(site, state, cancellationToken);
        var catalog = CatalogShards.Fresh(state, options.PageSize);
        var terms = new Dictionary<int, IndexTerms>();
        var batch = new List<PublishedReport>(RebuildBatchSize);
        var statistics = new StatisticsWriter(site, state, options);

        await WriteStaticFilesAsync(run).ConfigureAwait(false);
        async Task FlushAsync()
        {
            // Within a batch a revision replaces the earlier version; batches are written in order, so the last wins.
            var latest = new SortedDictionary<int, PublishedReport>();
            foreach (var report in batch.Select(WithStatisticsFlag))
                latest[await catalog.UpsertAsync(report.Entry, RowOf(report)).ConfigureAwait(false)] = report;
            var reports = latest.ToArray();
            await statistics.WriteReportFilesAsync(run, reports.Select(p => (StatisticsOf(p.Value), p.Value.Entry.Slug)), []).ConfigureAwait(false);
            await statistics.ApplyAsync(reports.Select(p => (p.Value.Entry.IndexCode, StatisticsOf(p.Value))), [], fresh: true, cancellationToken).ConfigureAwait(false);
            var extracted = new IndexTerms[reports.Length];
            var pages = reports.Select(p => new PendingWrite(SiteUrls.FileOf(SiteUrls.Report(p.Value.Entry.Slug)), p.Value.PageHtml, SiteHeaders.Html, SiteHeaders.ShortCache))
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
            var rank = await catalog.WithdrawAsync(withdrawal).ConfigureAwait(false);
            if (rank < 0) continue;
            terms.Remove(rank);
            await WriteWithdrawalNoticeAsync(run, catalog, rank, withdrawal).ConfigureAwait(false);
            await statistics.WriteReportFilesAsync(run, [], [(await catalog.GetAsync(rank).ConfigureAwait(false)).Entry.Slug]).ConfigureAwait(false);
        }
        // Every report's terms are known now: the search segments are built in the background (the largest part of
        // the rebuild's CPU time) while the statistics, timeliness, list and index pages are written.
        var allRanks = new SortedSet<int>(Enumerable.Range(0, catalog.Count));
        var search = Task.Run(() => _search.PrepareAsync(run, SearchManifest.Empty, catalog.Count, 0, allRanks, terms), cancellationToken);
        await statistics.ApplyAsync([], withdrawals.Select(w => w.IndexCode.Trim()), fresh: true, cancellationToken).ConfigureAwait(false);
        await statistics.WritePagesAsync(run, cancellationToken).ConfigureAwait(false);
        await new TimelinessWriter(site, options).WriteAsync(run, catalog, touched: null).ConfigureAwait(false);

        await WriteIndexesAsync(run, catalog, SearchManifest.Empty, allRanks, search).ConfigureAwait(false);
        return await DeleteStaleFilesAsync(run).ConfigureAwait(false);
    }

    /// <summary>Deletes site files the rebuild did not produce (last: nothing the new site links to is among them).</summary>
    private async Task<SitePublishResult> DeleteStaleFilesAsync(SiteWriteSession run)
    {
        var listing = site.ListAsync("", run.CancellationToken);
        if (listing is null)
            return Result(run) with { Note = "The site store cannot list its files: files of an older site that this rebuild does not produce were left in place." };
        var stale = new List<string>();
        await foreach (var path in listing.ConfigureAwait(false))
            if (!run.Produced(path)) stale.Add(path);
        stale.Sort(StringComparer.Ordinal);
        foreach (var path in stale) await run.DeleteAsync(site, path).ConfigureAwait(false);
        return Result(run);
    }

    private async Task<SitePublishResult> RunAsync(IReadOnlyList<PublishedReport> reports, IReadOnlyList<Withdrawal> withdrawals,
        CancellationToken ct)
    {
        var run = new SiteWriteSession(site, state, ct);
        var catalog = await CatalogShards.LoadAsync(state, options.PageSize, ct).ConfigureAwait(false);
        var searchBefore = await _search.LoadStateAsync(ct).ConfigureAwait(false);

        // 1. Apply the batch to the catalog (a batch that only appends reads only the parts of it that it touches).
        var changedRanks = new SortedSet<int>();
        var toIndex = new Dictionary<int, PublishedReport>();
        var withdrawn = new List<(int Rank, Withdrawal Withdrawal)>();
        var incoming = reports.Select(WithStatisticsFlag).Select(report => (Report: report, Row: RowOf(report))).ToList();
        await catalog.PrepareAsync(incoming.Select(p => p.Row).ToList(), withdrawals.Count > 0, ct).ConfigureAwait(false);
        foreach (var (report, row) in incoming)
        {
            var rank = await catalog.UpsertAsync(report.Entry, row).ConfigureAwait(false);
            changedRanks.Add(rank);
            toIndex[rank] = report;
        }
        foreach (var withdrawal in withdrawals)
        {
            var rank = await catalog.WithdrawAsync(withdrawal).ConfigureAwait(false);
            if (rank < 0) continue;
            changedRanks.Add(rank);
            toIndex.Remove(rank);
            withdrawn.Add((rank, withdrawal));
        }

        // 2. Static files, the pages the new reports link to, then the report pages: everything later artefacts link to.
        // The folders of reports new to the catalog are listed first (normally empty): their files are then written
        // without a read each, and the files a report may have to lose (other originals, statistics) are not asked for.
        // A report no run has written yet (PublishedReport.FolderNeverWritten) has nothing to find there: not listed.
        var newToCatalog = toIndex.Where(p => p.Key >= catalog.CountBefore).Select(p => p.Value).ToList();
        static string FolderOf(PublishedReport r) => SiteUrls.Report(r.Entry.Slug).TrimStart('/');
        run.KnowEmptyFolders(newToCatalog.Where(r => r.FolderNeverWritten).Select(FolderOf));
        await run.LearnFoldersAsync(newToCatalog.Where(r => !r.FolderNeverWritten).Select(FolderOf).ToList()).ConfigureAwait(false);
        await WriteStaticFilesAsync(run).ConfigureAwait(false);
        await _lists.WriteLinkTargetsAsync(run, catalog, toIndex.Keys).ConfigureAwait(false);
        var statistics = new StatisticsWriter(site, state, options);
        await statistics.WriteReportFilesAsync(run, toIndex.Values.Select(r => (StatisticsOf(r), r.Entry.Slug)),
            withdrawn.Select(w => Slug.FromIndexCode(w.Withdrawal.IndexCode))).ConfigureAwait(false);
        // Pages and originals concurrently (a blob store's round trips overlap; a run of 1,000 reports used to wait on
        // them one by one): the uploaded originals first, then the pages that offer them. Otherwise (a revision that is
        // masked, or in another format) an original an earlier version left is removed, so the site never serves what
        // the page does not show.
        await run.WriteManyAsync(site, toIndex.Values.Where(r => r.Original is not null).Select(r => PendingWrite.Of(r.Original!))
            .Concat(toIndex.Values.Select(r => new PendingWrite(SiteUrls.FileOf(SiteUrls.Report(r.Entry.Slug)), r.PageHtml, SiteHeaders.Html, SiteHeaders.ShortCache)))
            .ToArray()).ConfigureAwait(false);
        await run.DeleteManyAsync(site, toIndex.Values.SelectMany(r => OriginalFile.AllSitePaths(r.Entry.Slug).Where(p => p != r.Original?.Path)).ToArray()).ConfigureAwait(false);
        foreach (var (rank, withdrawal) in withdrawn)
            await WriteWithdrawalNoticeAsync(run, catalog, rank, withdrawal).ConfigureAwait(false);

        // The comparison pages link to report pages and leave withdrawn ones: after both are written.
        await statistics.ApplyAsync(toIndex.Values.Select(r => (r.Entry.IndexCode, StatisticsOf(r))), withdrawn.Select(w => w.Withdrawal.IndexCode.Trim()), fresh: false, ct).ConfigureAwait(false);
        await statistics.WritePagesAsync(run, ct).ConfigureAwait(false);
        await new TimelinessWriter(site, options).WriteAsync(run, catalog, await catalog.TouchedRowsAsync(changedRanks).ConfigureAwait(false)).ConfigureAwait(false);

        var terms = toIndex.ToDictionary(p => p.Key, p => Terms(p.Value));
        var search = Task.Run(() => _search.PrepareAsync(run, searchBefore, catalog.Count, catalog.CountBefore, changedRanks, terms), ct);
        await WriteIndexesAsync(run, catalog, searchBefore, changedRanks, search).ConfigureAwait(false);
        return Result(run) with { StatisticsFindings = statistics.Findings };
    }

    /// <summary>The entry marked as having open data files when the report has template tables (the JSON index links them).</summary>
    private static PublishedReport WithStatisticsFlag(PublishedReport report) =>
        report.Statistics is { Tables.Count: > 0 } ? report with { Entry = report.Entry with { HasStatistics = true } } : report;

    /// <summary>The catalog row of a report about to be published, with its timeliness (the oversight pages count the rows).</summary>
    private CatalogRow RowOf(PublishedReport report) =>
        CatalogRow.For(report.Entry, _calendar) with { Timeliness = TimelinessView.Assess(report.Entry, report.PublisherKind) };

    private static StatisticsRecord? StatisticsOf(PublishedReport report) => StatisticsRecord.For(report.Entry, report.Statistics, report.PublisherKind);

    private async Task WriteStaticFilesAsync(SiteWriteSession run)
    {
        foreach (var asset in SiteAssets.All)
            await run.WriteAsync(site, asset.Path, asset.Content, asset.ContentType, SiteAssets.ImmutableCacheControl, announceUnchanged: false).ConfigureAwait(false);
        // Every page's navigation links to the statistics section: its index exists before any page.
        await StatisticsWriter.EnsureIndexAsync(run, site, options).ConfigureAwait(false);
        // Site-wide files every page links to, missing only until the first run gets this far: written empty, the
        // front page last (until it exists the site has no entry point), before any page that links to them.
        foreach (var (path, content, type) in new (string, Func<byte[]>, string)[]
                 {
                     ("years/index.html", () => SitePages.YearDirectory(options, []), SiteHeaders.Html),
                     ("publishers/index.html", () => SitePages.PublisherDirectory(options, []), SiteHeaders.Html),
                     ("search/index.html", () => SitePages.SearchPage(options), SiteHeaders.Html),
                     ("feed.xml", () => SiteFeeds.AtomFeed(options, []), SiteHeaders.Atom),
                     ("api/reports/index.json", () => SiteFeeds.ApiManifestJson(0, 0), SiteHeaders.Json),
                     ("sitemap.xml", () => SiteFeeds.SitemapIndex(options, []), SiteHeaders.Xml),
                     ("index.html", () => SitePages.FrontPage(options, [], []), SiteHeaders.Html),
                 })
        {
            if (await run.ReadAsync(site, path).ConfigureAwait(false) is null)
                await run.WriteAsync(site, path, content(), type, SiteHeaders.ShortCache).ConfigureAwait(false);
        }
        await run.WriteAsync(site, "404.html", SitePages.NotFound(options), SiteHeaders.Html, SiteHeaders.ShortCache, announceUnchanged: false).ConfigureAwait(false);
        await run.WriteAsync(site, "search/index.html", SitePages.SearchPage(options), SiteHeaders.Html, SiteHeaders.ShortCache, announceUnchanged: false).ConfigureAwait(false);
        await run.WriteAsync(site, "robots.txt", SiteFeeds.Robots(options), SiteHeaders.Text, SiteHeaders.ShortCache, announceUnchanged: false).ConfigureAwait(false);
    }

    private async Task WriteWithdrawalNoticeAsync(SiteWriteSession run, CatalogShards catalog, int rank, Withdrawal withdrawal)
    {
        var record = await catalog.GetAsync(rank).ConfigureAwait(false);
        var notice = SitePages.WithdrawalNotice(options, record.Entry, withdrawal with { Slug = record.Entry.Slug }, _calendar);
        await run.WriteAsync(site, SiteUrls.FileOf(SiteUrls.Report(record.Entry.Slug)), notice, SiteHeaders.Html, SiteHeaders.ShortCache).ConfigureAwait(false);
        foreach (var path in OriginalFile.AllSitePaths(record.Entry.Slug)) await run.DeleteAsync(site, path).ConfigureAwait(false);
    }

    /// <summary>
    /// Steps 3 and 4 of a run: lists, indexes, feeds, sitemaps and search (only the parts the changed ranks fall in;
    /// <paramref name="search"/> is the segments <see cref="SearchIndexWriter.PrepareAsync"/> is preparing meanwhile),
    /// then the private state — until it is saved, a re-run recomputes the same work from the old state.
    /// </summary>
    private async Task WriteIndexesAsync(SiteWriteSession run, CatalogShards catalog, SearchManifest searchBefore,
        SortedSet<int> changedRanks, Task<List<PlannedSegment>> search)
    {
        var emptiedListFiles = await _lists.WriteListsAsync(run, catalog, changedRanks).ConfigureAwait(false);
        await _indexFiles.WriteApiAsync(run, catalog, changedRanks).ConfigureAwait(false);
        await _indexFiles.WriteSitemapsAsync(run, catalog, changedRanks).ConfigureAwait(false);
        await _indexFiles.WriteLatestAsync(run, catalog).ConfigureAwait(false);
        var (searchAfter, staleSearchFiles) = await _search.WriteAsync(run, catalog, searchBefore, changedRanks, await search.ConfigureAwait(false)).ConfigureAwait(false);
        // List pages nothing links to any more (every page that did was rewritten above); before the state is saved, so
        // a run that dies here deletes them on its re-run.
        foreach (var path in emptiedListFiles) await run.DeleteAsync(site, path).ConfigureAwait(false);

        await catalog.SaveAsync(run).ConfigureAwait(false);
        await _search.SaveStateAsync(run, searchAfter).ConfigureAwait(false);
        foreach (var path in staleSearchFiles) await run.DeleteAsync(site, path).ConfigureAwait(false);
    }

    private IndexTerms Terms(PublishedReport report) => IndexTerms.Of(report.Entry, report.SearchText, _calendar);

    private static SitePublishResult Result(SiteWriteSession run) =>
        new(run.ChangedPaths, run.FilesWritten, run.BytesWritten) { AnnouncedPaths = run.AnnouncedPaths };
}
