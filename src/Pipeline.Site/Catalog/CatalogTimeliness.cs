using System.Text.Json.Serialization;

namespace Pipeline.Site.Catalog;

/// <summary>
/// How timely a report went public, kept compactly on its catalog row so the oversight pages (发布及时性, per agency and
/// year) can be computed from the rows (the catalog keeps their counts per list, <see cref="CatalogListState"/>). Made when the report is
/// published (<c>Statistics.TimelinessView.Assess</c>); a row without it was published before the assessment existed.
/// </summary>
/// <param name="WorkingDays">Working days after 生成日期 up to 发布日期; a lower bound when <paramref name="CalendarMissing"/>; null without 生成日期.</param>
/// <param name="OverLimit">More than 20 working days (第二十六条); null when it cannot be judged.</param>
/// <param name="CalendarMissing">A year between the dates has no official working-day calendar in the repository.</param>
/// <param name="AnnualReportYear">The year an annual report covers; null when the report is not an annual report.</param>
/// <param name="AnnualReportDeadline">An annual report's 第四十九条 deadline; null for other reports or when unknown.</param>
/// <param name="AfterDeadline">The annual report went public after its deadline; null when not an annual report or unknown.</param>
internal sealed record CatalogTimeliness(
    [property: JsonPropertyName("d")] int? WorkingDays,
    [property: JsonPropertyName("o")] bool? OverLimit,
    // Written only when true: most rows' dates lie in calendar years the repository holds (rows are many and compact).
    [property: JsonPropertyName("m"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool CalendarMissing,
    [property: JsonPropertyName("y")] int? AnnualReportYear,
    [property: JsonPropertyName("a")] DateOnly? AnnualReportDeadline,
    [property: JsonPropertyName("l")] bool? AfterDeadline);
