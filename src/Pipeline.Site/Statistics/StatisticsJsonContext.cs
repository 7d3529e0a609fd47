using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Core.Statistics;

namespace Pipeline.Site.Statistics;

/// <summary>The statistics section's private state files (head, one file per report year).</summary>
[JsonSerializable(typeof(SortedDictionary<string, StatisticsHeadEntry>))]
[JsonSerializable(typeof(List<StatisticsRecord>))]
internal sealed partial class StatisticsJsonContext : JsonSerializerContext
{
    /// <summary>With the site's JSON options (<see cref="SiteJson.Options"/>), enums by name so the state survives reordering.</summary>
    public static StatisticsJsonContext State { get; } = new(WithEnumNames(SiteJson.Options()));

    // One converter per enum the records hold (ReportStatistics and StatisticsTable: the template version and the
    // table kind): the generic converter needs no code generated at run time, so the state reads and writes the same
    // under Native AOT as under the JIT. An enum added to the records needs its line here, or it is written as a number.
    private static JsonSerializerOptions WithEnumNames(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter<TemplateVersion>());
        options.Converters.Add(new JsonStringEnumConverter<StatisticsTableKind>());
        return options;
    }
}
