using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Site.Search;

/// <param name="Id">Folder of the segment's shards: base-size-contenthash (tail: base-t-contenthash).</param>
internal sealed record SearchSegmentInfo(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("base")] int Base,
    [property: JsonPropertyName("size")] int Size,
    [property: JsonPropertyName("shards")] int Shards);
