using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Pipeline.Site.Statistics;
using Pipeline.Site.Stores;

namespace Pipeline.Site.Catalog;

/// <summary>
/// The publisher's catalog as stored in its private state: every report ever published, by rank (publish order).
/// Stored as a small head (<see cref="CatalogHead"/>: the rank count, publisher names and every list's live count),
/// one compact row per rank in buckets of <see cref="RowBucketSize"/> ranks, the full records in shards of
/// <see cref="RecordShardSize"/> ranks, each list's state in a file of its own (<see cref="CatalogListState"/>) and
/// an index code → rank lookup in hash buckets of about <see cref="CodesPerBucket"/> codes.
/// <para>
/// A run that only appends new reports (<see cref="PrepareAsync"/> finds none of their codes and no withdrawal) reads
/// only what it touches: the head, its codes' buckets, the states of the lists its reports join, and the row buckets
/// and record shards of the ranks it shows — the same number of files at 1,000 or 30,000 reports. A run that withdraws
/// or revises reads every row (a withdrawal moves every later report of its lists up a place), as does the first run
/// over a head written before the list states existed, which then writes them. The head is written last: rows,
/// records and codes beyond its count and list states whose hash it does not hold are leftovers of an interrupted run.
/// A state written before the catalog was sharded (catalog.json, records/k.json) is migrated on load and deleted on save.
/// </para>
/// </summary>
internal sealed class CatalogShards
{
    private const int RowBucketSize = 1000;
    private const int RecordShardSize = 250;
    /// <summary>Codes per lookup bucket the bucket count is doubled to stay under (a bucket is ≈ 40 bytes a code).</summary>
    private const int CodesPerBucket = 64;
    private const string HeadPath = "catalog/head.json";
    // Layout before the catalog was sharded: one catalog.json and records/k.json of 1,000 ranks. Read once, then
    // migrated to the current layout and deleted.
    private const string LegacyCatalogPath = "catalog.json";
    private const int LegacyRecordShardSize = 1000;

    private readonly ISiteStore _store;
    private readonly int _pageSize;
    private readonly bool _fresh;
    private readonly SortedDictionary<string, string> _publishers;
    /// <summary>Every rank's row; null where its bucket has not been read (a run that appends reads few).</summary>
    private readonly List<CatalogRow> _rows;
    private readonly int _countBefore;
    private readonly HashSet<int> _loadedRowBuckets = [];
    private readonly Dictionary<int, List<CatalogEntry>> _shards = [];
    private readonly HashSet<int> _dirtyShards = [];
    private readonly HashSet<int> _dirtyRowBuckets = [];
    private readonly Dictionary<string, int> _rankByCode = new(StringComparer.Ordinal);
    /// <summary>The head's code bucket layout (bits of the hash); null: none yet (every bucket is written).</summary>
    private readonly int? _codeBitsBefore;
    private readonly HashSet<int> _loadedCodeBuckets = [];
    private readonly List<string> _newCodes = [];
    /// <summary>The lists as the head knows them (before this run).</summary>
    private readonly SortedDictionary<string, CatalogListRef> _refsBefore;
    /// <summary>Appending: the states of the lists this run's reports join, as they were before it.</summary>
    private readonly Dictionary<string, CatalogListState> _listsBefore = new(StringComparer.Ordinal);
    /// <summary>Appending: the ranks this run added.</summary>
    private readonly List<int> _appended = [];
    /// <summary>With every row read: the rows as they were before this run.</summary>
    private List<CatalogRow>? _rowsBefore;
    /// <summary>Write every list state and code bucket: a new or rebuilt catalog, or one stored before they existed.</summary>
    private bool _writeAll;
    private int _legacyRecordShards = -1;
    private int _changes;
    private (int Changes, Dictionary<string, (CatalogListState State, byte[] Bytes)> Lists, SortedDictionary<string, CatalogListRef> Refs)? _after;
    /// <summary>The state files this run has read and what they held (null: missing): saving them reads none again.</summary>
    private readonly ConcurrentDictionary<string, byte[]?> _read = new(StringComparer.Ordinal);

