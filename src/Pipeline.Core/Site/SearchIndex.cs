using System.Buffers;
using System.Text;

namespace Pipeline.Core.Site;

/// <summary>
/// Tokenisation shared with <c>search.js</c> (keep the two in step). Text is NFKC-normalised; Han characters give
/// unigrams and bigrams of adjacent characters (Chinese has no spaces: 政务公开 is found inside 深化政务公开促进);
/// runs of ASCII letters/digits give lowercase words; everything else separates.
/// </summary>
public static class SearchTokenizer
{
    public static bool IsHan(char c) => c is >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c);

    /// <summary>Adds the terms a document's text is indexed under.</summary>
    public static void AddIndexTerms(string? text, ISet<string> terms)
    {
        if (string.IsNullOrEmpty(text)) return;
        Scan(Normalize(text), terms, forQuery: false);
    }

    /// <summary>
    /// Adds the hashes (<see cref="Hash(string)"/>) of the terms <see cref="AddIndexTerms"/> would add, without
    /// allocating a string per term: indexing a large site tokenises millions of terms.
    /// </summary>
    /// <param name="maxTerms">Stop once <paramref name="hashes"/> holds this many (the first terms in text order are kept).</param>
    public static void AddIndexTermHashes(string? text, ISet<uint> hashes, int maxTerms = int.MaxValue)
    {
        if (string.IsNullOrEmpty(text)) return;
        var normalized = Normalize(text);
        var i = 0;
        while (i < normalized.Length && hashes.Count < maxTerms)
        {
            var c = normalized[i];
            if (IsHan(c))
            {
                hashes.Add(Step(OffsetBasis, c));
                if (i + 1 < normalized.Length && IsHan(normalized[i + 1])) hashes.Add(Step(Step(OffsetBasis, c), normalized[i + 1]));
                i++;
            }
            else if (IsWordChar(c))
            {
                var hash = OffsetBasis;
                while (i < normalized.Length && IsWordChar(normalized[i])) hash = Step(hash, char.ToLowerInvariant(normalized[i++]));
                hashes.Add(hash);
            }
            else
            {
                i++;
            }
        }
    }

    private const uint OffsetBasis = 2166136261u;

    private static uint Step(uint hash, char c) => (hash ^ c) * 16777619u;

    /// <summary>The terms a query needs (all of them must match): bigrams of each Han run, a lone Han character, words.</summary>
    public static IReadOnlyList<string> QueryTerms(string? query)
    {
        var terms = new List<string>();
        if (string.IsNullOrWhiteSpace(query)) return terms;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new OrderedCollector(terms, seen);
        Scan(Normalize(query), list, forQuery: true);
        return terms;
    }

    private static string Normalize(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return text; // invalid surrogates: index the text as is
        }
    }

    private static void Scan(string text, ICollection<string> terms, bool forQuery)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsHan(c))
            {
                var start = i;
                while (i < text.Length && IsHan(text[i])) i++;
                var run = text.AsSpan(start, i - start);
                if (run.Length == 1 || !forQuery)
                    foreach (var ch in run) terms.Add(ch.ToString());
                for (var k = 0; k + 1 < run.Length; k++) terms.Add(new string(run.Slice(k, 2)));
            }
            else if (IsWordChar(c))
            {
                var start = i;
                while (i < text.Length && IsWordChar(text[i])) i++;
                terms.Add(text.Substring(start, i - start).ToLowerInvariant());
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>FNV-1a over UTF-16 code units (search.js computes the same with Math.imul).</summary>
    public static uint Hash(string term)
    {
        var hash = OffsetBasis;
        foreach (var c in term) hash = Step(hash, c);
        return hash;
    }

    private sealed class OrderedCollector(List<string> list, HashSet<string> seen) : ICollection<string>
    {
        public void Add(string item)
        {
            if (seen.Add(item)) list.Add(item);
        }
        public int Count => list.Count;
        public bool IsReadOnly => false;
        public void Clear() => list.Clear();
        public bool Contains(string item) => seen.Contains(item);
        public void CopyTo(string[] array, int arrayIndex) => list.CopyTo(array, arrayIndex);
        public bool Remove(string item) => throw new NotSupportedException();
        public IEnumerator<string> GetEnumerator() => list.GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => list.GetEnumerator();
    }
}

