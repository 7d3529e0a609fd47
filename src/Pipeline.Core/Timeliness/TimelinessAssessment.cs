namespace Pipeline.Core.Timeliness;

/// <summary>
/// How timely one report is: working days from 生成日期 to 发布日期 against the 20-working-day limit (政府信息公开条例
/// 第二十六条), and for an annual report its deadline (第四十九条). Null parts are unknown (no 生成日期, a calendar year
/// missing, not an annual report).
/// </summary>
/// <param name="GeneratedDate">生成日期, the document's date.</param>
/// <param name="ReleaseDate">发布日期 used, and <paramref name="ReleaseBasis"/> says where it comes from.</param>
/// <param name="WorkingDays">Working days after 生成日期 up to 发布日期 (null when a date is unknown); only a lower bound
/// (the days of the years the calendar knows) when <paramref name="MissingCalendarYears"/> is not empty.</param>
/// <param name="MissingCalendarYears">Years between the two dates whose holiday notice is not in the calendar data.</param>
/// <param name="OverLimit">More than <see cref="TimelinessRules.WorkingDayLimit"/> working days (proven even by a lower
/// bound); null when the calendar data cannot tell.</param>
/// <param name="AnnualReportYear">The year an annual report covers; null when the report is not an annual report.</param>
/// <param name="PublisherKind">Government or department, for the annual report's deadline.</param>
/// <param name="AnnualReportDeadline">The last day the annual report may be published.</param>
/// <param name="AfterDeadline">Published after <paramref name="AnnualReportDeadline"/>; null when not known.</param>
public sealed record TimelinessAssessment(
    DateOnly? GeneratedDate,
    DateOnly? ReleaseDate,
    ReleaseDateBasis ReleaseBasis,
    int? WorkingDays,
    IReadOnlyList<int> MissingCalendarYears,
    bool? OverLimit,
    int? AnnualReportYear,
    PublisherKind PublisherKind,
    DateOnly? AnnualReportDeadline,
    bool? AfterDeadline)
{
    /// <summary>The release date is an estimate (the day of validation), not a known date.</summary>
    public bool ReleaseDateEstimated => ReleaseBasis == ReleaseDateBasis.Validation;

    /// <summary><see cref="WorkingDays"/> is the exact count (every year between the dates is in the calendar data).</summary>
    public bool WorkingDaysExact => WorkingDays is not null && MissingCalendarYears.Count == 0;
}
