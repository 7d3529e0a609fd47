using Pipeline.Core.Timeliness;

namespace Pipeline.Core.Tests.Timeliness;

/// <summary>The 20-working-day limit and annual report deadlines, on fixed dates.</summary>
public class TimelinessRulesTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static TimelinessAssessment Assess(string? title, DateOnly? generated, DateOnly? released, string? publisher = null,
        PublisherKind registered = PublisherKind.Unknown) =>
        TimelinessRules.Assess(new TimelinessRules.Facts(generated, released, ReleaseDateBasis.Stated, title, publisher, null, registered), WorkingDayCalendar.Official);

    [Fact]
    public void Twenty_working_days_is_in_time_and_twenty_one_is_late()
    {
        var inTime = Assess("关于做好春耕工作的通知", D(2024, 3, 4), D(2024, 4, 1));
        Assert.Equal((20, false), (inTime.WorkingDays, inTime.OverLimit));
        var late = Assess("关于做好春耕工作的通知", D(2024, 3, 4), D(2024, 4, 2));
        Assert.Equal((21, true), (late.WorkingDays, late.OverLimit));
        Assert.Null(late.AnnualReportYear);
    }

    [Fact]
    public void Without_a_generation_date_nothing_is_counted()
    {
        var t = Assess("关于做好春耕工作的通知", null, D(2024, 4, 2));
        Assert.Null(t.WorkingDays);
        Assert.Null(t.OverLimit);
    }

    [Fact]
    public void Known_working_days_over_the_limit_prove_lateness_even_with_a_year_missing()
    {
        var t = Assess("关于做好春耕工作的通知", D(2018, 12, 5), D(2019, 3, 1));
        Assert.Equal([2018], t.MissingCalendarYears);
        Assert.False(t.WorkingDaysExact);
        Assert.True(t.OverLimit);
        var unknown = Assess("关于做好春耕工作的通知", D(2018, 12, 20), D(2019, 1, 10));
        Assert.Null(unknown.OverLimit);
    }

    [Theory]
    [InlineData("平凉市人民政府2023年政府信息公开工作年度报告", null, PublisherKind.Government, "2024-03-31")]
    [InlineData("华容县北景港镇2023年度政府信息公开工作年度报告", null, PublisherKind.Government, "2024-03-31")]
    [InlineData("平凉市生态环境局2023年政府信息公开工作年度报告", null, PublisherKind.Department, "2024-01-31")]
    [InlineData("2020年某某市生态环境局政府信息公开工作年度报告", null, PublisherKind.Department, "2021-01-31")]
    [InlineData("鹤壁市人民政府办公室2023年政府信息公开工作年度报告", "鹤壁市人民政府办公室", PublisherKind.Department, "2024-01-31")]
    [InlineData("鹤壁市人民政府2023年政府信息公开工作年度报告", "鹤壁市人民政府办公室", PublisherKind.Government, "2024-03-31")]
    [InlineData("2023年政府信息公开工作年度报告", "平凉市自然资源局", PublisherKind.Department, "2024-01-31")]
    [InlineData("2023年政府信息公开工作年度报告", "高坪区人民政府", PublisherKind.Government, "2024-03-31")]
    [InlineData("某某局关于2019年度政府信息公开工作的报告", null, PublisherKind.Department, "2020-01-31")]
    [InlineData("桐柏县文化广电新闻出版局2018年政府信息公开工作年度报告", null, PublisherKind.Department, "2019-03-31")] // before the 2019 条例: 3月31日 for all
    public void The_annual_report_deadline_follows_whose_report_it_is(string title, string? publisher, PublisherKind kind, string deadline)
    {
        var t = Assess(title, null, D(2024, 2, 1), publisher);
        Assert.Equal(kind, t.PublisherKind);
        Assert.Equal(DateOnly.Parse(deadline), t.AnnualReportDeadline);
    }

    [Fact]
    public void The_registry_kind_decides_when_the_title_names_no_body()
    {
        var t = Assess("2023年政府信息公开工作年度报告", null, D(2024, 2, 1), "某某", PublisherKind.Government);
        Assert.Equal(PublisherKind.Government, t.PublisherKind);
        Assert.False(t.AfterDeadline);
    }

    [Fact]
    public void A_department_report_after_31_January_is_late_and_a_government_one_is_not()
    {
        Assert.True(Assess("平凉市生态环境局2023年政府信息公开工作年度报告", null, D(2024, 2, 1)).AfterDeadline);
        Assert.False(Assess("平凉市生态环境局2023年政府信息公开工作年度报告", null, D(2024, 1, 31)).AfterDeadline);
        Assert.False(Assess("平凉市人民政府2023年政府信息公开工作年度报告", null, D(2024, 3, 31)).AfterDeadline);
        Assert.True(Assess("平凉市人民政府2023年政府信息公开工作年度报告", null, D(2024, 4, 1)).AfterDeadline);
    }

    [Theory]
    [InlineData("关于印发2023年工作要点的通知")]
    [InlineData("政府信息公开工作年度报告")] // no year: no deadline is guessed
    public void Other_titles_have_no_annual_report_deadline(string title)
    {
        var t = Assess(title, null, D(2024, 4, 1));
        Assert.Null(t.AnnualReportYear);
        Assert.Null(t.AfterDeadline);
    }

    [Theory]
    [InlineData("平凉市人民政府", PublisherKind.Government)]
    [InlineData("北景港镇", PublisherKind.Government)]
    [InlineData("平凉市", PublisherKind.Government)]
    [InlineData("鹤壁市人民政府办公室", PublisherKind.Department)]
    [InlineData("桐柏县文化广电新闻出版局", PublisherKind.Department)]
    [InlineData("某某市发展和改革委员会", PublisherKind.Department)]
    [InlineData("", PublisherKind.Unknown)]
    public void Names_read_as_government_or_department(string name, PublisherKind kind)
    {
        Assert.Equal(kind, PublisherKinds.FromName(name));
    }
}
