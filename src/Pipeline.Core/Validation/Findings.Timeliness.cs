using System.Globalization;
using Pipeline.Core.Model;
using Pipeline.Core.Timeliness;

namespace Pipeline.Core.Validation;

// Findings about timeliness (政府信息公开条例 第二十六条 and 第四十九条): how long after it was made a report goes public,
// and whether an annual report meets its deadline. Warnings: they never stop a report, they tell the agency and the
// oversight view what the law expects.
public static partial class Findings
{
    /// <summary>More than 20 working days from 生成日期 to 发布日期 (proven even when a calendar year is missing).</summary>
    public static Finding PublishedLate(TimelinessAssessment t) => new("published-late",
        $"生成日期{DateZh(t.GeneratedDate)}至发布日期{DateZh(t.ReleaseDate)}{(t.WorkingDaysExact ? "共" : "至少")} {t.WorkingDays} 个工作日，" +
        $"超过《政府信息公开条例》第二十六条规定的 {TimelinessRules.WorkingDayLimit} 个工作日（主动公开的政府信息应自形成或变更之日起 {TimelinessRules.WorkingDayLimit} 个工作日内公开）。" +
        MissingYearsZh(t) + BasisZh(t),
        $"{(t.WorkingDaysExact ? "" : "At least ")}{t.WorkingDays} working days passed from the generation date (生成日期) {DateEn(t.GeneratedDate)} to the release date (发布日期) {DateEn(t.ReleaseDate)}, " +
        $"more than the {TimelinessRules.WorkingDayLimit} working days allowed by Article 26 of the Regulations on Open Government Information (information for proactive disclosure is published within {TimelinessRules.WorkingDayLimit} working days of being made or changed)." +
        MissingYearsEn(t) + BasisEn(t));

    /// <summary>An annual report published after its 第四十九条 deadline.</summary>
    public static Finding AnnualReportLate(TimelinessAssessment t)
    {
        var daysLate = t.ReleaseDate!.Value.DayNumber - t.AnnualReportDeadline!.Value.DayNumber;
        var oldRules = t.AnnualReportYear < TimelinessRules.FirstYearOfSplitDeadlines;
        var (whoZh, whoEn) = oldRules ? ("行政机关", "an administrative body")
            : t.PublisherKind == PublisherKind.Government ? ("人民政府", "a people's government") : ("政府部门", "a government department");
        var (lawZh, lawEn) = oldRules ? ("2007 年《政府信息公开条例》第三十一条", "Article 31 of the 2007 Regulations on Open Government Information")
            : ("《政府信息公开条例》第四十九条", "Article 49 of the Regulations on Open Government Information");
        return new Finding("annual-report-late",
            $"本报告是{t.AnnualReportYear}年度政府信息公开工作年度报告。依照{lawZh}，{whoZh}的年度报告应于{DateZh(t.AnnualReportDeadline)}前向社会公布；" +
            $"发布日期{DateZh(t.ReleaseDate)}已超过期限 {daysLate} 天。" + BasisZh(t),
            $"This is the annual report on {t.AnnualReportYear}. Under {lawEn}, the annual report of {whoEn} is published by {DateEn(t.AnnualReportDeadline)}; " +
            $"the release date {DateEn(t.ReleaseDate)} is {daysLate} day(s) after that deadline." + BasisEn(t));
    }

    /// <summary>The calendar data lacks a year between the dates, so the working days cannot be counted: no guess is made.</summary>
    public static Finding WorkingCalendarMissing(TimelinessAssessment t) => new("working-calendar-missing",
        $"工作日历中没有{YearsZh(t.MissingCalendarYears)}的国务院办公厅节假日安排，无法计算生成日期{DateZh(t.GeneratedDate)}至发布日期{DateZh(t.ReleaseDate)}之间的工作日数，" +
        "未判断是否在 20 个工作日内公开。请管理员在 config/calendar/ 中补充该年份的数据。" + BasisZh(t),
        $"The working-day calendar has no State Council holiday notice for {string.Join(", ", t.MissingCalendarYears)}, so the working days from the generation date {DateEn(t.GeneratedDate)} " +
        $"to the release date {DateEn(t.ReleaseDate)} cannot be counted and the 20-working-day limit was not checked. An administrator can add the year to config/calendar/." + BasisEn(t));

    private static string DateZh(DateOnly? date) => date is { } d ? $"{d.Year}年{d.Month}月{d.Day}日" : "（未知）";

    private static string DateEn(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "(unknown)";

    private static string YearsZh(IReadOnlyList<int> years) => string.Join("、", years.Select(y => y + "年"));

    private static string MissingYearsZh(TimelinessAssessment t) =>
        t.WorkingDaysExact ? "" : $"（工作日历缺少{YearsZh(t.MissingCalendarYears)}的数据，这些年份的工作日未计入。）";

    private static string MissingYearsEn(TimelinessAssessment t) =>
        t.WorkingDaysExact ? "" : $" (The calendar has no data for {string.Join(", ", t.MissingCalendarYears)}; their working days are not counted.)";

    private static string BasisZh(TimelinessAssessment t) => t.ReleaseBasis switch
    {
        ReleaseDateBasis.Validation => $"文件未写明发布日期，发布日期按校验当天{DateZh(t.ReleaseDate)}计算，这是最早可能的发布日期，实际发布不会更早。",
        ReleaseDateBasis.Requested => $"文件未写明发布日期，发布日期按上传时指定的发布时间{DateZh(t.ReleaseDate)}计算。",
        ReleaseDateBasis.Scheduled => $"发布日期按计划上线日期{DateZh(t.ReleaseDate)}计算。",
        _ => "",
    };

    private static string BasisEn(TimelinessAssessment t) => t.ReleaseBasis switch
    {
        ReleaseDateBasis.Validation => $" The document states no release date: the day of validation, {DateEn(t.ReleaseDate)}, is used, the earliest the page can go live; it cannot be published earlier.",
        ReleaseDateBasis.Requested => $" The document states no release date: the release time requested at upload, {DateEn(t.ReleaseDate)}, is used.",
        ReleaseDateBasis.Scheduled => $" The scheduled release date {DateEn(t.ReleaseDate)} is used.",
        _ => "",
    };
}
