using Pipeline.Core.Timeliness;
using Pipeline.Site.Catalog;

namespace Pipeline.Site.Statistics;

/// <summary>
/// How timely one published report was, as the oversight pages show it: working days from 生成日期 to 发布日期 (the
/// dates its page shows) against the 20-working-day limit (政府信息公开条例 第二十六条), and for an annual report
/// whether it met its deadline (第四十九条). The rules are <see cref="TimelinessRules"/>'; null parts are unknown.
/// </summary>
/// <param name="WorkingDays">Working days after 生成日期 up to 发布日期; a lower bound when <paramref name="CalendarMissing"/>.</param>
/// <param name="OverLimit">Published more than 20 working days after it was made; null when the calendar cannot tell.</param>
/// <param name="CalendarMissing">A year between the dates has no official working-day calendar in the repository.</param>
/// <param name="AnnualReportDeadline">The last day the annual report could be published on time; null when unknown.</param>
/// <param name="AfterDeadline">Published after <paramref name="AnnualReportDeadline"/>; null when unknown.</param>
public sealed record StatisticsTimeliness(
    DateOnly? GeneratedDate,
    DateOnly? ReleaseDate,
    int? WorkingDays,
    bool? OverLimit,
    bool CalendarMissing,
    DateOnly? AnnualReportDeadline,
    bool? AfterDeadline)
{
    /// <summary>The assessment of a report about to be published, from what its page shows and its agency's kind.</summary>
    public static StatisticsTimeliness Of(SiteEntry entry, PublisherKind registeredKind, WorkingDayCalendar? calendar = null)
    {
        var a = Assess(entry, registeredKind, calendar);
        return new StatisticsTimeliness(a.GeneratedDate, a.ReleaseDate, a.WorkingDays, a.OverLimit, a.MissingCalendarYears.Count > 0, a.AnnualReportDeadline, a.AfterDeadline);
    }

    /// <summary>
    /// The one assessment of a published report, from the two dates its page shows and its agency's kind: what its
    /// statistics.json and every oversight page (<see cref="TimelinessView"/>) show.
    /// </summary>
    internal static TimelinessAssessment Assess(SiteEntry entry, PublisherKind registeredKind, WorkingDayCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var facts = new TimelinessRules.Facts(entry.GeneratedDate, entry.DisplayDate, ReleaseDateBasis.Published, entry.Title, entry.Publisher, entry.Publisher, registeredKind);
        return TimelinessRules.Assess(facts, calendar ?? WorkingDayCalendar.Official);
    }
}
