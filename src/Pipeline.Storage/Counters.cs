using Azure;
using Azure.Data.Tables;

namespace Pipeline.Storage;

/// <summary>
/// Monotonic counters in a table entity, incremented with optimistic concurrency on the ETag (a 412 means someone
/// else took the number: re-read and try again). A number, once returned, is never returned again.
/// Used for per-agency-per-year index-code sequences and the global publish sequence.
/// </summary>
public sealed class Counters(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.CountersTable);

    public Task<long> IncrementAsync(string scope, string name, CancellationToken cancellationToken = default) =>
        IncrementAsync(scope, name, 1, cancellationToken);

    /// <summary>
    /// Takes <paramref name="count"/> consecutive numbers in one update and returns the last of them (the first is
    /// the result − count + 1). None of them is ever returned again; numbers a caller takes and does not use are gaps.
    /// </summary>
    public async Task<long> IncrementAsync(string scope, string name, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var partition = TableKeys.Encode(scope);
        var row = TableKeys.Encode(name);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                if (!existing.HasValue)
                {
                    await _table.AddEntityAsync(new TableEntity(partition, row) { ["Value"] = (long)count }, cancellationToken).ConfigureAwait(false);
                    return count;
                }
                var entity = existing.Value!;
                var next = (entity.GetInt64("Value") ?? 0) + count;
                entity["Value"] = next;
                await _table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return next;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Lost the race for this number; the loop reads the new value.
            }
        }
    }

    public async Task<long> GetAsync(string scope, string name, CancellationToken cancellationToken = default)
    {
        var existing = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Encode(scope), TableKeys.Encode(name), cancellationToken: cancellationToken).ConfigureAwait(false);
        return existing.HasValue ? existing.Value!.GetInt64("Value") ?? 0 : 0;
    }
}
