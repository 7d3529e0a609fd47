using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Site.Catalog;

/// <summary>One row of the publisher's catalog: every report ever published, in publish order (rank = index).</summary>
internal sealed record CatalogRow(
    [property: JsonPropertyName("c")] string IndexCode,
    [property: JsonPropertyName("s")] string Slug,
    [property: JsonPropertyName("y")] int Year,
    [property: JsonPropertyName("p")] string PublisherSlug,
    [property: JsonPropertyName("m")] DateOnly? LastModified,
    [property: JsonPropertyName("w")] bool Withdrawn,
    [property: JsonPropertyName("t")] CatalogTimeliness? Timeliness = null)
{
    /// <summary>The row of a (re)published entry: on its list year, last modified when revised, else on its display date.</summary>
    public static CatalogRow For(SiteEntry entry, SiteCalendar calendar) =>
        new(entry.IndexCode, entry.Slug, entry.ListYear(calendar), entry.PublisherSlug, entry.Revised ?? entry.DisplayDate, Withdrawn: false);
}
