using System.Text.Json.Serialization;

namespace Pipeline.Site.Catalog;

/// <summary>The catalog's private state files (head, row buckets, entry shards, list states, code buckets, the legacy catalog.json).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CatalogContents))]
[JsonSerializable(typeof(List<CatalogEntry>))]
[JsonSerializable(typeof(CatalogHead))]
[JsonSerializable(typeof(List<CatalogRow>))]
[JsonSerializable(typeof(CatalogListState))]
[JsonSerializable(typeof(SortedDictionary<string, int>))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext
{
    /// <summary>With the site's JSON options (<see cref="SiteJson.Options"/>).</summary>
    public static CatalogJsonContext Site { get; } = new(SiteJson.Options());
}
