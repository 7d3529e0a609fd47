using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Pipeline.Site.Search;

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

    /// <summary>Adds a document; ids should be added in increasing order per term (callers add documents in order).</summary>
    public void Add(int localId, ReadOnlySpan<uint> bodyTermHashes, ReadOnlySpan<uint> titleTermHashes)
    {
        foreach (var hash in bodyTermHashes) Get(hash).Body.Append(localId);
        foreach (var hash in titleTermHashes) Get(hash).Title.Append(localId);
    }

    /// <summary>Merges another segment's postings in, shifted by <paramref name="offset"/>.</summary>
    public void AddShifted(SearchSegment other, int offset)
    {
        foreach (var (hash, postings) in other.Terms)
        {
            ref var target = ref Get(hash);
            foreach (var id in postings.Body.Ids) target.Body.Append(id + offset);
            foreach (var id in postings.Title.Ids) target.Title.Append(id + offset);
        }
    }

    /// <summary>Removes documents (being withdrawn or re-indexed) from every posting list.</summary>
    public void Remove(IReadOnlySet<int> localIds)
    {
        if (localIds.Count == 0) return;
        List<uint>? empty = null;
        foreach (var hash in Terms.Keys)
        {
            ref var postings = ref CollectionsMarshal.GetValueRefOrNullRef(Terms, hash);
            postings.Body.RemoveAll(localIds);
            postings.Title.RemoveAll(localIds);
            if (postings.Body.Count == 0 && postings.Title.Count == 0) (empty ??= []).Add(hash);
        }
        if (empty is not null) foreach (var hash in empty) Terms.Remove(hash);
    }

    /// <summary>The postings of a term, added empty if new: a ref into the dictionary's entry (one lookup either way).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Postings Get(uint hash) => ref CollectionsMarshal.GetValueRefOrAddDefault(Terms, hash, out _);

    /// <summary>The shard count for this content: a power of two giving shards of about <see cref="TargetShardBytes"/>.</summary>
    public int ChooseShardCount()
    {
        long bytes = 0;
        foreach (var postings in Terms.Values)
            bytes += 4 + PostingListCodec.EstimatedLength(postings.Body.Count, postings.Body.Last) + PostingListCodec.EstimatedLength(postings.Title.Count, postings.Title.Last);
        return ShardCountFor(bytes);
    }

    /// <summary>The shard count for an estimated encoded size (<see cref="PostingListCodec.EstimatedLength"/> + 4 per term).</summary>
    public static int ShardCountFor(long bytes)
    {
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
            PostingListCodec.Write(w, [postings.Body.Run]);
            PostingListCodec.Write(w, [postings.Title.Run]);
        }
        var result = new byte[shardCount][];
        for (var s = 0; s < shardCount; s++) result[s] = Shard(counts[s], writers[s].WrittenSpan);
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
            ref var postings = ref Get(hash);
            ReadList(shard, ref position, ref postings.Body);
            ReadList(shard, ref position, ref postings.Title);
        }
    }

    /// <summary>A shard's bytes: varint term count, then the terms' encoded bytes.</summary>
    public static byte[] Shard(int termCount, ReadOnlySpan<byte> terms)
    {
        var output = new ArrayBufferWriter<byte>(terms.Length + 5);
        Varint.Write(output, (uint)termCount);
        output.Write(terms);
        return output.WrittenSpan.ToArray();
    }

    private static void ReadList(ReadOnlySpan<byte> shard, ref int position, ref PostingList into)
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
                    if ((bytes[b] & (1 << bit)) != 0) into.Append(b * 8 + bit);
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
            into.Append(id);
        }
    }
}
