using System.Globalization;
using System.Text.Json;
using Pipeline.Site.Stores;

namespace Pipeline.Site.Catalog;

/// <summary>
/// The publisher's catalog as stored in its private state: every report ever published, by rank (publish order).
/// The catalog (one compact row per rank, in buckets of <see cref="RowBucketSize"/> ranks, plus a small head with
/// the rank count and publisher names) and the full records in shards of <see cref="RecordShardSize"/> ranks,
/// loaded on demand. A publish that appends rewrites the head, one row bucket and one record shard, not the whole
/// catalog. The head is written last: rows and records beyond its count are leftovers of an interrupted run.
/// A state written before the catalog was sharded (catalog.json, records/k.json) is migrated on load and deleted on save.
/// </summary>
internal sealed class CatalogShards
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

    public CatalogShards(ISiteStore store, CatalogContents catalog, bool fresh)
    {
        _store = store;
        _catalog = catalog;
        _fresh = fresh;
        _rankByCode = catalog.Rows.Select((row, rank) => (row.IndexCode, rank)).ToDictionary(p => p.IndexCode, p => p.rank, StringComparer.Ordinal);
    }

    public CatalogContents Catalog => _catalog;
    public List<CatalogRow> Rows => _catalog.Rows;

    public static async Task<CatalogShards> LoadAsync(ISiteStore store, CancellationToken ct)
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
            return new CatalogShards(store, catalog, fresh: false);
        }

        var legacyBytes = await store.ReadAsync(LegacyCatalogPath, ct).ConfigureAwait(false);
        if (legacyBytes is null) return new CatalogShards(store, new CatalogContents(), fresh: false);
        var legacy = JsonSerializer.Deserialize(legacyBytes, CatalogJsonContext.Site.CatalogContents) ?? new CatalogContents();
        legacy.Publishers = new SortedDictionary<string, string>(legacy.Publishers, StringComparer.Ordinal);
        var shards = new CatalogShards(store, legacy, fresh: false);
        await shards.MigrateLegacyRecordsAsync(ct).ConfigureAwait(false);
        return shards;
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

    public async Task SaveAsync(SiteWriteSession run)
    {
        foreach (var shard in _dirtyShards.Order())
            await run.WriteAsync(_store, RecordPath(shard), JsonSerializer.SerializeToUtf8Bytes(_shards[shard], CatalogJsonContext.Site.ListCatalogEntry), SiteHeaders.Json, SiteHeaders.NoStore).ConfigureAwait(false);
        foreach (var bucket in _dirtyRowBuckets.Order())
        {
            var rows = Rows.GetRange(bucket * RowBucketSize, Math.Min(RowBucketSize, Rows.Count - bucket * RowBucketSize));
            await run.WriteAsync(_store, RowBucketPath(bucket), JsonSerializer.SerializeToUtf8Bytes(rows, CatalogJsonContext.Site.ListCatalogRow), SiteHeaders.Json, SiteHeaders.NoStore).ConfigureAwait(false);
        }
        var head = new CatalogHead(Rows.Count, _catalog.Publishers);
        await run.WriteAsync(_store, HeadPath, JsonSerializer.SerializeToUtf8Bytes(head, CatalogJsonContext.Site.CatalogHead), SiteHeaders.Json, SiteHeaders.NoStore).ConfigureAwait(false);
        if (_legacyRecordShards < 0) return;
        await run.DeleteAsync(_store, LegacyCatalogPath).ConfigureAwait(false);
        for (var shard = 0; shard < _legacyRecordShards; shard++) await run.DeleteAsync(_store, LegacyRecordPath(shard)).ConfigureAwait(false);
    }

    /// <summary>The publisher name of a list slug, as last published ("" if unknown).</summary>
    public string PublisherName(string slug) => Catalog.Publishers.TryGetValue(slug, out var name) ? name : "";

    /// <summary>The years that have a live (not withdrawn) report, newest first.</summary>
    public List<int> LiveYears() => Rows.Where(r => !r.Withdrawn).Select(r => r.Year).Distinct().OrderDescending().ToList();

    /// <summary>The entries of the live ranks among <paramref name="ranks"/>, in the order given.</summary>
    public async Task<List<SiteEntry>> LiveEntriesAsync(IEnumerable<int> ranks)
    {
        var entries = new List<SiteEntry>();
        foreach (var rank in ranks)
        {
            if (Rows[rank].Withdrawn) continue;
            entries.Add((await GetAsync(rank).ConfigureAwait(false)).Entry);
        }
        return entries;
    }
}
