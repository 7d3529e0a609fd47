using System.Numerics;

namespace Pipeline.Site.Search;

/// <summary>
/// A slice of an id array holding part of one term's sorted postings (a list may be split over several runs). Ids are
/// local to a segment (below <see cref="SearchLayout.MaxSegmentSize"/>): <see cref="SearchSegmentBuilder"/> keeps them
/// as <see cref="ushort"/>s, half the memory of the postings it holds beside every document's terms at the end of a rebuild.
/// </summary>
internal readonly record struct PostingRun<T>(T[] Ids, int Start, int Count) where T : unmanaged, IBinaryInteger<T>
{
    public ReadOnlySpan<T> Span => Ids.AsSpan(Start, Count);

    /// <summary>The last (largest) id; 0 when empty.</summary>
    public int Last => Count == 0 ? 0 : int.CreateTruncating(Ids[Start + Count - 1]);
}
