using System.Text;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Pipeline.Core.Timeliness;
using Pipeline.Site.Catalog;
using Pipeline.Site.Publishing;
using Pipeline.Site.Reports;
using Pipeline.Site.Statistics;
using Pipeline.Site.Stores;

namespace Pipeline.Site.Tests.Statistics;

/// <summary>
/// Issue 15 item 5 on the oversight view of EVERY published report (notices, guides, decisions…, not only annual
/// reports with template tables): per agency and year of 发布日期, how many went public, how many more than 20
/// working days after their 生成日期, how many cannot be judged and why, and annual reports after their deadline; the
/// agency page lists the reports to look at, linked, capped with a count. Only published reports count, a withdrawal
/// takes its report out, an incremental run writes what a rebuild writes, and everything from input is escaped.
/// </summary>
public sealed class TimelinessViewTests
{
    private static readonly SiteOptions Options = new() { PageSize = 10 };
    private const string Bureau = "青岚县<b>自然资源局</b>";
    private const string Education = "青岚县教育局";

    private static PublishedReport Notice(int sequence, string agency, string title, DateOnly? generated, DateOnly released,
        PublisherKind kind = PublisherKind.Unknown)
    {
        var meta = new PageMetadata(title, $"11430000X{sequence % 10}/{released.Year}-{sequence:D5}", agency, generated, "主动公开", released, null);
        var entry = SiteEntry.From(meta, sequence, new DateTimeOffset(released.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)));
        return new PublishedReport(entry, Encoding.UTF8.GetBytes("<!doctype html><title>" + sequence + "</title>"), title) { PublisherKind = kind };
    }

    // 2024-11-01 (Fri) → 2024-12-06: 25 working days (no holiday or 调休 in November and early December 2024).
    private static PublishedReport Late() => Notice(1, Bureau, "关于<script>alert(1)</script>征收土地的公告", new DateOnly(2024, 11, 1), new DateOnly(2024, 12, 6));
    // 2024-11-01 → 2024-11-15: 10 working days.
    private static PublishedReport OnTime() => Notice(2, Bureau, "办事指南：不动产登记", new DateOnly(2024, 11, 1), new DateOnly(2024, 11, 15));
    private static PublishedReport Undated() => Notice(3, Bureau, "关于调整办公时间的通知", null, new DateOnly(2024, 11, 20));
    // A department's annual report without template tables, published after 1月31日.
    private static PublishedReport LateAnnual() => Notice(4, Education, Education + "2023年政府信息公开工作年度报告", new DateOnly(2024, 1, 22), new DateOnly(2024, 2, 5), PublisherKind.Department);
    // 2027 has no official calendar in the repository: the 9 known working days of 2026 do not decide, so no verdict.
    private static PublishedReport AcrossMissingYear() => Notice(5, Bureau, "关于年度考核结果的决定", new DateOnly(2026, 12, 20), new DateOnly(2027, 1, 11));

    private static IHtmlDocument Html(MemorySiteStore site, string url) =>
        new HtmlParser().ParseDocument(Encoding.UTF8.GetString(site.Files[SiteUrls.FileOf(url)].Content.Span));

    private static Dictionary<string, string[]> Rows(IHtmlDocument page, string captionId) =>
        page.GetElementById(captionId)!.ParentElement!.QuerySelectorAll("tbody tr")
            .Select(tr => tr.Children.Select(c => c.TextContent.Trim()).ToArray()).ToDictionary(r => r[0]);

    [Fact]
    public async Task Every_published_report_is_counted_per_agency_and_year_and_the_agency_page_lists_the_ones_to_look_at()
    {
        var site = new MemorySiteStore();
        await new SitePublisher(site, new MemorySiteStore(), Options).PublishAsync([Late(), OnTime(), Undated(), LateAnnual(), AcrossMissingYear()], []);

        var year = Html(site, StatisticsUrls.TimelinessYear(2024));
        var rows = Rows(year, "timeliness-year");
        // 发布机构 | 发布信息 | 超过20个工作日发布 | 无法判断 | 年度报告 | 年度报告逾期
        Assert.Equal(["3", "1", "1", "0", "0"], rows[Bureau][1..]);
        Assert.Equal(["1", "0", "0", "1", "1"], rows[Education][1..]);
        var summary = year.QuerySelector("p.stats-timeliness")!.TextContent;
        Assert.Contains("2024年共发布4份信息，其中1份在生成日期后超过20个工作日才发布", summary);
        Assert.Contains("1份无法判断（1份未注明生成日期）", summary);
        Assert.Contains("年度报告1份，其中1份晚于第四十九条规定的期限发布", summary);
        Assert.Equal(StatisticsUrls.TimelinessAgency(Late().Entry.PublisherSlug), year.QuerySelector("#timeliness-year")!.ParentElement!
            .QuerySelectorAll("tbody a").First(a => a.TextContent == Bureau).GetAttribute("href"));

        // The year missing from the calendar: a clear note, not a guess.
        Assert.Contains("1份无法判断（1份所跨年份的节假日安排尚未收录）", Html(site, StatisticsUrls.TimelinessYear(2027)).QuerySelector("p.stats-timeliness")!.TextContent);

        var agency = Html(site, StatisticsUrls.TimelinessAgency(Late().Entry.PublisherSlug));
        var byYear = Rows(agency, "timeliness-agency");
        Assert.Equal(["2024年", "2027年"], byYear.Keys);
        Assert.Equal(["1", "0", "1", "0", "0"], byYear["2027年"][1..]);
        var listed = agency.GetElementById("timeliness-reports")!.ParentElement!.QuerySelectorAll("tbody tr").ToList();
        // Newest first; the report published on time is not listed.
        Assert.Equal([AcrossMissingYear().Entry.Title, Undated().Entry.Title, Late().Entry.Title], listed.Select(tr => tr.Children[0].TextContent.Trim()));
        var late = listed[2].Children.Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal(["2024-11-01", "2024-12-06", "25", "超过20个工作日发布"], late[1..]);
        Assert.Equal(SiteUrls.Report(Late().Entry.Slug), listed[2].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(["未注明", "2024-11-20", "无法计算", "未注明生成日期，无法判断"], listed[1].Children.Skip(1).Select(c => c.TextContent.Trim()));
        Assert.Equal(["≥9", "所跨年份的节假日安排尚未收录，无法判断"], listed[0].Children.Skip(3).Select(c => c.TextContent.Trim()));
        Assert.Contains("共3份", agency.QuerySelector("p.timeliness-listed")!.TextContent);

        var annual = Html(site, StatisticsUrls.TimelinessAgency(LateAnnual().Entry.PublisherSlug)).GetElementById("timeliness-reports")!.ParentElement!;
        Assert.Equal("年度报告晚于2024-01-31的期限发布（第四十九条）", annual.QuerySelector("tbody tr")!.Children[4].TextContent.Trim());

        var index = Html(site, StatisticsUrls.Timeliness);
        Assert.Equal(["4", "1", "1", "1", "1"], Rows(index, "timeliness-years")["2024年"][1..]);
        Assert.NotNull(Html(site, StatisticsUrls.Index).QuerySelector($"a[href='{StatisticsUrls.Timeliness}']"));

        // Escaped: names and titles from input are text, never markup.
        foreach (var url in new[] { StatisticsUrls.TimelinessYear(2024), StatisticsUrls.TimelinessAgency(Late().Entry.PublisherSlug), StatisticsUrls.Timeliness })
        {
            var html = Encoding.UTF8.GetString(site.Files[SiteUrls.FileOf(url)].Content.Span);
            Assert.DoesNotContain("<b>自然资源局", html);
            Assert.DoesNotContain("<script>alert", html);
        }
    }

    [Fact]
    public async Task A_withdrawal_takes_its_report_out_and_a_page_left_without_reports_is_deleted()
    {
        var site = new MemorySiteStore();
        var publisher = new SitePublisher(site, new MemorySiteStore(), Options);
        await publisher.PublishAsync([Late(), OnTime(), LateAnnual()], []);
        var withdrawnAt = new DateTimeOffset(2025, 1, 2, 0, 0, 0, TimeSpan.Zero);

        await publisher.PublishAsync([], [new Withdrawal(Late().Entry.IndexCode, Late().Entry.Slug, "内容有误", withdrawnAt)]);

        Assert.Equal(["1", "0", "0", "0", "0"], Rows(Html(site, StatisticsUrls.TimelinessYear(2024)), "timeliness-year")[Bureau][1..]);
        var agency = Html(site, StatisticsUrls.TimelinessAgency(Late().Entry.PublisherSlug));
        Assert.Null(agency.GetElementById("timeliness-reports"));
        Assert.Contains("没有超过20个工作日发布", agency.QuerySelector("p.timeliness-listed")!.TextContent);

        await publisher.PublishAsync([], [new Withdrawal(OnTime().Entry.IndexCode, OnTime().Entry.Slug, "内容有误", withdrawnAt)]);
        Assert.False(site.Files.ContainsKey(SiteUrls.FileOf(StatisticsUrls.TimelinessAgency(Late().Entry.PublisherSlug))));
        Assert.DoesNotContain(Bureau, Encoding.UTF8.GetString(site.Files[SiteUrls.FileOf(StatisticsUrls.Timeliness)].Content.Span).Replace("&lt;", "<").Replace("&gt;", ">"));
        Assert.Equal(["1", "0", "0", "1", "1"], Rows(Html(site, StatisticsUrls.TimelinessYear(2024)), "timeliness-year")[Education][1..]);
    }

    [Fact]
    public async Task The_agency_page_lists_at_most_a_hundred_reports_and_says_how_many_there_are()
    {
        var site = new MemorySiteStore();
        var reports = Enumerable.Range(10, 105).Select(i => Notice(i, Education, "通知" + i, new DateOnly(2024, 11, 1), new DateOnly(2024, 12, 6))).ToList();
        await new SitePublisher(site, new MemorySiteStore(), Options).PublishAsync(reports, []);

        var agency = Html(site, StatisticsUrls.TimelinessAgency(reports[0].Entry.PublisherSlug));
        var listed = agency.GetElementById("timeliness-reports")!.ParentElement!.QuerySelectorAll("tbody tr");
        Assert.Equal(100, listed.Length);
        Assert.Equal("通知114", listed[0].Children[0].TextContent.Trim());
        Assert.Contains("共105份，以下列出最近发布的100份", agency.QuerySelector("p.timeliness-listed")!.TextContent);
    }

    [Fact]
    public async Task Incremental_runs_with_revisions_and_withdrawals_write_what_a_rebuild_writes()
    {
        var reports = new List<PublishedReport> { Late(), OnTime(), Undated(), LateAnnual(), AcrossMissingYear() };
        // A revision with a later 生成日期 brings the late notice within the limit.
        var revised = reports[0] with { Entry = reports[0].Entry with { GeneratedDate = new DateOnly(2024, 11, 29), Version = 2, Revised = new DateOnly(2024, 12, 10) } };
        var withdrawal = new Withdrawal(OnTime().Entry.IndexCode, OnTime().Entry.Slug, "重复", new DateTimeOffset(2025, 1, 2, 0, 0, 0, TimeSpan.Zero));

        var site = new MemorySiteStore();
        var state = new MemorySiteStore();
        var publisher = new SitePublisher(site, state, Options);
        await publisher.PublishAsync(reports[..2], []);
        await publisher.PublishAsync(reports[2..4], [withdrawal]);
        await publisher.PublishAsync([reports[4], revised], []);
        Assert.Equal(["2", "0", "1", "0", "0"], Rows(Html(site, StatisticsUrls.TimelinessYear(2024)), "timeliness-year")[Bureau][1..]);

        var rebuiltSite = new MemorySiteStore();
        var rebuiltState = new MemorySiteStore();
        await new SitePublisher(rebuiltSite, rebuiltState, Options).RebuildAsync(Stream(reports.Select(r => r.Entry.IndexCode == revised.Entry.IndexCode ? revised : r)), [withdrawal]);

        foreach (var (expected, actual) in new[] { (rebuiltSite, site), (rebuiltState, state) })
        {
            Assert.Equal(expected.Files.Keys.Order(StringComparer.Ordinal), actual.Files.Keys.Order(StringComparer.Ordinal));
            foreach (var (path, file) in expected.Files)
                Assert.True(file.Content.Span.SequenceEqual(actual.Files[path].Content.Span), $"{path} differs");
        }
    }

    private static async IAsyncEnumerable<PublishedReport> Stream(IEnumerable<PublishedReport> reports)
    {
        foreach (var r in reports) { await Task.Yield(); yield return r; }
    }
}