    private CatalogShards(ISiteStore store, int pageSize, bool fresh, CatalogHead? head, List<CatalogRow>? rows)
    {
        _store = store;
        _pageSize = Math.Max(1, pageSize);
        _fresh = fresh;
        _publishers = new SortedDictionary<string, string>(head?.Publishers ?? [], StringComparer.Ordinal);
        _countBefore = rows?.Count ?? head?.Count ?? 0;
        _rows = rows ?? [.. Enumerable.Repeat<CatalogRow>(null!, _countBefore)];
        _codeBitsBefore = head?.CodeBits;
        _refsBefore = new SortedDictionary<string, CatalogListRef>(head?.Lists ?? [], StringComparer.Ordinal);
        if (rows is not null) for (var bucket = 0; bucket * RowBucketSize < rows.Count; bucket++) _loadedRowBuckets.Add(bucket);
    }

    /// <summary>An empty catalog that reads nothing from the store (a rebuild).</summary>
    public static CatalogShards Fresh(ISiteStore store, int pageSize) =>
        new(store, pageSize, fresh: true, head: null, rows: []) { _rowsBefore = [], _writeAll = true };

    /// <summary>Ranks, this run's included.</summary>
    public int Count => _rows.Count;

    /// <summary>Ranks before this run.</summary>
    public int CountBefore => _countBefore;

    /// <summary>Every row is read (a withdrawal, a revision, or a catalog stored before the list states).</summary>
    private bool AllRows => _rowsBefore is not null;

    public static async Task<CatalogShards> LoadAsync(ISiteStore store, int pageSize, CancellationToken ct)
    {
        var headBytes = await store.ReadAsync(HeadPath, ct).ConfigureAwait(false);
        if (headBytes is not null)
        {
            var head = JsonSerializer.Deserialize(headBytes, CatalogJsonContext.Site.CatalogHead) ?? throw new InvalidDataException($"{HeadPath} is empty.");
            var catalog = new CatalogShards(store, pageSize, fresh: false, head, rows: null);
            catalog._read[HeadPath] = headBytes;
            if (head.Lists is null || head.CodeBits is null || head.PageSize != catalog._pageSize)
            {
                // Written before the list states (or for another page size): read every row once and write them.
                catalog._writeAll = true;
                await catalog.ReadAllRowsAsync(ct).ConfigureAwait(false);
            }
            return catalog;
        }

        var legacyBytes = await store.ReadAsync(LegacyCatalogPath, ct).ConfigureAwait(false);
        if (legacyBytes is null) return new CatalogShards(store, pageSize, fresh: false, head: null, rows: []) { _rowsBefore = [], _writeAll = true };
        var legacy = JsonSerializer.Deserialize(legacyBytes, CatalogJsonContext.Site.CatalogContents) ?? new CatalogContents();
        var shards = new CatalogShards(store, pageSize, fresh: false, new CatalogHead(legacy.Rows.Count, legacy.Publishers), legacy.Rows) { _writeAll = true };
        await shards.ReadAllRowsAsync(ct).ConfigureAwait(false);
        await shards.MigrateLegacyRecordsAsync(ct).ConfigureAwait(false);
        return shards;
    }