/// <summary>Sorted local document ids (0-based within a segment) for one term, body and title separately.</summary>
internal sealed class Postings
{
    public List<int> Body { get; } = [];
    public List<int> Title { get; } = [];
}

/// <summary>
/// One search segment in memory: term hash -> postings, for documents [Base, Base + Size) of the publish order.
/// Its binary form is split into term-hash shards; a browser fetches one shard per query term.
/// </summary>
internal sealed class SearchSegment
{
    /// <summary>Shards are sized to about this many bytes (what one query term costs the browser per segment).</summary>
    public const int TargetShardBytes = 6 * 1024;
    private const int MaxShards = 4096;

    /// <summary>Postings by term hash (unordered; <see cref="Encode"/> sorts).</summary>
    public Dictionary<uint, Postings> Terms { get; } = [];

    /// <summary>Adds a document; ids must be added in increasing order per term (callers add documents in order).</summary>
    public void Add(int localId, IEnumerable<uint> bodyTermHashes, IEnumerable<uint> titleTermHashes)
    {
        foreach (var hash in bodyTermHashes) Append(Get(hash).Body, localId);
        foreach (var hash in titleTermHashes) Append(Get(hash).Title, localId);
    }

    /// <summary>Merges another segment's postings in, shifted by <paramref name="offset"/>.</summary>
    public void AddShifted(SearchSegment other, int offset)
    {
        foreach (var (hash, postings) in other.Terms)
        {
            var target = Get(hash);
            foreach (var id in postings.Body) Append(target.Body, id + offset);
            foreach (var id in postings.Title) Append(target.Title, id + offset);
        }
    }

    /// <summary>Removes documents (being withdrawn or re-indexed) from every posting list.</summary>
    public void Remove(IReadOnlySet<int> localIds)
    {
        if (localIds.Count == 0) return;
        List<uint>? empty = null;
        foreach (var (hash, postings) in Terms)
        {
            postings.Body.RemoveAll(localIds.Contains);
            postings.Title.RemoveAll(localIds.Contains);
            if (postings.Body.Count == 0 && postings.Title.Count == 0) (empty ??= []).Add(hash);
        }
        if (empty is not null) foreach (var hash in empty) Terms.Remove(hash);
    }

    private Postings Get(uint hash)
    {
        if (!Terms.TryGetValue(hash, out var postings)) Terms[hash] = postings = new Postings();
        return postings;
    }

    // Keeps lists sorted and duplicate-free; documents usually arrive in increasing order.
    private static void Append(List<int> list, int id)
    {
        if (list.Count == 0 || list[^1] < id)
        {
            list.Add(id);
            return;
        }
        var at = list.BinarySearch(id);
        if (at < 0) list.Insert(~at, id);
    }

    /// <summary>The shard count for this content: a power of two giving shards of about <see cref="TargetShardBytes"/>.</summary>
    public int ChooseShardCount()
    {
        long bytes = 0;
        foreach (var postings in Terms.Values)
            bytes += 4 + EncodedListLength(postings.Body) + EncodedListLength(postings.Title);
        var shards = 1;
        while (shards < MaxShards && bytes / shards > TargetShardBytes) shards <<= 1;
        return shards;
    }

    public static int ShardOf(uint hash, int shardCount) => (int)(hash & (uint)(shardCount - 1));

