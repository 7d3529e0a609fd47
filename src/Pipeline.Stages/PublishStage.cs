using System.Diagnostics;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Site;
using Pipeline.Site.Catalog;
using Pipeline.Site.Publishing;
using Pipeline.Site.Reports;
using Pipeline.Site.Stores;
using Pipeline.Storage;

namespace Pipeline.Stages;

/// <summary>What one publish run did.</summary>
/// <param name="Skipped">Why nothing was done (e.g. another publisher holds the lease), or null.</param>
public sealed record PublishOutcome(
    int Published,
    int Withdrawn,
    int DueRowsHandled,
    int FilesWritten,
    long BytesWritten,
    int WebhooksDelivered,
    int WebhooksPending,
    TimeSpan Duration,
    string? Skipped = null)
{
    public static PublishOutcome SkippedBecause(string reason) => new(0, 0, 0, 0, 0, 0, 0, TimeSpan.Zero, reason);

    public string Summary => Skipped is not null
        ? "skipped: " + Skipped
        : $"{Published} published, {Withdrawn} withdrawn, {DueRowsHandled} due row(s), {FilesWritten} file(s) / {BytesWritten} bytes written, " +
          $"webhooks {WebhooksDelivered} delivered / {WebhooksPending} pending, {Duration.TotalMilliseconds:0} ms";
}

