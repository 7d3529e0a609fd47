using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Site.Statistics;

/// <summary>The statistics section's private state files (head, one file per report year).</summary>
[JsonSerializable(typeof(SortedDictionary<string, StatisticsHeadEntry>))]
[JsonSerializable(typeof(List<StatisticsRecord>))]
internal sealed partial class StatisticsJsonContext : JsonSerializerContext
{
    /// <summary>With the site's JSON options (<see cref="SiteJson.Options"/>), enums by name so the state survives reordering.</summary>
    public static StatisticsJsonContext State { get; } = new(WithEnumNames(SiteJson.Options()));

    private static JsonSerializerOptions WithEnumNames(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