    /// <summary>
    /// Encodes the shards. Shard format: varint term count; per term in hash order: varint hash delta, body list,
    /// title list. A list is varint header 0 (empty) or (byteLength &lt;&lt; 1 | isBitmap) followed by the bytes: a
    /// bitmap (bit i of byte i/8 = document i) or varint gaps (first id, then id - previous id).
    /// </summary>
    public byte[][] Encode(int shardCount)
    {
        var writers = new ArrayBufferWriter<byte>[shardCount];
        var counts = new int[shardCount];
        var previous = new uint[shardCount];
        for (var s = 0; s < shardCount; s++) writers[s] = new ArrayBufferWriter<byte>();
        var hashes = Terms.Keys.ToArray();
        Array.Sort(hashes);
        foreach (var hash in hashes)
        {
            var postings = Terms[hash];
            var s = ShardOf(hash, shardCount);
            var w = writers[s];
            Varint.Write(w, hash - previous[s]);
            previous[s] = hash;
            counts[s]++;
            WriteList(w, postings.Body);
            WriteList(w, postings.Title);
        }
        var result = new byte[shardCount][];
        for (var s = 0; s < shardCount; s++)
        {
            var output = new ArrayBufferWriter<byte>(writers[s].WrittenCount + 5);
            Varint.Write(output, (uint)counts[s]);
            output.Write(writers[s].WrittenSpan);
            result[s] = output.WrittenSpan.ToArray();
        }
        return result;
    }

    /// <summary>Decodes one shard into this segment.</summary>
    public void DecodeShard(ReadOnlySpan<byte> shard)
    {
        var position = 0;
        var count = Varint.Read(shard, ref position);
        uint hash = 0;
        for (var t = 0; t < count; t++)
        {
            hash += Varint.Read(shard, ref position);
            var postings = Get(hash);
            ReadList(shard, ref position, postings.Body);
            ReadList(shard, ref position, postings.Title);
        }
    }

    private static int EncodedListLength(List<int> ids) => ids.Count == 0 ? 1 : Math.Min(ids.Count * 2, ids[^1] / 8 + 1) + 2;

    private static void WriteList(IBufferWriter<byte> w, List<int> ids)
    {
        if (ids.Count == 0)
        {
            Varint.Write(w, 0);
            return;
        }
        var gaps = new ArrayBufferWriter<byte>(ids.Count * 2);
        var previous = 0;
        for (var i = 0; i < ids.Count; i++)
        {
            Varint.Write(gaps, (uint)(i == 0 ? ids[i] : ids[i] - previous));
            previous = ids[i];
        }
        var bitmapLength = ids[^1] / 8 + 1;
        if (bitmapLength < gaps.WrittenCount)
        {
            var bitmap = new byte[bitmapLength];
            foreach (var id in ids) bitmap[id >> 3] |= (byte)(1 << (id & 7));
            Varint.Write(w, (uint)(bitmapLength << 1 | 1));
            w.Write(bitmap);
        }
        else
        {
            Varint.Write(w, (uint)(gaps.WrittenCount << 1));
            w.Write(gaps.WrittenSpan);
        }
    }

    private static void ReadList(ReadOnlySpan<byte> shard, ref int position, List<int> into)
    {
        var header = Varint.Read(shard, ref position);
        if (header == 0) return;
        var length = (int)(header >> 1);
        var bytes = shard.Slice(position, length);
        position += length;
        if ((header & 1) == 1)
        {
            for (var b = 0; b < bytes.Length; b++)
                for (var bit = 0; bit < 8; bit++)
                    if ((bytes[b] & (1 << bit)) != 0) Append(into, b * 8 + bit);
            return;
        }
        var p = 0;
        var id = 0;
        var first = true;
        while (p < bytes.Length)
        {
            var gap = (int)Varint.Read(bytes, ref p);
            id = first ? gap : id + gap;
            first = false;
            Append(into, id);
        }
    }
}

internal static class Varint
{
    public static void Write(IBufferWriter<byte> w, uint value)
    {
        var span = w.GetSpan(5);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[n++] = (byte)value;
        w.Advance(n);
    }

    public static uint Read(ReadOnlySpan<byte> data, ref int position)
    {
        uint value = 0;
        var shift = 0;
        while (true)
        {
            var b = data[position++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80) return value;
            shift += 7;
        }
    }
}

/// <summary>
/// The segment layout, a pure function of the number of documents n (so an incremental publish and a rebuild agree):
/// maximal aligned blocks of <see cref="LeafSize"/>·<see cref="Fanout"/>^k documents (up to <see cref="MaxSegmentSize"/>),
/// then a small tail. Appending rewrites only the tail until it fills; every LeafSize-th publish seals it, and
/// Fanout equal blocks merge into one (LSM tiering), so a site holds at most (Fanout-1) segments per level.
/// </summary>
public static class SearchLayout
{
    public const int LeafSize = 8;
    public const int Fanout = 4;
    public const int MaxSegmentSize = LeafSize * Fanout * Fanout * Fanout * Fanout * Fanout; // 8192

