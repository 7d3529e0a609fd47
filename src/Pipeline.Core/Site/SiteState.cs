using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Core.Site;

/// <summary>One row of the publisher's catalog: every report ever published, in publish order (rank = index).</summary>
internal sealed record CatalogRow(
    [property: JsonPropertyName("c")] string IndexCode,
    [property: JsonPropertyName("s")] string Slug,
    [property: JsonPropertyName("y")] int Year,
    [property: JsonPropertyName("p")] string PublisherSlug,
    [property: JsonPropertyName("m")] DateOnly? LastModified,
    [property: JsonPropertyName("w")] bool Withdrawn);

/// <summary>The full record of one rank: the entry as last published and, if withdrawn, why and when.</summary>
internal sealed record LedgerRecord(SiteEntry Entry, string? WithdrawnReason = null, DateTimeOffset? WithdrawnAt = null)
{
    [JsonIgnore]
    public bool Withdrawn => WithdrawnAt is not null;
}

internal sealed class Catalog
{
    public List<CatalogRow> Rows { get; set; } = [];
    /// <summary>Publisher display names by slug.</summary>
    public SortedDictionary<string, string> Publishers { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>The catalog's head: how many ranks exist (rows past it are leftovers of an interrupted run) and publisher names.</summary>
internal sealed record CatalogHead(
    [property: JsonPropertyName("n")] int Count,
    [property: JsonPropertyName("publishers")] SortedDictionary<string, string> Publishers);

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

/// <param name="Id">Folder of the segment's shards: base-size-contenthash (tail: base-t-contenthash).</param>
internal sealed record SearchSegmentInfo(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("base")] int Base,
    [property: JsonPropertyName("size")] int Size,
    [property: JsonPropertyName("shards")] int Shards);

/// <summary>One record of the public JSON index (/api/reports/n.json).</summary>
public sealed record ApiReportRecord(
    string IndexCode,
    string Title,
    string Publisher,
    DateOnly? GeneratedDate,
    string? PublicScope,
    DateOnly? ReleaseDate,
    DateOnly? Revised,
    int Version,
    long Sequence,
    DateTimeOffset PublishedAt,
    string Url);

public sealed record ApiShard(int Shard, IReadOnlyList<ApiReportRecord> Reports);

public sealed record ApiShardRef(string Url, int FirstRank);

/// <summary>/api/reports/index.json: the live report count and the shard list.</summary>
public sealed record ApiManifest(int Count, int ShardSize, IReadOnlyList<ApiShardRef> Shards);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Catalog))]
[JsonSerializable(typeof(List<LedgerRecord>))]
[JsonSerializable(typeof(CatalogHead))]
[JsonSerializable(typeof(List<CatalogRow>))]
[JsonSerializable(typeof(SearchManifest))]
[JsonSerializable(typeof(ApiShard))]
[JsonSerializable(typeof(ApiManifest))]
[JsonSerializable(typeof(List<string?[]?>))]
internal sealed partial class SiteJsonContext : JsonSerializerContext;
