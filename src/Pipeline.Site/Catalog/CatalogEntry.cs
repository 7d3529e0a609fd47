using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Site.Catalog;

/// <summary>The full record of one rank: the entry as last published and, if withdrawn, why and when.</summary>
internal sealed record CatalogEntry(SiteEntry Entry, string? WithdrawnReason = null, DateTimeOffset? WithdrawnAt = null)
{
    [JsonIgnore]
    public bool Withdrawn => WithdrawnAt is not null;
}
