namespace Pipeline.Site.Search;

/// <summary>A slice of an id array holding part of one term's sorted postings (a list may be split over several runs).</summary>
internal readonly record struct PostingRun(int[] Ids, int Start, int Count)
{
    public ReadOnlySpan<int> Span => Ids.AsSpan(Start, Count);
}
