using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Site.Catalog;

/// <summary>The catalog's head: how many ranks exist (rows past it are leftovers of an interrupted run) and publisher names.</summary>
internal sealed record CatalogHead(
    [property: JsonPropertyName("n")] int Count,
    [property: JsonPropertyName("publishers")] SortedDictionary<string, string> Publishers);
