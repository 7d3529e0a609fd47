using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Core.Timeliness;

/// <summary>One year's calendar file (config/calendar/&lt;year&gt;.json) as read by <see cref="WorkingDayCalendar.Parse"/>.</summary>
internal sealed record CalendarFile(
    [property: JsonPropertyName("year")] int Year,
    [property: JsonPropertyName("sources")] IReadOnlyList<JsonElement>? Sources,
    [property: JsonPropertyName("holidays")] IReadOnlyList<CalendarHoliday>? Holidays,
    [property: JsonPropertyName("workingWeekends")] IReadOnlyList<string>? WorkingWeekends);
