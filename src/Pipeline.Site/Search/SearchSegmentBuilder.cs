using System.Buffers;

namespace Pipeline.Site.Search;

/// <summary>
/// Builds and encodes a search segment from documents only (no older segment to merge: every segment of a rebuild,
/// a new tail): the same shards, byte for byte, as <see cref="SearchSegment"/> given the same documents in the same
/// order, built in parts on every core. The documents are split into consecutive runs, each run's postings are built
/// by its own pair of <see cref="PostingsTable"/>s (body, title), and a term's list is the concatenation of its runs
/// in document order; shards are then encoded in parallel.
/// </summary>
internal static class SearchSegmentBuilder
{
    /// <summary>Below this many postings one part does it (the cost of a part is a table the size of its vocabulary).</summary>
    private const int PostingsPerPart = 1_000_000;

    /// <summary>The shards of the segment holding <paramref name="documents"/> (local ids strictly increasing).</summary>
    /// <param name="parts">Runs to split the documents into (tests); default: one per million postings, at most one per core.</param>
    public static byte[][] Build(IReadOnlyList<(int LocalId, IndexTerms Terms)> documents, int? parts = null)
    {
        if (documents.Count > 0 && (documents[0].LocalId < 0 || documents[^1].LocalId > ushort.MaxValue))
            throw new ArgumentOutOfRangeException(nameof(documents), "Local ids are kept as ushorts (segments hold at most SearchLayout.MaxSegmentSize documents).");
        long postings = 0;
        foreach (var (_, document) in documents) postings += document.Body.Length + document.Title.Length;
        var partCount = Math.Clamp(parts ?? (int)Math.Min(postings / PostingsPerPart, Environment.ProcessorCount), 1, Math.Max(1, documents.Count));
        var tables = new (uint[] Hashes, PostingRun<ushort>[] Runs)[partCount * 2];
        Parallel.For(0, partCount, part =>
        {
            var from = (int)((long)documents.Count * part / partCount);
            var to = (int)((long)documents.Count * (part + 1) / partCount);
            long bodyPostings = 0;
            for (var d = from; d < to; d++) bodyPostings += documents[d].Terms.Body.Length;
            var body = new PostingsTable((int)Math.Min(bodyPostings / 32, 1 << 16));
            var title = new PostingsTable(1024);
            for (var d = from; d < to; d++)
            {
                var (id, document) = documents[d];
                body.Count(id, document.Body);
                title.Count(id, document.Title);
            }
            body.Seal();
            title.Seal();
            for (var d = from; d < to; d++)
            {
                var (id, document) = documents[d];
                body.Fill(id, document.Body);
                title.Fill(id, document.Title);
            }
            tables[part * 2] = Terms(body);
            tables[part * 2 + 1] = Terms(title);
        });

        // Every (hash, kind, part) in one order: by hash, then body before title, then parts in document order.
        var total = tables.Sum(p => p.Hashes.Length);
        var keys = new ulong[total];
        var runs = new PostingRun<ushort>[total];
        var n = 0;
        for (var k = 0; k < tables.Length; k++)
        {
            var (hashes, partRuns) = tables[k];
            var kind = (ulong)(k % 2) << 16;
            var part = (ulong)(k / 2);
            for (var t = 0; t < hashes.Length; t++)
            {
                keys[n] = (ulong)hashes[t] << 32 | kind | part;
                runs[n++] = partRuns[t];
            }
        }
        Array.Sort(keys, runs);

        // Terms: [First, TitleStart) body runs, [TitleStart, End) title runs.
        var terms = new List<(uint Hash, int First, int TitleStart, int End)>();
        long bytes = 0;
        for (var i = 0; i < total;)
        {
            var hash = (uint)(keys[i] >> 32);
            var first = i;
            var titleStart = -1;
            while (i < total && (uint)(keys[i] >> 32) == hash)
            {
                if (titleStart < 0 && (keys[i] >> 16 & 1) == 1) titleStart = i;
                i++;
            }
            if (titleStart < 0) titleStart = i;
            terms.Add((hash, first, titleStart, i));
            bytes += 4 + Estimated(runs.AsSpan(first, titleStart - first)) + Estimated(runs.AsSpan(titleStart, i - titleStart));
        }

        var shardCount = SearchSegment.ShardCountFor(bytes);
        // Terms by shard, each shard's in hash order (a stable counting sort of the hash-ordered terms).
        var starts = new int[shardCount + 1];
        foreach (var term in terms) starts[SearchSegment.ShardOf(term.Hash, shardCount) + 1]++;
        for (var s = 0; s < shardCount; s++) starts[s + 1] += starts[s];
        var byShard = new int[terms.Count];
        var next = starts[..^1];
        for (var t = 0; t < terms.Count; t++) byShard[next[SearchSegment.ShardOf(terms[t].Hash, shardCount)]++] = t;

        var shards = new byte[shardCount][];
        Parallel.For(0, shardCount, () => new ArrayBufferWriter<byte>(), (s, _, w) =>
        {
            w.ResetWrittenCount();
            uint previous = 0;
            for (var j = starts[s]; j < starts[s + 1]; j++)
            {
                var (hash, first, titleStart, end) = terms[byShard[j]];
                Varint.Write(w, hash - previous);
                previous = hash;
                PostingListCodec.Write(w, runs.AsSpan(first, titleStart - first));
                PostingListCodec.Write(w, runs.AsSpan(titleStart, end - titleStart));
            }
            shards[s] = SearchSegment.Shard(starts[s + 1] - starts[s], w.WrittenSpan);
            return w;
        }, _ => { });
        return shards;
    }

    private static (uint[] Hashes, PostingRun<ushort>[] Runs) Terms(PostingsTable table)
    {
        var hashes = new uint[table.Terms];
        var runs = new PostingRun<ushort>[table.Terms];
        table.CopyTo(hashes, runs);
        return (hashes, runs);
    }

    private static int Estimated(ReadOnlySpan<PostingRun<ushort>> runs)
    {
        var count = 0;
        var last = 0;
        foreach (var run in runs)
        {
            count += run.Count;
            if (run.Count > 0) last = run.Last;
        }
        return PostingListCodec.EstimatedLength(count, last);
    }
}
