using System.Text.Json.Serialization;

namespace Pipeline.Site.Catalog;

/// <summary>A report the oversight page of its agency lists (it needs attention), with its assessment.</summary>
internal sealed record CatalogListedRank(
    [property: JsonPropertyName("r")] int Rank,
    [property: JsonPropertyName("t")] CatalogTimeliness? Timeliness);
