using System.Text;
using Pipeline.Site;
using Pipeline.Site.Statistics;

namespace Pipeline.Integration.Tests.Browser;

/// <summary>
/// The statistics section as the pipeline publishes it (validate → render → publish through Azurite): open data
/// beside the report, the year dataset, embargo safety, and the template table on a phone. vnu checks these pages
/// with every other page (<see cref="HtmlConformanceTests"/>), axe in <see cref="AccessibilityTests"/>.
/// </summary>
[Collection(PublicSiteCollection.Name)]
public sealed class StatisticsPagesTests(PublicSiteFixture site)
{
    private static string Slug(string indexCode) => Pipeline.Site.Slug.FromIndexCode(indexCode);

    private static string Path(string url) => SiteUrls.FileOf(url);

    private string[] CsvLines(string url)
    {
        Assert.True(site.SiteBlobs.TryGetValue(Path(url), out var blob), $"{url} was not published");
        Assert.StartsWith("text/csv", blob.ContentType, StringComparison.Ordinal);
        Assert.True(blob.Content.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), $"{url} has no BOM");
        return Encoding.UTF8.GetString(blob.Content.AsSpan(3)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1..];
    }

    [Fact]
    public void A_published_template_report_has_open_data_files_and_is_in_its_years_dataset()
    {
        var slug = Slug(PublicSiteFixture.StatisticsIndexCode);
        var own = CsvLines(StatisticsUrls.ReportCsv(slug));
        Assert.NotEmpty(own);
        Assert.True(site.SiteBlobs.ContainsKey(Path(StatisticsUrls.ReportJson(slug))));
        var year = CsvLines(StatisticsUrls.YearCsv(2024));
        Assert.Equal(own, year.Where(l => l.StartsWith(PublicSiteFixture.StatisticsIndexCode + ",", StringComparison.Ordinal)));
        // Figures the page shows equal the file's: 本年新收 总计 is 42 in both.
        Assert.Contains(own, l => l.Contains(",1,", StringComparison.Ordinal) && l.Contains(",total,", StringComparison.Ordinal) && l.EndsWith(",42,42", StringComparison.Ordinal));
    }

    [Fact]
    public void The_statistics_pages_the_browser_suite_checks_were_published()
    {
        // AccessibilityTests opens these URLs: a missing page would be checked as the 404 page instead.
        foreach (var url in new[] { StatisticsUrls.Index, StatisticsUrls.Year(2024), StatisticsUrls.Year(2024, "disclosed-share"),
                     StatisticsUrls.Agency(Pipeline.Site.Slug.FromPublisher("平凉市人民政府")) })
            Assert.True(site.SiteBlobs.ContainsKey(Path(url)), $"{url} was not published");
        var year = Encoding.UTF8.GetString(site.SiteBlobs[Path(StatisticsUrls.Year(2024))].Content);
        Assert.Contains(SiteUrls.Report(Slug(PublicSiteFixture.StatisticsIndexCode)), year, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_embargoed_reports_figures_are_nowhere_on_the_site_before_its_release()
    {
        // It went through validation and rendering and waits for its release: the site must not show it yet.
        var entry = await site.Host.ReportAsync(PublicSiteFixture.EmbargoedStatisticsIndexCode);
        Assert.NotNull(entry);
        Assert.Equal(Pipeline.Storage.ReportState.Rendered, entry.State);
        Assert.True(entry.ReleaseAt > PublicSiteFixture.Now, "the embargoed report is not waiting for a release after the fixture's clock");
        var slug = Slug(PublicSiteFixture.EmbargoedStatisticsIndexCode);
        Assert.DoesNotContain(site.SiteBlobs.Keys, k => k.Contains(slug, StringComparison.Ordinal));
        Assert.DoesNotContain(site.SiteBlobs.Keys, k => k.StartsWith("statistics/2025/", StringComparison.Ordinal));
        foreach (var (name, blob) in site.SiteBlobs.Where(b => b.Key.StartsWith("statistics/", StringComparison.Ordinal)))
            Assert.DoesNotContain(PublicSiteFixture.EmbargoedStatisticsIndexCode, Encoding.UTF8.GetString(blob.Content), StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_phone_the_template_table_scrolls_in_its_box_and_its_row_labels_stay_in_view()
    {
        await using var context = await site.NewContextAsync(375, 667);
        var page = await context.NewPageAsync();
        await page.GotoAsync(SiteUrls.Report(Slug(PublicSiteFixture.StatisticsIndexCode)));
        var box = page.Locator("div.stats-wrap:has(#stat-applications)");
        Assert.True(await box.EvaluateAsync<bool>("b => b.scrollWidth > b.clientWidth"), "the applications table fits a phone: nothing to scroll");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page itself scrolls sideways");
        await page.ScreenshotAsync(new() { Path = System.IO.Path.Combine(site.OutputFolder, "statistics-report-375.png"), FullPage = false });
        var label = box.Locator("tbody th").First;
        var before = (await label.BoundingBoxAsync())!.X;
        await box.EvaluateAsync("b => { b.scrollLeft = 300; }");
        var after = (await label.BoundingBoxAsync())!.X;
        Assert.Equal(before, after, 1.0);

        await box.ScreenshotAsync(new() { Path = System.IO.Path.Combine(site.OutputFolder, "statistics-table-375.png") });

        await page.GotoAsync(StatisticsUrls.Year(2024));
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the year page scrolls sideways");
        await page.ScreenshotAsync(new() { Path = System.IO.Path.Combine(site.OutputFolder, "statistics-year-375.png"), FullPage = true });
    }

    public static TheoryData<int> Widths => new() { 1280, 375 };

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task The_year_and_agency_pages_show_how_timely_the_reports_went_public(int width)
    {
        await using var context = await site.NewContextAsync(width, 900);
        var page = await context.NewPageAsync();
        foreach (var (url, caption) in new[]
                 {
                     (StatisticsUrls.Year(2024), "#year-timeliness"),
                     (StatisticsUrls.Agency(Pipeline.Site.Slug.FromPublisher("平凉市人民政府")), "#agency-timeliness"),
                 })
        {
            await page.GotoAsync(url);
            // 生成日期 2024-12-10; its stated 2025-01-20 had passed when it was uploaded (the fixture's clock is
            // 2026-03-01), so it went public that day: over 20 working days, and after a government's 2025-03-31.
            var summary = await page.Locator("p.stats-timeliness").InnerTextAsync();
            Assert.Contains("其中1份在生成日期后超过20个工作日才发布", summary);
            Assert.Contains("1份年度报告晚于第四十九条规定的期限发布", summary);
            var row = (await page.Locator(caption + " ~ tbody tr").First.Locator("th, td").AllInnerTextsAsync()).Select(c => c.Trim()).ToList();
            Assert.Equal(["2024-12-10", "2026-03-01"], row[1..3]);
            Assert.True(int.Parse(row[3], System.Globalization.CultureInfo.InvariantCulture) > 250, $"{row[3]} working days");
            Assert.Equal(["是（逾期）", "2025-03-31", "逾期"], row[4..7]);
            Assert.True(await page.Locator(caption).IsVisibleAsync());
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{url} scrolls sideways at {width} px");
        }
        await page.ScreenshotAsync(new() { Path = System.IO.Path.Combine(site.OutputFolder, $"statistics-agency-timeliness-{width}.png"), FullPage = true });
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task The_timeliness_view_counts_every_published_report_and_lists_the_late_ones_with_links(int width)
    {
        await using var context = await site.NewContextAsync(width, 900);
        var page = await context.NewPageAsync();
        var agency = Pipeline.Site.Slug.FromPublisher("平凉市人民政府");

        // Every report went public on the fixture's day (2026-03-01): the year of 发布日期 is 2026.
        await page.GotoAsync(StatisticsUrls.Timeliness);
        await page.Locator("#timeliness-years ~ tbody a", new() { HasText = "2026年" }).ClickAsync();
        Assert.EndsWith(StatisticsUrls.TimelinessYear(2026), page.Url, StringComparison.Ordinal);
        var row = page.Locator("#timeliness-year ~ tbody tr", new() { Has = page.Locator("a", new() { HasText = "平凉市人民政府" }) });
        var cells = (await row.Locator("th, td").AllInnerTextsAsync()).Select(c => int.TryParse(c.Trim(), out var n) ? n : -1).ToList();
        // Not only the annual report with template tables: the wide and long table reports (生成日期 2025-07) count too, late.
        Assert.True(cells[1] >= 3 && cells[2] >= 3, string.Join(",", cells));
        Assert.True(cells[4] >= 1 && cells[5] >= 1, string.Join(",", cells));
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"the year page scrolls sideways at {width} px");

        await row.Locator("a").ClickAsync();
        Assert.EndsWith(StatisticsUrls.TimelinessAgency(agency), page.Url, StringComparison.Ordinal);
        var listed = page.Locator("#timeliness-reports ~ tbody tr");
        var titles = (await listed.Locator("th").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
        Assert.Contains("平凉市2025年政府信息公开申请办理情况报告", titles);
        Assert.Contains("平凉市2025年乡镇政务公开专栏更新情况报告", titles);
        // A withdrawn report is not counted or listed.
        Assert.DoesNotContain(PublicSiteFixture.WithdrawnTitle, titles);
        var annual = listed.Filter(new() { Has = page.Locator($"a[href='{SiteUrls.Report(Slug(PublicSiteFixture.StatisticsIndexCode))}']") });
        var reason = (await annual.Locator("td").Last.InnerTextAsync()).Trim();
        Assert.Equal("超过20个工作日发布；年度报告晚于2025-03-31的期限发布（第四十九条）", reason);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"the agency page scrolls sideways at {width} px");
        await page.ScreenshotAsync(new() { Path = System.IO.Path.Combine(site.OutputFolder, $"timeliness-agency-{width}.png"), FullPage = true });

        await annual.Locator("a").ClickAsync();
        Assert.EndsWith(SiteUrls.Report(Slug(PublicSiteFixture.StatisticsIndexCode)), page.Url, StringComparison.Ordinal);
    }
}
