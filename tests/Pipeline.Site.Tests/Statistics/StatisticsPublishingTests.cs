using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Pipeline.Core;
using Pipeline.Core.Statistics;
using Pipeline.Site.Catalog;
using Pipeline.Site.Publishing;
using Pipeline.Site.Reports;
using Pipeline.Site.Statistics;
using Pipeline.Site.Stores;

namespace Pipeline.Site.Tests.Statistics;

/// <summary>
/// The statistics section through the real publisher: per-report open data beside the page, the year dataset, the
/// comparison pages, withdrawals, and that what is published equals what the page's tables show.
/// </summary>
public sealed class StatisticsPublishingTests
{
    private static readonly SiteOptions Options = new() { PageSize = 10 };
    private const string AgencyA = "青岚县人民政府";
    private const string AgencyB = "青岚县教育局";
    private const string AgencyC = "青岚县自然资源局";

    /// <param name="released">Its 发布日期 (by default 20 January of the next year); 生成日期 is <paramref name="generated"/>, by default the same day.</param>
    /// <param name="kind">The registry's kind of the agency.</param>
    internal static PublishedReport Report(int sequence, string agency, TemplateFigures figures, DateOnly? released = null, DateOnly? generated = null,
        bool undated = false, Pipeline.Core.Timeliness.PublisherKind kind = Pipeline.Core.Timeliness.PublisherKind.Unknown)
    {
        var text = figures.Text(agency);
        var analysis = ReportAnalyzer.Analyze(Encoding.UTF8.GetBytes(text), "report.txt");
        var release = released ?? new DateOnly(figures.Year + 1, 1, 20);
        var meta = new PageMetadata(agency + figures.Year + "年政府信息公开工作年度报告", $"11430000X{sequence % 10}/{figures.Year + 1}-{sequence:D5}", agency,
            undated ? null : generated ?? release, "主动公开", release, null);
        var entry = SiteEntry.From(meta, sequence, new DateTimeOffset(release.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)));
        var page = ReportPageRenderer.RenderUtf8(new ReportPageModel(analysis.Document, meta), Options);
        return new PublishedReport(entry, page, text) { Statistics = analysis.Document.Statistics, PublisherKind = kind };
    }

    private static List<PublishedReport> TwoYears() =>
    [
        Report(1, AgencyA, new TemplateFigures(2022, Received: 20, CarriedOver: 1, Disclosed: 12, Unavailable: 6, ReviewCorrected: 1, LitigationCorrected: 0)),
        Report(2, AgencyB, new TemplateFigures(2022, Received: 7, CarriedOver: 0, Disclosed: 5, Unavailable: 2, ReviewCorrected: 0, LitigationCorrected: 1)),
        Report(3, AgencyA, new TemplateFigures(2023, Received: 31, CarriedOver: 3, Disclosed: 20, Unavailable: 10, ReviewCorrected: 2, LitigationCorrected: 1)),
        Report(4, AgencyB, new TemplateFigures(2023, Received: 9, CarriedOver: 0, Disclosed: 9, Unavailable: 0, ReviewCorrected: 0, LitigationCorrected: 0, Fees: "0")),
        Report(5, AgencyC, new TemplateFigures(2023, Received: 4, CarriedOver: 0, Disclosed: 1, Unavailable: 3, ReviewCorrected: 0, LitigationCorrected: 0)),
    ];

    private static string Text(MemorySiteStore store, string path)
    {
        Assert.True(store.Files.ContainsKey(path), $"{path} was not written");
        return Encoding.UTF8.GetString(store.Files[path].Content.Span);
    }

    private static IHtmlDocument Html(MemorySiteStore store, string path) => new HtmlParser().ParseDocument(Text(store, path));

    private static string[] CsvDataLines(MemorySiteStore store, string path)
    {
        var bytes = store.Files[path].Content.ToArray();
        Assert.True(bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), $"{path} has no UTF-8 BOM");
        var lines = Encoding.UTF8.GetString(bytes.AsSpan(3)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(StatisticsCsv.Header, lines[0]);
        return lines[1..];
    }

    private static string File(string url) => SiteUrls.FileOf(url);

    [Fact]
    public async Task A_report_with_template_tables_gets_json_and_csv_beside_its_page_linked_from_the_page_and_the_json_index()
    {
        var site = new MemorySiteStore();
        var report = TwoYears()[0];
        await new SitePublisher(site, new MemorySiteStore(), Options).PublishAsync([report], []);

        var json = JsonNode.Parse(Text(site, File(StatisticsUrls.ReportJson(report.Entry.Slug))))!;
        Assert.Equal(report.Entry.IndexCode, (string?)json["indexCode"]);
        Assert.Equal(2022, (int?)json["year"]);
        var applications = json["tables"]!.AsArray().Single(t => (string?)t!["table"] == "applications")!;
        var received = applications["cells"]!.AsArray().Single(c => (string?)c!["row"] == "1" && (string?)c["column"] == "total")!;
        Assert.Equal(20m, (decimal?)received["value"]);
        Assert.Equal(report.Statistics!.Tables.Sum(t => t.Cells.Count), CsvDataLines(site, File(StatisticsUrls.ReportCsv(report.Entry.Slug))).Length);

        var page = Html(site, File(SiteUrls.Report(report.Entry.Slug)));
        var links = page.QuerySelectorAll(".open-data a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains(StatisticsUrls.ReportJsonName, links);
        Assert.Contains(StatisticsUrls.ReportCsvName, links);

        var api = JsonNode.Parse(Text(site, "api/reports/0.json"))!;
        var record = api["reports"]!.AsArray().Single()!;
        Assert.EndsWith(StatisticsUrls.ReportJson(report.Entry.Slug), (string?)record["statistics"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_shows_each_template_table_with_real_headers_and_the_figures_the_open_data_publishes()
    {
        var site = new MemorySiteStore();
        var report = TwoYears()[2];
        await new SitePublisher(site, new MemorySiteStore(), Options).PublishAsync([report], []);
        var page = Html(site, File(SiteUrls.Report(report.Entry.Slug)));

        var table = page.QuerySelector("#stat-applications")!.ParentElement!;
        Assert.Equal("region", table.ParentElement!.GetAttribute("role"));
        Assert.Equal("0", table.ParentElement.GetAttribute("tabindex"));
        var headerRows = table.QuerySelectorAll("thead tr").ToList();
        Assert.Equal(2, headerRows.Count);
        Assert.Contains(headerRows[0].QuerySelectorAll("th"), th => th.TextContent == "法人或其他组织" && th.GetAttribute("colspan") == "5" && th.GetAttribute("scope") == "colgroup");
        Assert.Equal(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"], headerRows[1].QuerySelectorAll("th").Select(th => th.TextContent));
        // The report's own tab table is replaced, not shown twice.
        Assert.Single(page.QuerySelectorAll("caption"), c => c.TextContent.Contains("收到和处理", StringComparison.Ordinal));

        // Every figure on the page equals the open data's cell at the same row and column.
        var cells = JsonNode.Parse(Text(site, File(StatisticsUrls.ReportJson(report.Entry.Slug))))!["tables"]!.AsArray()
            .Single(t => (string?)t!["table"] == "applications")!["cells"]!.AsArray();
        var columns = StatisticsTemplate.ApplicationColumns;
        var checkedCells = 0;
        foreach (var row in table.QuerySelectorAll("tbody tr"))
        {
            var label = row.QuerySelector("th")!.TextContent;
            var templateRow = StatisticsTemplate.ApplicationRows.Single(r => StatisticsTemplate.Display(r) == label);
            var tds = row.QuerySelectorAll("td.num").ToList();
            if (tds.Count == 0) continue;
            for (var c = 0; c < columns.Count; c++)
            {
                var cell = cells.Single(x => (string?)x!["row"] == templateRow.Key && (string?)x["column"] == columns[c].Key)!;
                Assert.Equal((string?)cell["written"], tds[c].TextContent);
                checkedCells++;
            }
        }
        Assert.Equal(cells.Count, checkedCells);
        Assert.NotNull(page.QuerySelector("caption#stat-review"));
        Assert.NotNull(page.QuerySelector("caption#stat-proactive-1"));
    }

    [Fact]
    public async Task The_year_dataset_is_the_per_report_files_together_and_the_year_page_shows_the_same_figures()
    {
        var site = new MemorySiteStore();
        var reports = TwoYears();
        var publisher = new SitePublisher(site, new MemorySiteStore(), Options);
        await publisher.PublishAsync(reports[..3], []);
        await publisher.PublishAsync(reports[3..], []);

        foreach (var year in new[] { 2022, 2023 })
        {
            var ofYear = reports.Where(r => StatisticsReader.ReportYear(r.Entry.Title) == year).ToList();
            var expected = ofYear.SelectMany(r => CsvDataLines(site, File(StatisticsUrls.ReportCsv(r.Entry.Slug)))).ToList();
            Assert.Equal(expected, CsvDataLines(site, File(StatisticsUrls.YearCsv(year))));

            var page = Html(site, File(StatisticsUrls.Year(year)));
            var receivedColumn = page.QuerySelectorAll("#year-table ~ thead th").ToList().FindIndex(th => th.TextContent.StartsWith("本年新收申请", StringComparison.Ordinal));
            Assert.True(receivedColumn > 0);
            foreach (var report in ofYear)
            {
                var row = page.GetElementById("year-table")!.ParentElement!.QuerySelectorAll("tbody tr").Single(tr => tr.QuerySelector("a[href='" + SiteUrls.Report(report.Entry.Slug) + "']") is not null);
                var figure = report.Statistics!.Table(StatisticsTableKind.Applications)!.Value("1", "total");
                Assert.Equal(StatisticsLabels.Figure(figure!.Value), row.Children[receivedColumn].TextContent);
            }
            // Sort variants are pages, so sorting needs no script; the chart is SVG with a name and a data table.
            Assert.True(site.Files.ContainsKey(File(StatisticsUrls.Year(year, "received"))));
            Assert.NotNull(page.QuerySelector("figure svg[role=img][aria-labelledby] title"));
            Assert.NotNull(page.QuerySelector("figure details table"));
        }
        var sorted = Html(site, File(StatisticsUrls.Year(2023, "received")));
        Assert.Equal([AgencyA, AgencyB, AgencyC], sorted.QuerySelectorAll("#year-table ~ tbody tr th a").Select(a => a.TextContent));
        Assert.Contains(Html(site, File(StatisticsUrls.Index)).QuerySelectorAll("a"), a => a.GetAttribute("href") == StatisticsUrls.Year(2022));
    }

    [Fact]
    public async Task A_withdrawal_removes_the_reports_figures_from_its_files_the_year_dataset_and_the_pages()
    {
        var site = new MemorySiteStore();
        var reports = TwoYears();
        var publisher = new SitePublisher(site, new MemorySiteStore(), Options);
        await publisher.PublishAsync(reports, []);
        var gone = reports[4];
        Assert.Contains(CsvDataLines(site, File(StatisticsUrls.YearCsv(2023))), l => l.StartsWith(gone.Entry.IndexCode + ",", StringComparison.Ordinal));

        await publisher.PublishAsync([], [new Withdrawal(gone.Entry.IndexCode, gone.Entry.Slug, "数据有误", DateTimeOffset.UnixEpoch)]);

        Assert.False(site.Files.ContainsKey(File(StatisticsUrls.ReportJson(gone.Entry.Slug))));
        Assert.False(site.Files.ContainsKey(File(StatisticsUrls.ReportCsv(gone.Entry.Slug))));
        Assert.DoesNotContain(CsvDataLines(site, File(StatisticsUrls.YearCsv(2023))), l => l.Contains(gone.Entry.IndexCode, StringComparison.Ordinal));
        Assert.DoesNotContain(gone.Entry.IndexCode, Text(site, File(StatisticsUrls.Year(2023))), StringComparison.Ordinal);
        // Its agency had no other figures: the agency page goes and the index no longer names it.
        Assert.False(site.Files.ContainsKey(File(StatisticsUrls.Agency(gone.Entry.PublisherSlug))));
        Assert.DoesNotContain(AgencyC, Text(site, File(StatisticsUrls.Index)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_carry_over_that_does_not_match_last_years_report_is_recorded_for_the_operator_and_shown()
    {
        var site = new MemorySiteStore();
        var reports = TwoYears();
        var publisher = new SitePublisher(site, new MemorySiteStore(), Options);
        // AgencyA 2022 carries forward 20+1-12-6 = 3 and 2023 carries over 3: consistent. AgencyB 2022 carries
        // forward 0, 2023 carries over 0: consistent. A revised 2023 report of AgencyB carrying over 2 is not.
        var first = await publisher.PublishAsync(reports, []);
        Assert.Empty(first.StatisticsFindings);

        var revised = Report(4, AgencyB, new TemplateFigures(2023, Received: 9, CarriedOver: 2, Disclosed: 11, Unavailable: 0, ReviewCorrected: 0, LitigationCorrected: 0));
        var result = await publisher.PublishAsync([revised], []);

        var finding = Assert.Single(result.StatisticsFindings, f => f.Code == "statistics-carry-over-mismatch" && f.MessageEn.Contains("\"Total\"", StringComparison.Ordinal));
        Assert.StartsWith(revised.Entry.IndexCode, finding.Location, StringComparison.Ordinal);
        Assert.Contains("2022", Text(site, File(StatisticsUrls.Agency(revised.Entry.PublisherSlug))), StringComparison.Ordinal);
        Assert.NotNull(Html(site, File(StatisticsUrls.Agency(revised.Entry.PublisherSlug))).QuerySelector(".stats-checks li"));
    }

    [Fact]
    public async Task The_state_keeps_enums_by_name_so_it_survives_reordering()
    {
        var state = new MemorySiteStore();
        await new SitePublisher(new MemorySiteStore(), state, Options).PublishAsync(TwoYears()[..1], []);

        var year = Assert.Single(state.Files, f => f.Key.StartsWith("statistics/years/", StringComparison.Ordinal));
        var json = System.Text.Encoding.UTF8.GetString(year.Value.Content.Span);
        Assert.Contains("\"Template20", json, StringComparison.Ordinal); // TemplateVersion by name
        Assert.Contains("\"ProactiveDisclosure\"", json, StringComparison.Ordinal); // StatisticsTableKind by name
    }

    [Fact]
    public async Task Incremental_publishing_with_statistics_equals_a_rebuild_byte_for_byte()
    {
        var reports = TwoYears();
        var withdrawal = new Withdrawal(reports[1].Entry.IndexCode, reports[1].Entry.Slug, "撤回", DateTimeOffset.UnixEpoch);
        var site = new MemorySiteStore();
        var state = new MemorySiteStore();
        var publisher = new SitePublisher(site, state, Options);
        await publisher.PublishAsync(reports[..2], []);
        await publisher.PublishAsync(reports[2..], [withdrawal]);

        var rebuiltSite = new MemorySiteStore();
        var rebuiltState = new MemorySiteStore();
        await new SitePublisher(rebuiltSite, rebuiltState, Options).RebuildAsync(Stream(reports), [withdrawal]);

        Assert.Equal(rebuiltSite.Files.Keys.Order(StringComparer.Ordinal), site.Files.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, file) in rebuiltSite.Files)
            Assert.True(file.Content.Span.SequenceEqual(site.Files[path].Content.Span), $"{path} differs");
    }

    private static async IAsyncEnumerable<PublishedReport> Stream(IEnumerable<PublishedReport> reports)
    {
        foreach (var r in reports) { await Task.Yield(); yield return r; }
    }
}