/// <summary>
/// Publish stage (timer): under the publish lease, takes the due rows up to now, re-checks each report in the
/// ledger, hands what render staged (page, list entry, search text) and withdrawals to the site publisher (pages
/// before indexes), marks the reports Published and deletes the due rows last — so a run that dies half-way is
/// completed by the next one. Cost grows with the number of due reports, never with the ledger. Then announces the
/// changed URLs to the webhooks.
/// </summary>
public sealed class PublishStage(
    BlobServiceClient blobs,
    ReportBlobs reportBlobs,
    ReportLedger ledger,
    AgencyRegistry registry,
    DueIndex due,
    Counters counters,
    WebhookNotifier webhooks,
    IOptions<PipelineOptions> pipelineOptions,
    IOptions<SiteOptions> siteOptions,
    TimeProvider time,
    PipelineMetrics metrics,
    ResultDocumentUpdater resultDocuments,
    ILogger<PublishStage> logger)
{
    public const string LeaseBlobName = "publish";
    internal const string PublishCounterScope = "site";
    internal const string PublishCounterName = "publish";

    public async Task<PublishOutcome> RunAsync(CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        var options = pipelineOptions.Value;
        await using var lease = await BlobLease.AcquireAsync(blobs.GetBlobContainerClient(StorageNames.LocksContainer), LeaseBlobName,
            TimeSpan.FromSeconds(Math.Clamp(options.PublishLeaseSeconds, 15, 60)), time, ct).ConfigureAwait(false);
        if (lease is null)
            return PublishOutcome.SkippedBecause("another publisher holds the lease");

        var now = time.GetUtcNow();
        var dueItems = await due.ListDueAsync(now, Math.Max(1, options.MaxReportsPerPublishRun), ct).ConfigureAwait(false);
        var reports = new List<(PublishedReport Report, LedgerEntry Entry)>();
        var withdrawals = new List<(Withdrawal Notice, WithdrawalKind Kind)>();
        var publishers = new OfficialPublishers(registry);
        var notYet = new HashSet<DueItem>();
        // Reports whose agencies' result documents this run updates (published, withdrawn, parked), before the due rows go.
        var changed = new HashSet<string>(StringComparer.Ordinal);
        var groups = dueItems.GroupBy(d => d.IndexCode, StringComparer.Ordinal).ToList();
        // Each report's ledger row, read concurrently (round trips overlap; the decisions below are taken in due order).
        var latestRows = new LedgerEntry?[groups.Count];
        await Parallel.ForAsync(0, groups.Count, Concurrently(ct), async (i, token) =>
            latestRows[i] = await ledger.GetLatestAsync(groups[i].Key, token).ConfigureAwait(false)).ConfigureAwait(false);
        var toLoad = new List<LedgerEntry>();
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var entry = latestRows[g];
            if (entry is null) continue;
            if (entry.State == ReportState.Withdrawn)
            {
                // Only what once went public needs a notice; a report withdrawn before release simply never appears.
                if (entry.FirstPublishedAt is not null)
                    withdrawals.Add((new Withdrawal(entry.IndexCode, Slug.FromIndexCode(entry.IndexCode), entry.Reason ?? "", entry.WithdrawnAt ?? now),
                        entry.Withdrawal ?? WithdrawalKind.Operator));
                continue;
            }
            if (entry.State == ReportState.Rendered && !entry.PubliclyScoped && entry.FirstPublishedAt is not null)
            {
                // Published before, but the latest version is not for public release: withdraw what the site shows.
                withdrawals.Add((new Withdrawal(entry.IndexCode, Slug.FromIndexCode(entry.IndexCode), LedgerEntry.NoLongerPublicReason, now),
                    WithdrawalKind.NoLongerPublic));
                continue;
            }
            if (entry.State is (ReportState.Rendered or ReportState.Published) && entry.Publishable && entry.ReleaseAt > now)
            {
                // Due rows are keyed to the second: a release at 10:00:02.09 is listed by a run at 10:00:02.05. The row
                // that stands for this release stays for the next run (nothing goes live early, and nothing is lost);
                // rows for an earlier release time that was moved later are done with.
                foreach (var item in group)
                    if (item.DueAt >= entry.ReleaseAt!.Value.AddSeconds(-1)) notYet.Add(item);
                continue;
            }
            if (entry.State is not (ReportState.Rendered or ReportState.Published) || !entry.Publishable)
                continue; // Held, failed, not public, or a newer version not rendered yet: its own row will come.
            if (entry.State == ReportState.Published && entry.PublishedVersion == entry.Version)
            {
                changed.Add(entry.IndexCode); // Published by a run that died before deleting its due rows (and maybe its documents).
                continue;
            }
            toLoad.Add(entry);
        }

        // Publish sequence numbers for first publications, in due order, taken in one counter update and each stored
        // in the ledger before the site is written (a crashed run's retry reuses the stored number; a number taken
        // and never stored is a gap, never a duplicate). Then what render staged, read concurrently.
        var firstSequence = await ReserveSequencesAsync(toLoad.Count(e => e.PublishSequence is null), ct).ConfigureAwait(false);
        var candidates = new long?[toLoad.Count];
        for (var i = 0; i < toLoad.Count; i++)
            if (toLoad[i].PublishSequence is null) candidates[i] = firstSequence++;
        var loadedReports = new PublishedReport?[toLoad.Count];
        // Result documents as validation wrote them, staged by render (the "published" update then skips reading them).
        var writtenDocuments = new System.Collections.Concurrent.ConcurrentDictionary<string, ResultDocumentSnapshot>(StringComparer.Ordinal);
        var rows = new LedgerEntry[toLoad.Count];
        await Parallel.ForAsync(0, toLoad.Count, Concurrently(ct), async (i, token) =>
        {
            var entry = toLoad[i];
            var taken = false;
            if (candidates[i] is { } candidate) (rows[i], taken) = await StoreSequenceAsync(entry, candidate, token).ConfigureAwait(false);
            else rows[i] = entry;
            try
            {
                // A sequence this run took (stored just now, before any site write) means no run has written the report's files.
                var (loaded, written) = await LoadAsync(entry, publishers, now, token).ConfigureAwait(false);
                loadedReports[i] = loaded with { FolderNeverWritten = taken };
                if (written is not null) writtenDocuments[entry.IndexCode] = written;
            }
            catch (Exception e) when (IsPoison(e))
            {
                // What render staged cannot be read and no retry will change that: park the report with its reason
                // and drop its due rows, so it never blocks the other reports (it used to fail every run, forever).
                await ParkAsync(entry, e, token).ConfigureAwait(false);
                lock (changed) changed.Add(entry.IndexCode);
            }
        }).ConfigureAwait(false);
        var knownRows = new Dictionary<string, LedgerEntry>(StringComparer.Ordinal);
        for (var i = 0; i < toLoad.Count; i++)
        {
            if (loadedReports[i] is not { } loaded) continue;
            reports.Add((loaded, toLoad[i]));
            knownRows[toLoad[i].IndexCode] = rows[i];
        }

        var result = reports.Count + withdrawals.Count == 0
            ? new SitePublishResult([], 0, 0)
            : await CreatePublisher().PublishAsync(reports.Select(r => r.Report).OrderBy(r => r.Entry.Sequence).ToList(), withdrawals.Select(w => w.Notice).ToList(), ct).ConfigureAwait(false);
        // Live now: the lag runs from when each page was due (its release time, or its receipt if that came later).
        var live = time.GetUtcNow();
        foreach (var (report, _) in reports)
            metrics.ReportPublished(live - report.Entry.PublishedAt);
        if (lease.Lost)
            logger.LogWarning("Publish lease was lost during the run; site writes are idempotent, the next run re-checks");
        // Recorded before the ledger and the due rows say the work is done: a run that dies after the site writes is
        // re-run from its due rows, and that run announces every file it answers for (AnnouncedPaths, not only what
        // it changed), so what the dead run changed is notified too. At least once: a run dying after this line
        // announces the same URLs again.
        await webhooks.EnqueueAsync(ChangedUrls(result), ct).ConfigureAwait(false);

        // The rows as marked Published (with their ETags): the result documents are brought up to date from them.
        var publishedRows = new System.Collections.Concurrent.ConcurrentDictionary<string, LedgerEntry>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(reports, Concurrently(ct), async (published, token) =>
        {
            var (report, entry) = published;
            using var reportScope = logger.BeginScope("IndexCode {IndexCode} Agency {Agency}", entry.IndexCode, entry.Agency);
            var stored = await ledger.UpdateAsync(entry.IndexCode, e =>
            {
                if (e.Version != entry.Version || e.State is not (ReportState.Rendered or ReportState.Published)) return false;
                e.State = ReportState.Published;
                e.PublishedVersion = e.Version;
                e.PublishedAt = report.Entry.PublishedAt;
                e.FirstPublishedAt ??= report.Entry.PublishedAt;
                e.Reason = null;
                return true;
            }, knownRows[entry.IndexCode], token).ConfigureAwait(false);
            if (stored is { State: ReportState.Published } && stored.Version == entry.Version) publishedRows[entry.IndexCode] = stored;
            logger.LogInformation("Published {IndexCode} v{Version}, live since {PublishedAt:O}", entry.IndexCode, entry.Version, report.Entry.PublishedAt);
        }).ConfigureAwait(false);
        foreach (var (withdrawal, _) in withdrawals.Where(w => w.Kind == WithdrawalKind.NoLongerPublic))
        {
            using var reportScope = logger.BeginScope("IndexCode {IndexCode}", withdrawal.IndexCode);
            await ledger.UpdateAsync(withdrawal.IndexCode, e =>
            {
                if (e.State != ReportState.Rendered || e.PubliclyScoped) return false;
                e.State = ReportState.Withdrawn;
                e.Reason = LedgerEntry.NoLongerPublicReason;
                e.Withdrawal = WithdrawalKind.NoLongerPublic;
                e.WithdrawnAt = withdrawal.WithdrawnAt;
                return true;
            }, ct).ConfigureAwait(false);
        }
        changed.UnionWith(reports.Select(r => r.Entry.IndexCode));
        changed.UnionWith(withdrawals.Select(w => w.Notice.IndexCode));
        await Parallel.ForEachAsync(changed, Concurrently(ct),
            async (indexCode, token) => await resultDocuments.RefreshAsync(indexCode, publishedRows.GetValueOrDefault(indexCode), writtenDocuments.GetValueOrDefault(indexCode), token).ConfigureAwait(false)).ConfigureAwait(false);
        await due.DeleteAsync(dueItems.Where(item => !notYet.Contains(item)).ToList(), ct).ConfigureAwait(false);

        var delivery = await webhooks.DeliverPendingAsync(ct).ConfigureAwait(false);
        var outcome = new PublishOutcome(reports.Count, withdrawals.Count, dueItems.Count, result.FilesWritten, result.BytesWritten,
            delivery.Delivered, delivery.Pending, stopwatch.Elapsed);
        if (dueItems.Count > 0) logger.LogInformation("Publish run: {Summary}", outcome.Summary);
        // Cross-year checks need both years published, so they are found here, not at validation: the operator's log.
        foreach (var finding in result.StatisticsFindings)
            logger.LogWarning("Statistics check {Code} at {Location}: {Message}", finding.Code, finding.Location, finding.MessageZh + " / " + finding.MessageEn);
        return outcome;
    }

    /// <summary>
    /// Regenerates the whole site from the ledger (every published report at its published version, every
    /// withdrawal notice), under the publish lease. Cost grows with the ledger: an operator action, not the timer's.
    /// </summary>
    public Task<PublishOutcome> RebuildAsync(CancellationToken ct) => RebuildAsync(null, ct);

    /// <inheritdoc cref="RebuildAsync(CancellationToken)"/>
    /// <param name="progress">Told how many of the published reports have been loaded so far, for a progress bar.</param>
    public async Task<PublishOutcome> RebuildAsync(IProgress<RebuildProgress>? progress, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var lease = await BlobLease.AcquireAsync(blobs.GetBlobContainerClient(StorageNames.LocksContainer), LeaseBlobName,
            TimeSpan.FromSeconds(Math.Clamp(pipelineOptions.Value.PublishLeaseSeconds, 15, 60)), time, ct).ConfigureAwait(false);
        if (lease is null)
            return PublishOutcome.SkippedBecause("another publisher holds the lease");

        var now = time.GetUtcNow();
        var published = new List<LedgerEntry>();
        var withdrawals = new List<Withdrawal>();
        await foreach (var latest in ledger.ListLatestAsync(ct).ConfigureAwait(false))
        {
            if (latest.PublishedVersion is null || latest.PublishSequence is null) continue;
            published.Add(latest);
            if (latest.State == ReportState.Withdrawn)
                withdrawals.Add(new Withdrawal(latest.IndexCode, Slug.FromIndexCode(latest.IndexCode), latest.Reason ?? "", latest.WithdrawnAt ?? now));
        }
        var count = 0;
        var publishers = new OfficialPublishers(registry);
        async IAsyncEnumerable<PublishedReport> InSequenceOrder()
        {
            // Every report ever published, withdrawn ones included, at the version the site shows (or showed).
            foreach (var latest in published.OrderBy(e => e.PublishSequence))
            {
                var version = latest.PublishedVersion!.Value;
                var withdrawn = latest.State == ReportState.Withdrawn;
                var entry = version == latest.Version ? latest : await ledger.GetVersionAsync(latest.IndexCode, version, ct).ConfigureAwait(false);
                if (entry?.StagingBlob is null) continue;
                entry.PublishSequence = latest.PublishSequence;
                entry.PublishedAt = latest.PublishedAt;
                entry.State = ReportState.Published;
                // Counted as what the site shows: a withdrawn report's page is its notice, counted among the withdrawals.
                if (!withdrawn) count++;
                yield return (await LoadAsync(entry, publishers, now, ct).ConfigureAwait(false)).Report;
                progress?.Report(new RebuildProgress(count, published.Count));
            }
        }
        var result = await CreatePublisher().RebuildAsync(InSequenceOrder(), withdrawals, ct).ConfigureAwait(false);
        return new PublishOutcome(count, withdrawals.Count, 0, result.FilesWritten, result.BytesWritten, 0, 0, stopwatch.Elapsed);
    }

    /// <summary>Failures that come from the staged data itself (corrupt, unreadable, missing), not from storage being down.</summary>
    private static bool IsPoison(Exception e) => e is InvalidDataException or System.Text.Json.JsonException or NotSupportedException
        or FormatException or System.Text.DecoderFallbackException or Azure.RequestFailedException { Status: 404 };

    private async Task ParkAsync(LedgerEntry entry, Exception error, CancellationToken ct)
    {
        var reason = "publishing failed: " + error.GetType().Name + ": " + error.Message.Split('\n')[0];
        if (reason.Length > 500) reason = reason[..500];
        using var scope = logger.BeginScope("IndexCode {IndexCode} Agency {Agency}", entry.IndexCode, entry.Agency);
        await ledger.UpdateAsync(entry.IndexCode, e =>
        {
            if (e.Version != entry.Version || e.State is not (ReportState.Rendered or ReportState.Published)) return false;
            e.State = ReportState.Failed;
            e.Reason = reason;
            return true;
        }, ct).ConfigureAwait(false);
        logger.LogError("Publish {IndexCode} v{Version} parked: {Reason}", entry.IndexCode, entry.Version, reason);
    }

    private SitePublisher CreatePublisher() => new(
        new BlobSiteStore(blobs.GetBlobContainerClient(StorageNames.WebContainer)),
        new BlobSiteStore(blobs.GetBlobContainerClient(StorageNames.SiteStateContainer)),
        siteOptions.Value);

    /// <summary>
    /// What render staged (the page, and beside it the list entry, search text and original: <see cref="StagedReport"/>),
    /// with a publish sequence and the time this version went public. The entry names the agency by its registered
    /// publisher name, so every report of one agency lands on one publisher list however the document spells it; the
    /// page keeps 发布机构 as written. With it, the upload's result document as validation wrote it, when render staged it.
    /// </summary>
    private async Task<(PublishedReport Report, ResultDocumentSnapshot? Written)> LoadAsync(LedgerEntry entry, OfficialPublishers publishers, DateTimeOffset now, CancellationToken ct)
    {
        var sequence = entry.PublishSequence ?? throw new InvalidOperationException($"{entry.IndexCode} v{entry.Version} has no publish sequence");
        var files = await reportBlobs.GetStagedAsync(entry.StagingBlob, ct).ConfigureAwait(false);
        var staged = files.Report is { } json ? StagedReport.FromJson(json.Span)
            : await RestageAsync(entry, publishers, ct).ConfigureAwait(false);
        // When this version went public: its release time, or when it was received if that came later. Derived from
        // the ledger (never the run's clock), so a retried run and a rebuild reproduce it.
        var publishedAt = entry.State == ReportState.Published && entry.PublishedAt is { } at ? at
            : entry.ReleaseAt is { } release ? (release > entry.ReceivedAt ? release : entry.ReceivedAt) : now;
        var siteEntry = staged.Entry with { Sequence = sequence, PublishedAt = publishedAt };
        var report = new PublishedReport(siteEntry, files.Page, staged.SearchText, await OriginalAsync(staged.Original, entry, ct).ConfigureAwait(false))
        {
            Statistics = staged.Statistics,
            PublisherKind = await publishers.KindOfAsync(entry.Agency, ct).ConfigureAwait(false),
        };
        return (report, staged.ResultDocument?.ToSnapshot());
    }

    /// <summary>
    /// A page staged by a version from before render staged its report beside it: derives the report once from
    /// <c>parsed/</c>, from the same page model render builds (with the registered publisher name as it stands now, as
    /// publishing always did for such pages), and stages it, so later runs and rebuilds read it like any other.
    /// </summary>
    private async Task<StagedReport> RestageAsync(LedgerEntry entry, OfficialPublishers publishers, CancellationToken ct)
    {
        var analysis = await reportBlobs.GetParsedAsync(entry.ParsedBlob, ct).ConfigureAwait(false);
        var model = PageModelFactory.Build(analysis, entry, siteOptions.Value, await publishers.NameOfAsync(entry.Agency, ct).ConfigureAwait(false));
        var staged = StagedReport.From(model);
        await reportBlobs.SetStagedReportAsync(entry.StagingBlob!, staged.ToJson(), ct).ConfigureAwait(false);
        logger.LogInformation("Staged {IndexCode} v{Version} from parsed/ (its page was staged without one)", entry.IndexCode, entry.Version);
        return staged;
    }

    /// <summary>The archived upload as the site file the page links to, when the page offers it (<see cref="PageModelFactory.OffersOriginal"/>).</summary>
    private async Task<SiteFile?> OriginalAsync(OriginalFile? original, LedgerEntry entry, CancellationToken ct)
    {
        if (original is null || entry.ArchiveBlob is null) return null;
        var bytes = await reportBlobs.GetArchiveAsync(entry.ArchiveBlob, ct).ConfigureAwait(false);
        return new SiteFile(original.SitePath(Slug.FromIndexCode(entry.IndexCode)), bytes, original.ContentType,
            "public, max-age=300", original.ContentDisposition);
    }

    /// <summary>Registered publisher names by agency folder, read once per run; null for an agency no longer registered.</summary>
    private sealed class OfficialPublishers(AgencyRegistry registry)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string? Name, Pipeline.Core.Timeliness.PublisherKind Kind)> _agencies = new(StringComparer.Ordinal);

        public async ValueTask<string?> NameOfAsync(string agency, CancellationToken ct) => (await GetAsync(agency, ct).ConfigureAwait(false)).Name;

        /// <summary>The agency's kind in the registry (government or department), for an annual report's deadline.</summary>
        public async ValueTask<Pipeline.Core.Timeliness.PublisherKind> KindOfAsync(string agency, CancellationToken ct) => (await GetAsync(agency, ct).ConfigureAwait(false)).Kind;

        private async ValueTask<(string? Name, Pipeline.Core.Timeliness.PublisherKind Kind)> GetAsync(string agency, CancellationToken ct)
        {
            if (!_agencies.TryGetValue(agency, out var known))
            {
                var record = await registry.GetAsync(agency, ct).ConfigureAwait(false);
                known = (string.IsNullOrWhiteSpace(record?.PublisherName) ? null : record.PublisherName.Trim(), Pipeline.Core.Timeliness.PublisherKinds.Parse(record?.Kind));
                _agencies[agency] = known;
            }
            return known;
        }
    }

    /// <summary>The first of <paramref name="count"/> new publish sequence numbers (one counter update); 0 when none are needed.</summary>
    private async Task<long> ReserveSequencesAsync(int count, CancellationToken ct) =>
        count == 0 ? 0 : await counters.IncrementAsync(PublishCounterScope, PublishCounterName, count, ct).ConfigureAwait(false) - count + 1;

    /// <summary>
    /// Stores a publish sequence number in the ledger BEFORE the site is written, so a crashed run's retry reuses it:
    /// one number per report, for life (revisions keep it). A number already stored wins over the candidate.
    /// Returns the latest row as stored (its ETag lets the run's last ledger write skip a read), and whether it is this
    /// run's candidate that was stored (false: a number stored earlier was found).
    /// </summary>
    private async Task<(LedgerEntry Row, bool Taken)> StoreSequenceAsync(LedgerEntry entry, long candidate, CancellationToken ct)
    {
        var taken = false;
        var stored = await ledger.UpdateAsync(entry.IndexCode, e =>
        {
            taken = e.PublishSequence is null; // the last call decides (a retry after a 412 asks again)
            if (!taken) return false;
            e.PublishSequence = candidate;
            return true;
        }, entry, ct).ConfigureAwait(false);
        entry.PublishSequence = stored?.PublishSequence ?? candidate;
        return (stored ?? entry, taken && stored?.PublishSequence == candidate);
    }

    /// <summary>Per-report storage round trips a run overlaps (the stage waits on the network, not the CPU).</summary>
    private static ParallelOptions Concurrently(CancellationToken ct) => new() { MaxDegreeOfParallelism = 8, CancellationToken = ct };

    private IReadOnlyList<string> ChangedUrls(SitePublishResult result)
    {
        var baseUrl = new Uri(siteOptions.Value.BaseUrl.EndsWith('/') ? siteOptions.Value.BaseUrl : siteOptions.Value.BaseUrl + "/");
        return result.AnnouncedPaths
            .Where(p => !p.StartsWith("state:", StringComparison.Ordinal))
            .Select(p => p.EndsWith("/index.html", StringComparison.Ordinal) ? p[..^"index.html".Length] : p == "index.html" ? "" : p)
            .Distinct(StringComparer.Ordinal)
            .Select(p => new Uri(baseUrl, p).ToString())
            .ToList();
    }
}
