namespace Pipeline.Site.Search;

/// <summary>
/// One segment of the layout a run writes (<see cref="SearchIndexWriter.PrepareAsync"/>): kept as it was
/// (<paramref name="Kept"/>), or rewritten with the shards <paramref name="Encoded"/> is computing.
/// </summary>
internal sealed record PlannedSegment(SearchLayout.Range Range, SearchSegmentInfo? Kept, Task<byte[][]>? Encoded);
