using System.Buffers;
using System.Text;

namespace Pipeline.Site.Search;

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
