using System.Text.Json.Serialization;

namespace Pipeline.Site.Feeds;

/// <summary>The public JSON API (/api/reports/).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ApiShard))]
[JsonSerializable(typeof(ApiManifest))]
internal sealed partial class FeedJsonContext : JsonSerializerContext
{
    /// <summary>With the site's JSON options (<see cref="SiteJson.Options"/>).</summary>
    public static FeedJsonContext Site { get; } = new(SiteJson.Options());
}
