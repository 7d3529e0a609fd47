using System.Text.Json.Serialization;

namespace Pipeline.Site.Statistics;

/// <summary>Where the statistics state keeps one report's figures: its year file, and the agency page it is on.</summary>
internal sealed record StatisticsHeadEntry(
    [property: JsonPropertyName("y")] int Year,
    [property: JsonPropertyName("p")] string PublisherSlug);
