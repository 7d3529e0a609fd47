using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Pipeline.Cli.Commands;
using Pipeline.Site;
using Pipeline.Site.Catalog;
using Pipeline.Site.Publishing;
using Pipeline.Site.Stores;
using Pipeline.Storage;

namespace Pipeline.DevTools;

/// <summary>
/// Seeds an empty storage account with the state N published reports leave behind, in bulk, so the cost of one
/// publish run can be measured at 10,000 or 30,000 published reports without uploading them one by one (which took
/// hours and killed Azurite): the real site publisher rebuilds N synthetic reports (those of
/// <c>pipeline-dev build-site --generate N</c>) into $web and site-state — the same files, catalog shards and search
/// layout incremental publishing produces — and each report gets its Published ledger rows (latest + v0001, one
/// batch transaction per report's partition); the publish counter is set to N so the next report gets N + 1.
/// Without ledger rows (<c>seedLedger</c> false) only the site, its state and the counter are seeded: a publish run
/// reads the ledger rows of its due reports only (<c>PublishStage</c>: one latest row per due index code, the result
/// documents of those codes), never the other reports', so the measured run costs the same — and Azurite's table
/// store, which scans every row on each insert, makes 2N ledger rows the slow part of a seed (835 s of 988 s at 10,000).
/// Without report pages (<c>seedPages</c> false, <see cref="PagelessSiteStore"/>) the site has a third of the blobs.
/// </summary>
internal static class SiteSeeder
{
    /// <summary>The publish stage's sequence counter (Counters scope "site", name "publish").</summary>
    private const string PublishCounterScope = "site";
    private const string PublishCounterName = "publish";

    public static async Task<string> SeedAsync(BlobServiceClient blobs, TableServiceClient tables, SiteOptions options, int count, string corpusFolder,
        bool seedLedger, bool seedPages, CancellationToken ct)
    {
        var web = blobs.GetBlobContainerClient(StorageNames.WebContainer);
        var stateContainer = blobs.GetBlobContainerClient(StorageNames.SiteStateContainer);
        await foreach (var _ in stateContainer.GetBlobsAsync(cancellationToken: ct).ConfigureAwait(false))
            throw new InvalidOperationException("--seed needs an empty site: site-state already holds a published site");

        var watch = Stopwatch.StartNew();
        var corpus = BuildSiteCommand.Corpus(ReportFiles.InFolder(corpusFolder));
        ISiteStore webStore = new EmptyContainerSiteStore(new BlobSiteStore(web));
        if (!seedPages) webStore = new PagelessSiteStore(webStore);
        var publisher = new SitePublisher(webStore, new EmptyContainerSiteStore(new BlobSiteStore(stateContainer)), options);
        var entries = new SiteEntry[count];
        var reports = BuildSiteCommand.InParallel(Enumerable.Range(0, count), n =>
        {
            var report = BuildSiteCommand.Synthetic(n, corpus, options);
            entries[n] = report.Entry;
            return report;
        });
        var site = await publisher.RebuildAsync(reports, [], ct).ConfigureAwait(false);
        var siteTime = watch.Elapsed;

        var ledger = tables.GetTableClient(StorageNames.LedgerTable);
        var now = DateTimeOffset.UtcNow;
        await Parallel.ForAsync(0, seedLedger ? count : 0, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (n, token) =>
        {
            var report = entries[n];
            var entry = new LedgerEntry
            {
                PartitionKey = TableKeys.Encode(report.IndexCode),
                IndexCode = report.IndexCode,
                State = ReportState.Published,
                Version = 1,
                Agency = "synthetic",
                FileName = $"synthetic-{n:D6}.txt",
                ContentHash = $"{n:x64}",
                Title = report.Title,
                Publisher = report.Publisher,
                PublicScope = "主动公开",
                PubliclyScoped = true,
                Publishable = true,
                ReleaseAt = report.PublishedAt,
                PublishSequence = report.Sequence,
                PublishedVersion = 1,
                ReceivedAt = report.PublishedAt,
                UpdatedAt = now,
                FirstPublishedAt = report.PublishedAt,
                PublishedAt = report.PublishedAt,
            };
            await ledger.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, entry.CopyAs(LedgerEntry.LatestRowKey)),
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, entry.CopyAs(LedgerEntry.VersionRowKey(1))),
                ], token).ConfigureAwait(false);
        }).ConfigureAwait(false);
        await tables.GetTableClient(StorageNames.CountersTable).UpsertEntityAsync(
            new TableEntity(TableKeys.Encode(PublishCounterScope), TableKeys.Encode(PublishCounterName)) { ["Value"] = (long)count },
            TableUpdateMode.Replace, ct).ConfigureAwait(false);
        return $"seeded {count:N0} published reports: site {site.FilesWritten:N0} files, {site.BytesWritten / 1048576.0:F1} MB in {siteTime.TotalSeconds:F0} s; " +
               (seedLedger ? $"ledger {2 * count:N0} rows" : "no ledger rows") + $" by {watch.Elapsed.TotalSeconds:F0} s";
    }
}
