using Azure;
using Azure.Data.Tables;

namespace Pipeline.Storage;

/// <summary>
/// The ledger table: one partition per report (encoded index code), a "latest" row plus one row per version.
/// Every change goes through optimistic concurrency on the latest row's ETag, so two stages racing on one report
/// never lose an update.
/// </summary>
public sealed class ReportLedger(TableServiceClient tables, TimeProvider time)
{
    private const int MaxConcurrencyRetries = 20;
    private readonly TableClient _table = tables.GetTableClient(StorageNames.LedgerTable);

    public async Task<LedgerEntry?> GetLatestAsync(string indexCode, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<LedgerEntry>(TableKeys.Encode(indexCode), LedgerEntry.LatestRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    public async Task<LedgerEntry?> GetVersionAsync(string indexCode, int version, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<LedgerEntry>(TableKeys.Encode(indexCode), LedgerEntry.VersionRowKey(version), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Version rows of one report, oldest first.</summary>
    public async Task<IReadOnlyList<LedgerEntry>> ListVersionsAsync(string indexCode, CancellationToken cancellationToken = default)
    {
        var partition = TableKeys.Encode(indexCode);
        var rows = new List<LedgerEntry>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge 'v' and RowKey lt 'w'");
        await foreach (var row in _table.QueryAsync<LedgerEntry>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            rows.Add(row);
        return rows;
    }

    /// <summary>Every latest row (for rebuild and operator listings: cost grows with the ledger, never used by publish).</summary>
    public async IAsyncEnumerable<LedgerEntry> ListLatestAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {LedgerEntry.LatestRowKey}");
        await foreach (var row in _table.QueryAsync<LedgerEntry>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            yield return row;
    }

    /// <summary>
    /// Records a new version: writes the version row, then inserts or replaces the latest row (conditional on the
    /// ETag read by the caller, or insert-only when <paramref name="expectedLatest"/> is null). Returns false when
    /// someone else changed the report meanwhile: the caller re-reads and decides again. On success
    /// <paramref name="entry"/> carries the stored latest row's ETag.
    /// </summary>
    public async Task<bool> AddVersionAsync(LedgerEntry entry, LedgerEntry? expectedLatest, CancellationToken cancellationToken = default)
    {
        entry.PartitionKey = TableKeys.Encode(entry.IndexCode);
        entry.UpdatedAt = time.GetUtcNow();
        var latest = entry.CopyAs(LedgerEntry.LatestRowKey);
        // One batch transaction (both rows are in the report's partition): the version row is written exactly when
        // the latest row is, in one request.
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.UpsertReplace, entry.CopyAs(LedgerEntry.VersionRowKey(entry.Version))),
            expectedLatest is null
                ? new(TableTransactionActionType.Add, latest)
                : new(TableTransactionActionType.UpdateReplace, latest, expectedLatest.ETag),
        ];
        try
        {
            var response = await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            // The latest row's new ETag, so the caller can tell later whether anyone changed the report since.
            entry.ETag = response.Value.Count > 1 && response.Value[1].Headers.ETag is { } stored ? stored : default;
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Read-modify-write of the latest row with optimistic concurrency (retried on 412). <paramref name="mutate"/>
    /// returns false to leave the row unchanged. The version row of the current version is kept in step.
    /// Returns the row as stored, or null when the report does not exist.
    /// </summary>
    public Task<LedgerEntry?> UpdateAsync(string indexCode, Func<LedgerEntry, bool> mutate, CancellationToken cancellationToken = default) =>
        UpdateAsync(indexCode, mutate, null, cancellationToken);

    /// <inheritdoc cref="UpdateAsync(string, Func{LedgerEntry, bool}, CancellationToken)"/>
    /// <param name="known">
    /// The latest row as the caller last read or stored it (with its ETag): the first attempt changes a copy of it
    /// instead of reading the row again. Its ETag guards the write, so if the row changed meanwhile the write fails
    /// with 412 and the row is read afresh; if <paramref name="mutate"/> declines the copy, the row is read afresh
    /// and asked again. Either way the outcome is the one a fresh read would give, one request sooner.
    /// </param>
    public async Task<LedgerEntry?> UpdateAsync(string indexCode, Func<LedgerEntry, bool> mutate, LedgerEntry? known, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            LedgerEntry? latest = null;
            if (attempt == 0 && known is { ETag: var knownETag } && knownETag != default && known.RowKey == LedgerEntry.LatestRowKey)
            {
                var copy = known.CopyAs(LedgerEntry.LatestRowKey);
                copy.ETag = knownETag;
                if (mutate(copy)) latest = copy;
            }
            if (latest is null)
            {
                latest = await GetLatestAsync(indexCode, cancellationToken).ConfigureAwait(false);
                if (latest is null) return null;
                if (!mutate(latest)) return latest;
            }
            latest.UpdatedAt = time.GetUtcNow();
            try
            {
                // The latest row (conditional on its ETag) and the current version's row in one batch transaction.
                var response = await _table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, latest, latest.ETag),
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, latest.CopyAs(LedgerEntry.VersionRowKey(latest.Version))),
                ], cancellationToken).ConfigureAwait(false);
                latest.ETag = response.Value.Count > 0 && response.Value[0].Headers.ETag is { } stored ? stored : default;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < MaxConcurrencyRetries)
            {
                continue;
            }
            return latest;
        }
    }
}