    /// <summary>Documents per metadata chunk fetched for displayed results.</summary>
    public const int DocChunkSize = 32;

    public readonly record struct Range(int Base, int Size, bool Sealed)
    {
        public int End => Base + Size;
        public string Id => Sealed ? $"{Base}-{Size}" : $"{Base}-t";
        public bool Contains(int rank) => rank >= Base && rank < End;
    }

    public static IReadOnlyList<Range> Segments(int documentCount)
    {
        var result = new List<Range>();
        var position = 0;
        for (var size = MaxSegmentSize; size >= LeafSize; size /= Fanout)
            while (position + size <= documentCount)
            {
                result.Add(new Range(position, size, true));
                position += size;
            }
        if (position < documentCount) result.Add(new Range(position, documentCount - position, false));
        return result;
    }
}

/// <summary>The query logic of search.js, in C#: AND of the query's terms, title hits first, then newest first.</summary>
public static class SearchQuery
{
    /// <summary>Runs a query against a published site, reading what a browser would fetch. Returns global ranks.</summary>
    /// <param name="bytesFetched">Total bytes of the files read (what one search costs a browser).</param>
    public static async Task<(IReadOnlyList<int> Ranks, long BytesFetched, int FilesFetched)> RunAsync(
        ISiteStore site, string query, CancellationToken cancellationToken = default)
    {
        long bytes = 0;
        var files = 0;
        var terms = SearchTokenizer.QueryTerms(query);
        var manifestBytes = await site.ReadAsync(SearchFiles.Manifest, cancellationToken).ConfigureAwait(false);
        if (manifestBytes is null || terms.Count == 0) return ([], manifestBytes?.Length ?? 0, manifestBytes is null ? 0 : 1);
        bytes += manifestBytes.Length;
        files++;
        var manifest = System.Text.Json.JsonSerializer.Deserialize(manifestBytes, SiteJsonContext.Default.SearchManifest)!;
        var hits = new List<(int Rank, bool Title)>();
        var withdrawn = (manifest.Withdrawn ?? []).ToHashSet();
        foreach (var segment in manifest.Segments)
        {
            var shards = new Dictionary<int, SearchSegment>();
            HashSet<int>? docs = null;
            HashSet<int>? titleDocs = null;
            foreach (var term in terms)
            {
                var hash = SearchTokenizer.Hash(term);
                var shardIndex = SearchSegment.ShardOf(hash, segment.Shards);
                if (!shards.TryGetValue(shardIndex, out var decoded))
                {
                    var data = await site.ReadAsync(SearchFiles.Shard(segment.Id, shardIndex), cancellationToken).ConfigureAwait(false);
                    decoded = new SearchSegment();
                    if (data is not null)
                    {
                        bytes += data.Length;
                        files++;
                        decoded.DecodeShard(data);
                    }
                    shards[shardIndex] = decoded;
                }
                decoded.Terms.TryGetValue(hash, out var postings);
                var body = postings is null ? [] : postings.Body.Concat(postings.Title).ToHashSet();
                var title = postings is null ? [] : postings.Title.ToHashSet();
                if (docs is null) { docs = body; titleDocs = title; }
                else { docs.IntersectWith(body); titleDocs!.IntersectWith(title); }
            }
            foreach (var id in docs ?? [])
                if (!withdrawn.Contains(segment.Base + id)) hits.Add((segment.Base + id, titleDocs!.Contains(id)));
        }
        var ranked = hits.OrderByDescending(h => h.Title).ThenByDescending(h => h.Rank).Select(h => h.Rank).ToList();
        return (ranked, bytes, files);
    }
}

internal static class SearchFiles
{
    public const string Manifest = "search/manifest.json";
    public static string Shard(string segmentId, int shard) => $"search/s/{segmentId}/{shard}.bin";
    public static string DocChunk(int chunk) => $"search/docs/{chunk}.json";
}
