using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Pipeline.Core.Timeliness;
using Pipeline.Site.Catalog;
using Pipeline.Site.Publishing;
using Pipeline.Site.Statistics;
using Pipeline.Site.Stores;

namespace Pipeline.Site.Tests.Statistics;

/// <summary>
/// Issue 15 item 5 on the oversight view: the statistics year and agency pages show, per agency and year, the working
/// days from 生成日期 to 发布日期 (official calendar), how many reports went public more than 20 working days late and
/// whether the annual report met its 第四十九条 deadline; only published reports count and a withdrawal takes its
/// report out; everything from input is escaped.
/// </summary>
public sealed class StatisticsTimelinessTests
{
    private static readonly SiteOptions Options = new() { PageSize = 10 };
    private const string Government = "青岚县人民政府";
    private const string Department = "青岚县教育局";
    private const string Hostile = "青岚县<b>自然资源局</b>";

    private static readonly TemplateFigures Figures = new(2023, Received: 20, CarriedOver: 1, Disclosed: 12, Unavailable: 6, ReviewCorrected: 1, LitigationCorrected: 0);

    private static PublishedReport Report(int sequence, string agency, DateOnly? generated, DateOnly released, PublisherKind kind = PublisherKind.Unknown) =>
        StatisticsPublishingTests.Report(sequence, agency, Figures, released, generated, undated: generated is null, kind);

    // 2024-01-10 → 2024-03-20: more than 20 working days (the Spring Festival week is not counted), before 3月31日.
    private static PublishedReport LateGovernment() => Report(1, Government, new DateOnly(2024, 1, 10), new DateOnly(2024, 3, 20));
    // 2024-01-22 → 2024-02-05: eleven working days (Sunday 4 February 2024 was a working day), but a department's annual report was due by 1月31日.
    private static PublishedReport DepartmentAfterDeadline() => Report(2, Department, new DateOnly(2024, 1, 22), new DateOnly(2024, 2, 5), PublisherKind.Department);
    // No 生成日期: the working days cannot be counted.
    private static PublishedReport Undated() => Report(3, Hostile, null, new DateOnly(2024, 1, 15), PublisherKind.Department);

    private static IHtmlDocument Html(MemorySiteStore site, string url) =>
        new HtmlParser().ParseDocument(Encoding.UTF8.GetString(site.Files[SiteUrls.FileOf(url)].Content.Span));

    private static List<string[]> TimelinessRows(IHtmlDocument page, string captionId) =>
        page.GetElementById(captionId)!.ParentElement!.QuerySelectorAll("tbody tr")
            .Select(tr => tr.Children.Select(c => c.TextContent.Trim()).ToArray()).ToList();

    [Fact]
    public async Task The_year_page_counts_late_reports_and_missed_deadlines_and_shows_each_reports_working_days()
    {
        var site = new MemorySiteStore();
        await new SitePublisher(site, new MemorySiteStore(), Options).PublishAsync([LateGovernment(), DepartmentAfterDeadline(), Undated()], []);

        var page = Html(site, StatisticsUrls.Year(2023));
        var summary = page.QuerySelector("p.stats-timeliness")!.TextContent;
        Assert.Contains("共3份报告，其中1份在生成日期后超过20个工作日才发布", summary);
        Assert.Contains("1份年度报告晚于第四十九条规定的期限发布", summary);
        Assert.Contains("1份缺少生成日期或工作日历，无法判断", summary);
        var rows = TimelinessRows(page, "year-timeliness").ToDictionary(r => r[0]);
        var late = rows[Government];
        Assert.Equal(["2024-01-10", "2024-03-20"], late[1..3]);
        Assert.True(int.Parse(late[3]) > 20, $"{late[3]} working days");
        Assert.Equal(["是（逾期）", "2024-03-31", "按期"], late[4..7]);
        var department = rows[Department];
        Assert.Equal(["11", "否", "2024-01-31", "逾期"], department[3..7]);
        Assert.Equal(["未注明", "2024-01-15", "无法计算", "无法判断"], rows[Hostile][1..5]);
        // Escaped: the hostile name is text, never markup.
        var html = Encoding.UTF8.GetString(site.Files[SiteUrls.FileOf(StatisticsUrls.Year(2023))].Content.Span);
        Assert.DoesNotContain("<b>自然资源局", html);
        Assert.Contains("&lt;b&gt;自然资源局", html);

        // The report's own statistics.json carries the same assessment.
        var json = JsonNode.Parse(site.Files[SiteUrls.FileOf(StatisticsUrls.ReportJson(DepartmentAfterDeadline().Entry.Slug))].Content.Span)!["timeliness"]!;
        Assert.Equal(11, json["workingDays"]!.GetValue<int>());
        Assert.True(json["afterAnnualReportDeadline"]!.GetValue<bool>());
        Assert.Equal("2024-01-31", json["annualReportDeadline"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_agency_page_shows_per_year_how_many_of_its_reports_went_public_late_and_a_withdrawal_takes_a_report_out()
    {
        var site = new MemorySiteStore();
        var publisher = new SitePublisher(site, new MemorySiteStore(), Options);
        var late = LateGovernment();
        // A second report of the same agency and year, on time (the later one is the year's figures).
        var onTime = Report(4, Government, new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 5));
        await publisher.PublishAsync([late, DepartmentAfterDeadline()], []);
        await publisher.PublishAsync([onTime], []);

        var agencyPage = Html(site, StatisticsUrls.Agency(late.Entry.PublisherSlug));
        var row = Assert.Single(TimelinessRows(agencyPage, "agency-timeliness"));
        Assert.Equal("2023年度", row[0]);
        Assert.Equal("1/2份", row[4]);
        Assert.Contains("共2份报告，其中1份在生成日期后超过20个工作日才发布", agencyPage.QuerySelector("p.stats-timeliness")!.TextContent);

        await publisher.PublishAsync([], [new Withdrawal(late.Entry.IndexCode, late.Entry.Slug, "重复发布", new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.Zero))]);

        agencyPage = Html(site, StatisticsUrls.Agency(late.Entry.PublisherSlug));
        Assert.Equal("否", Assert.Single(TimelinessRows(agencyPage, "agency-timeliness"))[4]);
        Assert.Contains("共1份报告，其中0份", agencyPage.QuerySelector("p.stats-timeliness")!.TextContent);
        Assert.Contains("共2份报告，其中0份", Html(site, StatisticsUrls.Year(2023)).QuerySelector("p.stats-timeliness")!.TextContent);
    }
}
