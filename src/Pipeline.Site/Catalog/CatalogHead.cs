using System.Text.Json.Serialization;

namespace Pipeline.Site.Catalog;

/// <summary>
/// The catalog's head: how many ranks exist (rows past it are leftovers of an interrupted run), publisher names and
/// what a run that appends needs instead of every row — the lists (<see cref="CatalogListRef"/>) with the page size
/// their state files were cut for, and how many bits of a code's hash pick its code bucket. A head without the lists
/// (written before they existed) is read with every row, and the run then writes them.
/// </summary>
internal sealed record CatalogHead(
    [property: JsonPropertyName("n")] int Count,
    [property: JsonPropertyName("publishers")] SortedDictionary<string, string> Publishers,
    [property: JsonPropertyName("pageSize")] int? PageSize = null,
    [property: JsonPropertyName("codeBits")] int? CodeBits = null,
    [property: JsonPropertyName("lists")] SortedDictionary<string, CatalogListRef>? Lists = null);