    /// <summary>
    /// Before a run changes anything: looks up the codes of the <paramref name="incoming"/> rows and reads the states of
    /// the lists they join. A run that revises a published report or withdraws one reads every row instead.
    /// </summary>
    public async Task PrepareAsync(IReadOnlyList<CatalogRow> incoming, bool withdrawals, CancellationToken ct)
    {
        if (AllRows) return;
        if (withdrawals)
        {
            await ReadAllRowsAsync(ct).ConfigureAwait(false);
            return;
        }
        foreach (var row in incoming)
        {
            if (await LookUpAsync(row.IndexCode, ct).ConfigureAwait(false) < 0) continue;
            await ReadAllRowsAsync(ct).ConfigureAwait(false);
            return;
        }
        foreach (var key in incoming.SelectMany(ListKey.KeysOf).Distinct())
        {
            if (_listsBefore.ContainsKey(key.Name)) continue;
            if (!_refsBefore.TryGetValue(key.Name, out var reference))
            {
                _listsBefore[key.Name] = CatalogListState.Empty;
                continue;
            }
            var bytes = await ReadAsync(ListPath(key), ct).ConfigureAwait(false);
            if (bytes is null || Hash(bytes) != reference.Hash)
            {
                // Written by a run that died before its head: the head's count of this list is what holds.
                await ReadAllRowsAsync(ct).ConfigureAwait(false);
                return;
            }
            var state = JsonSerializer.Deserialize(bytes, CatalogJsonContext.Site.CatalogListState) ?? throw new InvalidDataException($"{ListPath(key)} is empty.");
            _listsBefore[key.Name] = state with { Timeliness = new SortedDictionary<string, TimelinessCounts>(state.Timeliness, StringComparer.Ordinal) };
        }
    }

    /// <summary>Reads every row (once, before anything changes): the run then computes every list from the rows.</summary>
    private async Task ReadAllRowsAsync(CancellationToken ct)
    {
        if (AllRows) return;
        if (_changes > 0) throw new InvalidOperationException("The catalog reads every row before a run changes it.");
        for (var bucket = 0; bucket * RowBucketSize < _countBefore; bucket++) await ReadRowBucketAsync(bucket, ct).ConfigureAwait(false);
        _rowsBefore = [.. _rows];
        for (var rank = 0; rank < _rows.Count; rank++) _rankByCode[_rows[rank].IndexCode] = rank;
        _listsBefore.Clear();
    }

    private async Task ReadRowBucketAsync(int bucket, CancellationToken ct)
    {
        var first = bucket * RowBucketSize;
        var needed = Math.Min(RowBucketSize, _countBefore - first);
        if (needed <= 0 || !_loadedRowBuckets.Add(bucket)) return;
        var bytes = await ReadAsync(RowBucketPath(bucket), ct).ConfigureAwait(false)
            ?? throw new InvalidDataException($"{RowBucketPath(bucket)} is missing: the catalog has {_countBefore} ranks.");
        var rows = JsonSerializer.Deserialize(bytes, CatalogJsonContext.Site.ListCatalogRow) ?? [];
        if (rows.Count < needed) throw new InvalidDataException($"{RowBucketPath(bucket)} holds {rows.Count} rows: the catalog has {_countBefore} ranks.");
        // Rows past the head's count are leftovers of an interrupted run.
        for (var i = 0; i < needed; i++) _rows[first + i] ??= rows[i];
    }

    /// <summary>The row of <paramref name="rank"/>, reading its bucket if need be.</summary>
    public async ValueTask<CatalogRow> RowAsync(int rank)
    {
        if (_rows[rank] is null) await ReadRowBucketAsync(rank / RowBucketSize, CancellationToken.None).ConfigureAwait(false);
        return _rows[rank];
    }

    /// <summary>The rank of <paramref name="code"/> before this run (-1: none), reading its lookup bucket.</summary>
    private async Task<int> LookUpAsync(string code, CancellationToken ct)
    {
        code = code.Trim();
        if (!AllRows && _codeBitsBefore is { } bits && _loadedCodeBuckets.Add(CodeBucket(code, bits)))
        {
            var bytes = await ReadAsync(CodeBucketPath(bits, CodeBucket(code, bits)), ct).ConfigureAwait(false);
            if (bytes is not null)
                foreach (var (known, rank) in JsonSerializer.Deserialize(bytes, CatalogJsonContext.Site.SortedDictionaryStringInt32) ?? [])
                    if (rank < _countBefore) _rankByCode[known] = rank; // higher: a leftover of an interrupted run
        }
        return _rankByCode.TryGetValue(code, out var found) && found < _countBefore ? found : -1;
    }

