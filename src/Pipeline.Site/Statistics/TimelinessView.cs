using Pipeline.Core.Timeliness;
using Pipeline.Site.Catalog;

namespace Pipeline.Site.Statistics;

/// <summary>
/// The oversight view of every published report (not only annual reports with template tables): the assessment kept
/// on each catalog row when the report is published, and its verdict. The same assessment as the report's
/// statistics.json (<see cref="StatisticsTimeliness.Assess"/>).
/// </summary>
internal static class TimelinessView
{
    /// <summary>The assessment kept on the catalog row of a report about to be published.</summary>
    public static CatalogTimeliness Assess(SiteEntry entry, PublisherKind registeredKind)
    {
        var a = StatisticsTimeliness.Assess(entry, registeredKind);
        return new CatalogTimeliness(a.WorkingDays, a.OverLimit, a.MissingCalendarYears.Count > 0, a.AnnualReportYear, a.AnnualReportDeadline, a.AfterDeadline);
    }

    public static TimelinessVerdict VerdictOf(CatalogTimeliness? t) => t switch
    {
        null => TimelinessVerdict.NotAssessed,
        { OverLimit: true } => TimelinessVerdict.Late,
        { OverLimit: false } => TimelinessVerdict.OnTime,
        { WorkingDays: null } => TimelinessVerdict.NoGeneratedDate,
        _ => TimelinessVerdict.CalendarMissing,
    };

    /// <summary>Worth listing on the agency page: late, after its deadline, or not judgeable.</summary>
    public static bool NeedsAttention(CatalogTimeliness? t) =>
        VerdictOf(t) != TimelinessVerdict.OnTime || t?.AfterDeadline is true;
}
