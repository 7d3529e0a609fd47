using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Site.Search;

/// <summary>The search layout as of the last completed run (also published as search/manifest.json).</summary>
internal sealed record SearchManifest(
    [property: JsonPropertyName("v")] int Version,
    [property: JsonPropertyName("n")] int Documents,
    [property: JsonPropertyName("chunk")] int DocChunkSize,
    [property: JsonPropertyName("segments")] IReadOnlyList<SearchSegmentInfo> Segments)
{
    /// <summary>
    /// Ranks withdrawn while their sealed segment was kept (rewriting it costs up to thousands of shard files): the
    /// segment still has their postings, so search.js and <see cref="SearchQuery"/> drop these ranks from results; their
    /// metadata records are already gone. Compacted out when the segment is next rewritten. Null when empty, so a site
    /// without such withdrawals has the same manifest bytes as before this field existed.
    /// </summary>
    [JsonPropertyName("withdrawn")]
    public IReadOnlyList<int>? Withdrawn { get; init; }

    public static SearchManifest Empty { get; } = new(1, 0, SearchLayout.DocChunkSize, []);
}