    private async Task MigrateLegacyRecordsAsync(CancellationToken ct)
    {
        _legacyRecordShards = (Count + LegacyRecordShardSize - 1) / LegacyRecordShardSize;
        var records = new List<CatalogEntry>(Count);
        for (var shard = 0; shard < _legacyRecordShards; shard++)
        {
            var bytes = await _store.ReadAsync(LegacyRecordPath(shard), ct).ConfigureAwait(false)
                ?? throw new InvalidDataException($"{LegacyRecordPath(shard)} is missing.");
            records.AddRange(JsonSerializer.Deserialize(bytes, CatalogJsonContext.Site.ListCatalogEntry) ?? []);
        }
        if (records.Count < Count) throw new InvalidDataException($"The legacy records hold {records.Count} of {Count} ranks.");
        for (var shard = 0; shard * RecordShardSize < Count; shard++)
        {
            _shards[shard] = records.Skip(shard * RecordShardSize).Take(Math.Min(RecordShardSize, Count - shard * RecordShardSize)).ToList();
            _dirtyShards.Add(shard);
        }
        for (var bucket = 0; bucket * RowBucketSize < Count; bucket++) _dirtyRowBuckets.Add(bucket);
    }

    private async Task<byte[]?> ReadAsync(string path, CancellationToken ct)
    {
        var bytes = await _store.ReadAsync(path, ct).ConfigureAwait(false);
        _read[path] = bytes;
        return bytes;
    }

    /// <summary>Writes a state file unless it already holds <paramref name="content"/> (compared with what this run read of it, if it did).</summary>
    private Task WriteAsync(SiteWriteSession run, string path, byte[] content) =>
        _read.TryGetValue(path, out var existing)
            ? run.WriteOverAsync(_store, path, existing, content, SiteHeaders.Json, SiteHeaders.NoStore)
            : run.WriteAsync(_store, path, content, SiteHeaders.Json, SiteHeaders.NoStore);

    private static string RowBucketPath(int bucket) => "catalog/rows/" + bucket.ToString(CultureInfo.InvariantCulture) + ".json";
    private static string RecordPath(int shard) => "catalog/records/" + shard.ToString(CultureInfo.InvariantCulture) + ".json";
    private static string LegacyRecordPath(int shard) => "records/" + shard.ToString(CultureInfo.InvariantCulture) + ".json";
    private static string ListPath(ListKey key) => "catalog/lists/" + (key.IsYear ? "y/" : "p/") + key.Key + ".json";

    // Buckets of each layout in their own folder: a run that dies while doubling them leaves the head's layout whole.
    private static string CodeBucketPath(int bits, int bucket) =>
        "catalog/codes/" + bits.ToString(CultureInfo.InvariantCulture) + "/" + bucket.ToString(CultureInfo.InvariantCulture) + ".json";

    /// <summary>The fewest hash bits that keep the buckets of <paramref name="count"/> codes at <see cref="CodesPerBucket"/> on average.</summary>
    private static int CodeBits(int count)
    {
        var bits = 0;
        while ((long)CodesPerBucket << bits < count) bits++;
        return bits;
    }

