using Pipeline.Core.Model;
using Pipeline.Core.Timeliness;

namespace Pipeline.Core.Tests.Timeliness;

/// <summary>The timeliness findings of validation, each failing and passing, with a fixed clock (never the wall clock).</summary>
public class TimelinessFindingTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static string Report(string title, string generated, string? released, string scope = "主动公开") =>
        $"""
        - 索引号:00638229X4/2024-1513549
        - 发布机构:北景港镇
        - 公开范围:{scope}
        - 生成日期:{generated}
        {(released is null ? "" : $"- 公开日期:{released}\n")}{title}
        一、概述
        全年主动公开政府信息147条。
        华容县北景港镇人民政府
        """;

    /// <summary>Validation on 2024-06-03 10:00 Beijing time unless told otherwise.</summary>
    private static ReportAnalysis Analyze(string text, DateTimeOffset? now = null, WorkingDayCalendar? calendar = null, DateTimeOffset? requested = null) =>
        TestFiles.AnalyzeText(text, TestFiles.Beijinggang, new AnalysisOptions
        {
            Clock = new FixedClock(now ?? new DateTimeOffset(2024, 6, 3, 2, 0, 0, TimeSpan.Zero)),
            Calendar = calendar ?? WorkingDayCalendar.Official,
            RequestedReleaseAt = requested,
        });

    private const string Notice = "北景港镇关于做好春耕工作的通知";

    [Fact]
    public void Published_late_names_the_dates_and_the_count()
    {
        var a = Analyze(Report(Notice, "2024-03-04", "2024-04-02"));
        Assert.True(a.Verdict.Accepted);
        var f = Assert.Single(a.Verdict.Warnings, w => w.Code == "published-late");
        Assert.Contains("生成日期2024年3月4日至发布日期2024年4月2日共 21 个工作日", f.MessageZh);
        Assert.Contains("第二十六条", f.MessageZh);
        Assert.Contains("21 working days", f.MessageEn);
        Assert.Contains("2024-03-04", f.MessageEn);
        Assert.Equal(21, a.Verdict.Timeliness!.WorkingDays);
        Assert.Equal(ReleaseDateBasis.Stated, a.Verdict.Timeliness.ReleaseBasis);
    }

    [Fact]
    public void Published_on_the_twentieth_working_day_is_in_time()
    {
        var a = Analyze(Report(Notice, "2024-03-04", "2024-04-01"));
        Assert.Empty(a.Verdict.Warnings);
        Assert.Equal((20, false), (a.Verdict.Timeliness!.WorkingDays, a.Verdict.Timeliness.OverLimit));
    }

    [Fact]
    public void Without_a_release_date_the_day_of_validation_is_the_earliest_release_and_the_finding_says_so()
    {
        // 2024-04-01 17:00 UTC is already 2 April in Beijing: the 21st working day.
        var late = Analyze(Report(Notice, "2024-03-04", null), new DateTimeOffset(2024, 4, 1, 17, 0, 0, TimeSpan.Zero));
        var f = Assert.Single(late.Verdict.Warnings, w => w.Code == "published-late");
        Assert.Contains("按校验当天2024年4月2日计算", f.MessageZh);
        Assert.Contains("earliest", f.MessageEn);
        Assert.Equal(ReleaseDateBasis.Validation, late.Verdict.Timeliness!.ReleaseBasis);

        var inTime = Analyze(Report(Notice, "2024-03-04", null), new DateTimeOffset(2024, 4, 1, 15, 0, 0, TimeSpan.Zero));
        Assert.False(inTime.Verdict.HasWarning("published-late"));
    }

    [Fact]
    public void A_requested_release_time_in_the_future_is_the_release_date()
    {
        var now = new DateTimeOffset(2024, 3, 5, 2, 0, 0, TimeSpan.Zero);
        var late = Analyze(Report(Notice, "2024-03-04", null), now, requested: new DateTimeOffset(2024, 4, 2, 0, 0, 0, TimeSpan.FromHours(8)));
        Assert.Contains("上传时指定的发布时间2024年4月2日", Assert.Single(late.Verdict.Warnings, w => w.Code == "published-late").MessageZh);
        var inTime = Analyze(Report(Notice, "2024-03-04", null), now, requested: new DateTimeOffset(2024, 3, 20, 0, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal(ReleaseDateBasis.Requested, inTime.Verdict.Timeliness!.ReleaseBasis);
        Assert.Empty(inTime.Verdict.Warnings);
    }

    [Fact]
    public void Annual_report_after_its_deadline_names_the_deadline_and_the_days_late()
    {
        var a = Analyze(Report("华容县北景港镇2023年政府信息公开工作年度报告", "2024-03-28", "2024-04-03"));
        var f = Assert.Single(TimelinessWarnings(a));
        Assert.Equal("annual-report-late", f.Code);
        Assert.Contains("人民政府的年度报告应于2024年3月31日前向社会公布", f.MessageZh);
        Assert.Contains("已超过期限 3 天", f.MessageZh);
        Assert.Contains("第四十九条", f.MessageZh);
        Assert.Contains("3 day(s) after", f.MessageEn);
    }

    [Fact]
    public void Annual_report_by_its_deadline_passes()
    {
        var a = Analyze(Report("华容县北景港镇2023年政府信息公开工作年度报告", "2024-03-28", "2024-03-29"));
        Assert.Empty(TimelinessWarnings(a));
        Assert.Equal(new DateOnly(2024, 3, 31), a.Verdict.Timeliness!.AnnualReportDeadline);
    }

    [Fact]
    public void A_missing_calendar_year_is_a_warning_naming_it_not_a_guess()
    {
        var only2024 = WorkingDayCalendar.Parse([File.ReadAllText(Path.Combine(WorkingDayCalendarTests.CalendarFolder, "2024.json"))]);
        var a = Analyze(Report(Notice, "2023-12-27", "2024-01-03"), calendar: only2024);
        var f = Assert.Single(a.Verdict.Warnings);
        Assert.Equal("working-calendar-missing", f.Code);
        Assert.Contains("没有2023年的国务院办公厅节假日安排", f.MessageZh);
        Assert.Contains("2023", f.MessageEn);
        Assert.Null(a.Verdict.Timeliness!.OverLimit);

        Assert.Empty(Analyze(Report(Notice, "2023-12-27", "2024-01-03")).Verdict.Warnings);
    }

    [Fact]
    public void Reports_not_for_public_release_are_assessed_without_findings()
    {
        var a = Analyze(Report(Notice, "2024-03-04", "2024-04-02", scope: "依申请公开"));
        Assert.False(a.Verdict.HasWarning("published-late"));
        Assert.True(a.Verdict.Timeliness!.OverLimit);
    }

    [Fact]
    public void Rejected_reports_are_not_assessed()
    {
        var a = Analyze(Report(Notice, "2024-03-04", "2024-04-02").Replace("00638229X4/2024-1513549", "bad"));
        Assert.False(a.Verdict.Accepted);
        Assert.Null(a.Verdict.Timeliness);
    }

    // The annual reports here carry no statistics tables, so the template check warns too; these tests are about timeliness.
    private static IEnumerable<Finding> TimelinessWarnings(ReportAnalysis analysis) =>
        analysis.Verdict.Warnings.Where(w => w.Code is "published-late" or "annual-report-late" or "working-calendar-missing");
}
