using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Pipeline.Site;

/// <summary>How the site writes JSON (catalog, search and API files alike).</summary>
internal static class SiteJson
{
    /// <summary>
    /// Compact JSON that keeps Chinese readable (not \u-escaped) but still escapes HTML-significant characters;
    /// camelCase, nulls left out. A new instance per serializer context (an options instance binds to one context).
    /// </summary>
    public static JsonSerializerOptions Options() => new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
