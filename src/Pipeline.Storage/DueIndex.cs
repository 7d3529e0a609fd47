using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Pipeline.Storage;

/// <summary>A report waiting to be published (or to have its withdrawal published) at <see cref="DueAt"/>.</summary>
public sealed record DueItem(string IndexCode, DateTimeOffset DueAt, string RowKey);

/// <summary>
/// The due index: one partition, row key "yyyyMMddHHmmss_&lt;encoded index code&gt;", so "everything due by now" is
/// one range query whose cost grows with the number of due reports, not with the ledger.
/// </summary>
public sealed class DueIndex(TableServiceClient tables)
{
    private const string Partition = "due";
    private const string TimeFormat = "yyyyMMddHHmmss";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.DueTable);

    public static string RowKeyFor(DateTimeOffset dueAt, string indexCode) =>
        dueAt.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture) + "_" + TableKeys.Encode(indexCode);

    /// <summary>Idempotent: the same report at the same time is one row.</summary>
    public async Task UpsertAsync(string indexCode, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(Partition, RowKeyFor(dueAt, indexCode))
        {
            ["IndexCode"] = indexCode,
            ["DueAt"] = dueAt.ToUniversalTime(),
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rows due at or before <paramref name="now"/>, oldest first, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<DueItem>> ListDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        // '`' sorts after '_' so every row of the last second is included.
        var upper = now.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture) + "`";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey lt {upper}");
        var items = new List<DueItem>();
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            items.Add(new DueItem(e.GetString("IndexCode") ?? "", e.GetDateTimeOffset("DueAt") ?? now, e.RowKey));
            if (items.Count >= max) break;
        }
        return items;
    }

    /// <summary>All rows (operator views and tests).</summary>
    public async Task<IReadOnlyList<DueItem>> ListAsync(CancellationToken cancellationToken = default)
    {
        var items = new List<DueItem>();
        await foreach (var e in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
            items.Add(new DueItem(e.GetString("IndexCode") ?? "", e.GetDateTimeOffset("DueAt") ?? default, e.RowKey));
        return items;
    }

    /// <summary>
    /// Deletes many rows with batch transactions (one partition, up to 100 per request), so finishing a run of
    /// N reports costs N / 100 requests. A transaction fails whole when one of its rows is already gone (an earlier
    /// run removed it): those rows are then deleted one by one.
    /// </summary>
    public async Task DeleteAsync(IReadOnlyCollection<DueItem> items, CancellationToken cancellationToken = default)
    {
        foreach (var chunk in items.DistinctBy(i => i.RowKey).Chunk(100))
        {
            if (chunk.Length == 1)
            {
                await DeleteAsync(chunk[0], cancellationToken).ConfigureAwait(false);
                continue;
            }
            try
            {
                await _table.SubmitTransactionAsync(chunk.Select(i => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, i.RowKey), ETag.All)),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                foreach (var item in chunk) await DeleteAsync(item, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task DeleteAsync(DueItem item, CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.DeleteEntityAsync(Partition, item.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already removed by an earlier run: fine.
        }
    }
}
