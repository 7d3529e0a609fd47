using System.Text.Json.Serialization;

namespace Pipeline.Core.Timeliness;

/// <summary>One holiday of a calendar file: its name and first and last day (yyyy-MM-dd).</summary>
internal sealed record CalendarHoliday(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("to")] string? To);
