using System.Buffers;
using System.Numerics;

namespace Pipeline.Site.Search;

/// <summary>
/// The encoding of one posting list in a shard (format in <see cref="SearchSegment.Encode"/>): varint header 0 (empty)
/// or (byteLength &lt;&lt; 1 | isBitmap), then a bitmap or varint gaps, whichever is shorter. Shared by the segment
/// that merges old shards (<see cref="SearchSegment"/>) and the one built from documents only
/// (<see cref="SearchSegmentBuilder"/>), so both write the same bytes.
/// </summary>
internal static class PostingListCodec
{
    /// <summary>The size estimate shard counts are chosen by (not the exact encoded length; kept as first published).</summary>
    public static int EstimatedLength(int count, int lastId) => count == 0 ? 1 : Math.Min(count * 2, lastId / 8 + 1) + 2;

    /// <summary>Writes the ids of <paramref name="runs"/>, taken in order as one sorted list.</summary>
    public static void Write<T>(IBufferWriter<byte> w, ReadOnlySpan<PostingRun<T>> runs) where T : unmanaged, IBinaryInteger<T>
    {
        var count = 0;
        var lastId = 0;
        var gapsLength = 0;
        var previous = 0;
        foreach (var run in runs)
        {
            foreach (var value in run.Span)
            {
                var id = int.CreateTruncating(value);
                gapsLength += VarintLength((uint)(id - previous));
                previous = id;
            }
            if (run.Count > 0) lastId = run.Last;
            count += run.Count;
        }
        if (count == 0)
        {
            Varint.Write(w, 0);
            return;
        }
        var bitmapLength = lastId / 8 + 1;
        if (bitmapLength < gapsLength)
        {
            Varint.Write(w, (uint)(bitmapLength << 1 | 1));
            var bitmap = w.GetSpan(bitmapLength)[..bitmapLength];
            bitmap.Clear();
            foreach (var run in runs)
                foreach (var value in run.Span)
                {
                    var id = int.CreateTruncating(value);
                    bitmap[id >> 3] |= (byte)(1 << (id & 7));
                }
            w.Advance(bitmapLength);
            return;
        }
        Varint.Write(w, (uint)(gapsLength << 1));
        var gaps = w.GetSpan(gapsLength);
        var n = 0;
        previous = 0;
        foreach (var run in runs)
        {
            foreach (var item in run.Span)
            {
                var id = int.CreateTruncating(item);
                var value = (uint)(id - previous);
                previous = id;
                while (value >= 0x80)
                {
                    gaps[n++] = (byte)(value | 0x80);
                    value >>= 7;
                }
                gaps[n++] = (byte)value;
            }
        }
        w.Advance(gapsLength);
    }

    private static int VarintLength(uint value) => value < 1u << 7 ? 1 : value < 1u << 14 ? 2 : value < 1u << 21 ? 3 : value < 1u << 28 ? 4 : 5;
}
