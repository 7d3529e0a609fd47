using System.Text.Json.Serialization;

namespace Pipeline.Site.Search;

/// <summary>The search files in JSON: the manifest (public and private copy) and the result metadata chunks.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SearchManifest))]
[JsonSerializable(typeof(List<string?[]?>))]
internal sealed partial class SearchJsonContext : JsonSerializerContext
{
    /// <summary>With the site's JSON options (<see cref="SiteJson.Options"/>).</summary>
    public static SearchJsonContext Site { get; } = new(SiteJson.Options());
}
