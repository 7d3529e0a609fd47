using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Site.Catalog;

internal sealed class CatalogContents
{
    public List<CatalogRow> Rows { get; set; } = [];
    /// <summary>Publisher display names by slug.</summary>
    public SortedDictionary<string, string> Publishers { get; set; } = new(StringComparer.Ordinal);
}