    private static int CodeBucket(string code, int bits)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(code), hash);
        return (int)(BitConverter.ToUInt32(hash) & ((1u << bits) - 1));
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8));

    private async Task<List<CatalogEntry>> ShardAsync(int shard)
    {
        if (_shards.TryGetValue(shard, out var records)) return records;
        var bytes = _fresh ? null : await ReadAsync(RecordPath(shard), CancellationToken.None).ConfigureAwait(false);
        records = bytes is null ? [] : JsonSerializer.Deserialize(bytes, CatalogJsonContext.Site.ListCatalogEntry) ?? [];
        _shards[shard] = records;
        return records;
    }

    public async Task<CatalogEntry> GetAsync(int rank) => (await ShardAsync(rank / RecordShardSize).ConfigureAwait(false))[rank % RecordShardSize];

    public async Task<int> UpsertAsync(SiteEntry entry, CatalogRow row)
    {
        if (!_rankByCode.TryGetValue(entry.IndexCode, out var rank))
        {
            if (!AllRows && !_loadedCodeBuckets.Contains(CodeBucket(entry.IndexCode, _codeBitsBefore ?? 0)))
                throw new InvalidOperationException($"{entry.IndexCode} was not looked up before the run (PrepareAsync).");
            rank = Count;
            await ReadRowBucketAsync(rank / RowBucketSize, CancellationToken.None).ConfigureAwait(false);
            var shard = await ShardAsync(rank / RecordShardSize).ConfigureAwait(false);
            _rows.Add(row);
            _rankByCode[entry.IndexCode] = rank;
            _newCodes.Add(entry.IndexCode);
            if (!AllRows) _appended.Add(rank);
            // Records past the head's count were written by an interrupted run: this rank replaces them.
            var offset = rank % RecordShardSize;
            if (shard.Count > offset) shard.RemoveRange(offset, shard.Count - offset);
            shard.Add(new CatalogEntry(entry));
        }
        else
        {
            if (!AllRows && rank < _countBefore) throw new InvalidOperationException($"{entry.IndexCode} is a revision: the run reads every row first (PrepareAsync).");
            var shard = await ShardAsync(rank / RecordShardSize).ConfigureAwait(false);
            _rows[rank] = row;
            shard[rank % RecordShardSize] = new CatalogEntry(entry);
        }
        _publishers[entry.PublisherSlug] = entry.Publisher;
        _dirtyShards.Add(rank / RecordShardSize);
        _dirtyRowBuckets.Add(rank / RowBucketSize);
        _changes++;
        return rank;
    }

    public async Task<int> WithdrawAsync(Withdrawal withdrawal)
    {
        if (!AllRows) throw new InvalidOperationException("A withdrawal reads every row first (PrepareAsync).");
        if (!_rankByCode.TryGetValue(withdrawal.IndexCode.Trim(), out var rank)) return -1;
        var shard = await ShardAsync(rank / RecordShardSize).ConfigureAwait(false);
        shard[rank % RecordShardSize] = shard[rank % RecordShardSize] with { WithdrawnReason = withdrawal.Reason, WithdrawnAt = withdrawal.WithdrawnAt };
        _rows[rank] = _rows[rank] with { Withdrawn = true };
        _dirtyShards.Add(rank / RecordShardSize);
        _dirtyRowBuckets.Add(rank / RowBucketSize);
        _changes++;
        return rank;
    }

    /// <summary>The rows of <paramref name="ranks"/> as they were before this run (those that existed) and as they are now.</summary>
    public async Task<List<CatalogRow>> TouchedRowsAsync(IEnumerable<int> ranks)
    {
        var rows = new List<CatalogRow>();
        foreach (var rank in ranks)
        {
            if (rank < _countBefore) rows.Add(_rowsBefore?[rank] ?? throw new InvalidOperationException("A run that changes published ranks reads every row first."));
            rows.Add(await RowAsync(rank).ConfigureAwait(false));
        }
        return rows;
    }

    /// <summary>The live members of a list before this run or now: all of them, or (a run that appends) those from its last page before the run on.</summary>
    public ListMembers Members(ListKey key, bool before)
    {
        if (AllRows) return ListMembers.All(ListKey.Members(before ? _rowsBefore! : _rows, key));
        var state = _listsBefore.TryGetValue(key.Name, out var loaded) ? loaded
            : throw new InvalidOperationException($"The list {key.Name} is not one this run's reports join.");
        return before ? new ListMembers(state.Count, state.Offset, state.Tail)
            : new ListMembers(state.Count + AppendedTo(key).Count, state.Offset, [.. state.Tail, .. AppendedTo(key)]);
    }

    private List<int> AppendedTo(ListKey key) => _appended.Where(rank => !_rows[rank].Withdrawn && ListKey.KeysOf(_rows[rank]).Contains(key)).ToList();

    /// <summary>A list's state now (one this run's reports join, or any list when every row was read).</summary>
    public CatalogListState ListState(ListKey key) => After().Lists.TryGetValue(key.Name, out var list) ? list.State : CatalogListState.Empty;

    /// <summary>The years that have a live (not withdrawn) report, newest first.</summary>
    public List<int> LiveYears() => After().Refs.Where(p => p.Value.Count > 0 && p.Key.StartsWith("y:", StringComparison.Ordinal))
        .Select(p => ListKey.OfName(p.Key).Year).OrderDescending().ToList();

    /// <summary>The slugs of the publishers that have a live report.</summary>
    public List<string> LivePublishers() => After().Refs.Where(p => p.Value.Count > 0 && p.Key.StartsWith("p:", StringComparison.Ordinal))
        .Select(p => ListKey.OfName(p.Key).Key).ToList();

    /// <summary>Live reports (every one is on exactly one year list).</summary>
    public int LiveCount() => After().Refs.Where(p => p.Key.StartsWith("y:", StringComparison.Ordinal)).Sum(p => p.Value.Count);

    /// <summary>The timeliness counts of each year that has a live report.</summary>
    public List<(int Year, TimelinessCounts Counts)> YearTimeliness() =>
        After().Refs.Where(p => p.Value.Count > 0 && p.Key.StartsWith("y:", StringComparison.Ordinal))
            .Select(p => (ListKey.OfName(p.Key).Year, p.Value.Timeliness ?? TimelinessCounts.Zero)).ToList();

    /// <summary>The lists' states and head entries after this run's changes (computed once they are all made).</summary>
    private (int Changes, Dictionary<string, (CatalogListState State, byte[] Bytes)> Lists, SortedDictionary<string, CatalogListRef> Refs) After()
    {
        if (_after is { } cached && cached.Changes == _changes) return cached;
        var lists = new Dictionary<string, (CatalogListState, byte[])>(StringComparer.Ordinal);
        var refs = new SortedDictionary<string, CatalogListRef>(AllRows ? [] : _refsBefore, StringComparer.Ordinal);
        void Add(ListKey key, CatalogListState state)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(state, CatalogJsonContext.Site.CatalogListState);
            lists[key.Name] = (state, bytes);
            refs[key.Name] = new CatalogListRef(state.Count, Hash(bytes), key.IsYear ? state.Total() : null);
        }
        if (AllRows)
        {
            // Every list any row was ever on (a list whose reports were all withdrawn keeps a state with none).
            var members = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var rank = 0; rank < _rows.Count; rank++)
                foreach (var key in ListKey.KeysOf(_rows[rank]))
                {
                    if (!members.TryGetValue(key.Name, out var ranks)) members[key.Name] = ranks = [];
                    if (!_rows[rank].Withdrawn) ranks.Add(rank);
                }
            foreach (var (name, ranks) in members) Add(ListKey.OfName(name), CatalogListState.FromRows(_rows, ListKey.OfName(name), ranks, _pageSize));
        }
        else
        {
            foreach (var (name, state) in _listsBefore) Add(ListKey.OfName(name), state.Append(_rows, ListKey.OfName(name), AppendedTo(ListKey.OfName(name)), _pageSize));
        }
        _after = (_changes, lists, refs);
        return _after.Value;
    }

    public async Task SaveAsync(SiteWriteSession run)
    {
        foreach (var shard in _dirtyShards.Order())
            await WriteAsync(run, RecordPath(shard), JsonSerializer.SerializeToUtf8Bytes(_shards[shard], CatalogJsonContext.Site.ListCatalogEntry)).ConfigureAwait(false);
        foreach (var bucket in _dirtyRowBuckets.Order())
        {
            var rows = _rows.GetRange(bucket * RowBucketSize, Math.Min(RowBucketSize, Count - bucket * RowBucketSize));
            await WriteAsync(run, RowBucketPath(bucket), JsonSerializer.SerializeToUtf8Bytes(rows, CatalogJsonContext.Site.ListCatalogRow)).ConfigureAwait(false);
        }
        var codeBits = await SaveCodesAsync(run).ConfigureAwait(false);
        var (_, lists, refs) = After();
        foreach (var (name, (_, bytes)) in lists.OrderBy(p => p.Key, StringComparer.Ordinal))
            await WriteAsync(run, ListPath(ListKey.OfName(name)), bytes).ConfigureAwait(false);
        var head = new CatalogHead(Count, _publishers, _pageSize, codeBits, refs);
        await WriteAsync(run, HeadPath, JsonSerializer.SerializeToUtf8Bytes(head, CatalogJsonContext.Site.CatalogHead)).ConfigureAwait(false);
        // After the head: what the head no longer refers to.
        foreach (var name in _refsBefore.Keys.Where(name => !refs.ContainsKey(name)))
            await run.DeleteAsync(_store, ListPath(ListKey.OfName(name))).ConfigureAwait(false);
        if (_codeBitsBefore is { } bitsBefore && bitsBefore != codeBits)
            await run.DeleteManyAsync(_store, Enumerable.Range(0, 1 << bitsBefore).Select(bucket => CodeBucketPath(bitsBefore, bucket)).ToArray()).ConfigureAwait(false);
        if (_legacyRecordShards < 0) return;
        await run.DeleteAsync(_store, LegacyCatalogPath).ConfigureAwait(false);
        for (var shard = 0; shard < _legacyRecordShards; shard++) await run.DeleteAsync(_store, LegacyRecordPath(shard)).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the code buckets this run's new codes fall in — or every bucket, when the catalog has none yet or has
    /// grown past <see cref="CodesPerBucket"/> a bucket (then into a layout with twice as many, from every row).
    /// </summary>
    private async Task<int> SaveCodesAsync(SiteWriteSession run)
    {
        var bits = CodeBits(Count);
        var all = _writeAll || _codeBitsBefore != bits;
        if (all && !AllRows)
        {
            // Doubling the buckets (once per doubling of the catalog): every code, from every row.
            for (var bucket = 0; bucket * RowBucketSize < _countBefore; bucket++) await ReadRowBucketAsync(bucket, run.CancellationToken).ConfigureAwait(false);
            for (var rank = 0; rank < _rows.Count; rank++) _rankByCode[_rows[rank].IndexCode] = rank;
        }
        var buckets = new SortedDictionary<int, SortedDictionary<string, int>>();
        if (all)
            for (var bucket = 0; bucket < 1 << bits; bucket++) buckets[bucket] = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var code in _newCodes) buckets.TryAdd(CodeBucket(code, bits), new SortedDictionary<string, int>(StringComparer.Ordinal));
        if (buckets.Count == 0) return bits;
        foreach (var (code, rank) in _rankByCode)
            if (buckets.TryGetValue(CodeBucket(code, bits), out var bucket)) bucket[code] = rank;
        // The buckets this run looked codes up in are not read again; a new layout's are written many at a time.
        foreach (var (bucket, codes) in buckets.Where(b => _read.ContainsKey(CodeBucketPath(bits, b.Key))))
            await WriteAsync(run, CodeBucketPath(bits, bucket), JsonSerializer.SerializeToUtf8Bytes(codes, CatalogJsonContext.Site.SortedDictionaryStringInt32)).ConfigureAwait(false);
        await run.WriteManyAsync(_store, buckets.Where(b => !_read.ContainsKey(CodeBucketPath(bits, b.Key))).Select(b => new PendingWrite(CodeBucketPath(bits, b.Key),
            JsonSerializer.SerializeToUtf8Bytes(b.Value, CatalogJsonContext.Site.SortedDictionaryStringInt32), SiteHeaders.Json, SiteHeaders.NoStore)).ToArray()).ConfigureAwait(false);
        return bits;
    }

    /// <summary>The publisher name of a list slug, as last published ("" if unknown).</summary>
    public string PublisherName(string slug) => _publishers.TryGetValue(slug, out var name) ? name : "";

    /// <summary>The entries of the live ranks among <paramref name="ranks"/>, in the order given.</summary>
    public async Task<List<SiteEntry>> LiveEntriesAsync(IEnumerable<int> ranks)
    {
        var entries = new List<SiteEntry>();
        foreach (var rank in ranks)
        {
            if ((await RowAsync(rank).ConfigureAwait(false)).Withdrawn) continue;
            entries.Add((await GetAsync(rank).ConfigureAwait(false)).Entry);
        }
        return entries;
    }
}
