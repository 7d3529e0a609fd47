using System.Globalization;
using System.Text;
using Pipeline.Core.Model;
using Pipeline.Core.Validation;
using Pipeline.Site.Html;

namespace Pipeline.Site.Statistics;

/// <summary>
/// The statistics section's pages: the index (years and agencies), a year's agencies side by side (one page per sort
/// order, so sorting needs no script), an agency across years, each with SVG charts drawn at build time.
/// </summary>
internal static class StatisticsPages
{
    private static readonly UTF8Encoding Utf8 = new(false);

    public static byte[] Index(SiteOptions site, IReadOnlyList<(int Year, int Reports)> years, IReadOnlyList<(string Slug, string Name)> agencies) =>
        Page(site, "统计数据", StatisticsUrls.Index, null, html =>
        {
            html.Raw("<h1>政府信息公开工作年度报告统计数据</h1>\n")
                .Raw("<p class=\"stats-intro\">数据取自已发布的年度报告中按国家模板填报的统计表（主动公开、依申请公开、行政复议和行政诉讼），仅含公开发布且未撤回的报告。</p>\n");
            html.Raw("<p class=\"stats-intro\"><a href=\"").Raw(StatisticsUrls.Timeliness)
                .Raw("\">信息发布及时性</a>：各机构已发布的全部信息（不限于年度报告）在生成日期后多少个工作日发布，按年份和发布机构统计。</p>\n");
            html.Raw("<h2>按年度</h2>\n");
            if (years.Count == 0) html.Raw("<p>暂无统计数据。</p>\n");
            else
            {
                html.Raw("<ul class=\"dir\">");
                foreach (var (year, reports) in years.OrderByDescending(y => y.Year))
                    html.Raw("<li><a href=\"").Raw(StatisticsUrls.Year(year)).Raw("\">").Number(year).Raw("年度</a>（").Number(reports).Raw("份报告，<a href=\"")
                        .Raw(StatisticsUrls.YearCsv(year)).Raw("\" type=\"text/csv\">CSV</a>）</li>");
                html.Raw("</ul>\n");
            }
            html.Raw("<h2>按发布机构</h2>\n");
            if (agencies.Count == 0) html.Raw("<p>暂无统计数据。</p>\n");
            else
            {
                html.Raw("<ul class=\"dir\">");
                foreach (var (slug, name) in agencies)
                    html.Raw("<li><a").Attribute("href", StatisticsUrls.Agency(slug)).Raw(">").Text(name.Length == 0 ? "（未注明发布机构）" : name).Raw("</a></li>");
                html.Raw("</ul>\n");
            }
        });

    /// <param name="sort">The measure the rows are sorted by (largest first), or null for agency name order.</param>
    public static byte[] Year(SiteOptions site, int year, IReadOnlyList<StatisticsRecord> records, StatisticsMeasure? sort)
    {
        var rows = records.Select(r => (Record: r, Summary: StatisticsSummary.Of(r.Statistics))).ToList();
        rows = sort is null
            ? rows.OrderBy(r => r.Record.Publisher, StringComparer.Ordinal).ThenBy(r => r.Record.Sequence).ToList()
            : rows.OrderBy(r => sort.Value(r.Summary) is null).ThenByDescending(r => sort.Value(r.Summary) ?? 0)
                .ThenBy(r => r.Record.Publisher, StringComparer.Ordinal).ThenBy(r => r.Record.Sequence).ToList();
        var yearText = year.ToString(CultureInfo.InvariantCulture);
        var heading = yearText + "年度各机构统计数据";
        return Page(site, sort is null ? heading : heading + "（按" + sort.Header + "排序）", StatisticsUrls.Year(year, sort?.Key), yearText + "年度", html =>
        {
            html.Raw("<h1>").Text(heading).Raw("</h1>\n<p>共").Number(rows.Count).Raw("份报告。")
                .Raw("<a href=\"").Raw(StatisticsUrls.YearCsv(year)).Raw("\" type=\"text/csv\">下载本年度全部统计数据（CSV，UTF-8）</a></p>\n")
                .Raw("<p class=\"stats-sort-state\">").Text(sort is null ? "当前按发布机构名称排列。" : "当前按“" + sort.Header + "”从高到低排列。")
                .Raw("点击列标题下的“排序”链接可按该列从高到低排列。</p>\n");
            html.Raw("<div class=\"table-wrap stats-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"year-table\">\n<table class=\"data stats\">\n<caption id=\"year-table\">")
                .Text(heading).Raw("</caption>\n<thead>\n<tr><th scope=\"col\"").Raw(sort is null ? " aria-sort=\"ascending\"" : "").Raw(">发布机构");
            if (sort is not null) html.Raw(" <a href=\"").Raw(StatisticsUrls.Year(year)).Raw("\" class=\"sort\">排序<span class=\"vh\">（按发布机构）</span></a>");
            html.Raw("</th>");
            foreach (var measure in StatisticsMeasure.All)
            {
                html.Raw("<th scope=\"col\"").Raw(measure == sort ? " aria-sort=\"descending\"" : "").Raw(">").Text(measure.Header);
                if (measure != sort)
                    html.Raw(" <a href=\"").Raw(StatisticsUrls.Year(year, measure.Key)).Raw("\" class=\"sort\">排序<span class=\"vh\">（按").Text(measure.Header).Raw("）</span></a>");
                html.Raw("</th>");
            }
            html.Raw("<th scope=\"col\">报告</th></tr>\n</thead>\n<tbody>\n");
            foreach (var (record, summary) in rows)
            {
                html.Raw("<tr><th scope=\"row\"><a").Attribute("href", StatisticsUrls.Agency(record.PublisherSlug)).Raw(">").Text(AgencyName(record)).Raw("</a></th>");
                foreach (var measure in StatisticsMeasure.All)
                    html.Raw("<td class=\"num\">").Text(measure.Value(summary) is { } v ? measure.Format(v) : "").Raw("</td>");
                html.Raw("<td><a").Attribute("href", SiteUrls.Report(record.Slug)).Raw(">").Text(record.IndexCode).Raw("</a></td></tr>\n");
            }
            html.Raw("</tbody>\n</table>\n</div>\n<p class=\"stats-note\">空白表示报告未填报该项。占比和纠正率按报告填写的数字计算：予以公开占比＝予以公开÷办理结果总计；纠正率＝结果纠正÷总计。</p>\n");
            var received = StatisticsMeasure.All[0];
            var share = StatisticsMeasure.All.First(m => m.Key == "disclosed-share");
            SvgBarChart.Write(html, "chart-received", yearText + "年度各机构本年新收申请数量", received.Header,
                rows.Select(r => (AgencyName(r.Record), received.Value(r.Summary))).ToList(), received.Format);
            SvgBarChart.Write(html, "chart-disclosed", yearText + "年度各机构予以公开占比", share.Header,
                rows.Select(r => (AgencyName(r.Record), share.Value(r.Summary))).ToList(), share.Format);
            WriteTimeliness(html, "year-timeliness", yearText + "年度各机构报告发布及时性", "发布机构",
                rows.Select(r => (Label: AgencyName(r.Record), Href: StatisticsUrls.Agency(r.Record.PublisherSlug), r.Record, Reports: (IReadOnlyList<StatisticsRecord>)[r.Record])).ToList());
        });
    }

    /// <summary>
    /// The oversight part of a year or agency page: how many reports went public more than 20 working days after
    /// their 生成日期 (第二十六条), how many annual reports missed their deadline (第四十九条), and each report's figures.
    /// </summary>
    /// <param name="rows">One row a report (year page) or a year (agency page): its label and link, the report shown, and the reports it stands for.</param>
    private static void WriteTimeliness(HtmlWriter html, string id, string caption, string firstColumn,
        IReadOnlyList<(string Label, string Href, StatisticsRecord Record, IReadOnlyList<StatisticsRecord> Reports)> rows)
    {
        var all = rows.SelectMany(r => r.Reports).ToList();
        var late = all.Count(r => r.Timeliness?.OverLimit == true);
        var unknown = all.Count(r => r.Timeliness?.OverLimit is null);
        var missed = all.Count(r => r.Timeliness?.AfterDeadline == true);
        html.Raw("<h2>发布及时性</h2>\n<p class=\"stats-timeliness\">共").Number(all.Count).Raw("份报告，其中")
            .Number(late).Raw("份在生成日期后超过").Number(Pipeline.Core.Timeliness.TimelinessRules.WorkingDayLimit).Raw("个工作日才发布（政府信息公开条例第二十六条）；")
            .Number(missed).Raw("份年度报告晚于第四十九条规定的期限发布");
        if (unknown > 0) html.Raw("；").Number(unknown).Raw("份缺少生成日期或工作日历，无法判断");
        html.Raw("。工作日按国务院办公厅公布的节假日安排计算。</p>\n");
        html.Raw("<div class=\"table-wrap stats-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"").Raw(id).Raw("\">\n<table class=\"data stats timeliness\">\n<caption id=\"").Raw(id).Raw("\">")
            .Text(caption).Raw("</caption>\n<thead>\n<tr><th scope=\"col\">").Text(firstColumn).Raw("</th><th scope=\"col\">生成日期</th><th scope=\"col\">发布日期</th>")
            .Raw("<th scope=\"col\">生成至发布（工作日）</th><th scope=\"col\">超过20个工作日发布</th><th scope=\"col\">年度报告发布期限</th><th scope=\"col\">是否按期</th><th scope=\"col\">报告</th></tr>\n</thead>\n<tbody>\n");
        foreach (var (label, href, record, reports) in rows)
        {
            var t = record.Timeliness;
            html.Raw("<tr><th scope=\"row\"><a").Attribute("href", href).Raw(">").Text(label).Raw("</a></th><td>");
            if (t?.GeneratedDate is { } generated) html.Time(generated); else html.Raw("未注明");
            html.Raw("</td><td>");
            if (t?.ReleaseDate is { } released) html.Time(released);
            html.Raw("</td><td class=\"num\">");
            if (t?.WorkingDays is { } days) html.Raw(t.CalendarMissing ? "≥" : "").Number(days); else html.Raw("无法计算");
            html.Raw("</td><td>");
            if (reports.Count > 1)
                html.Number(reports.Count(r => r.Timeliness?.OverLimit == true)).Raw("/").Number(reports.Count).Raw("份");
            else
                html.Raw(t?.OverLimit switch { true => "是（逾期）", false => "否", null => "无法判断" });
            html.Raw("</td><td>");
            if (t?.AnnualReportDeadline is { } deadline) html.Time(deadline); else html.Raw("无法确定");
            html.Raw("</td><td>").Raw(t?.AfterDeadline switch { true => "逾期", false => "按期", null => "无法判断" })
                .Raw("</td><td><a").Attribute("href", SiteUrls.Report(record.Slug)).Raw(">").Text(record.IndexCode).Raw("</a></td></tr>\n");
        }
        html.Raw("</tbody>\n</table>\n</div>\n");
    }

    /// <param name="byYear">The agency's report for each year it has figures for (the latest published when several), ascending.</param>
    /// <param name="checks">Cross-year findings (carry-over), in year order.</param>
    /// <param name="reportsByYear">Every report of the agency about each year (for how many of them went public late); by default the one shown.</param>
    public static byte[] Agency(SiteOptions site, string slug, string name, IReadOnlyList<(int Year, StatisticsRecord Record)> byYear, IReadOnlyList<Finding> checks,
        IReadOnlyDictionary<int, IReadOnlyList<StatisticsRecord>>? reportsByYear = null)
    {
        var title = (name.Length == 0 ? "（未注明发布机构）" : name) + "历年统计数据";
        return Page(site, title, StatisticsUrls.Agency(slug), null, html =>
        {
            html.Raw("<h1>").Text(title).Raw("</h1>\n<div class=\"table-wrap stats-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"agency-table\">\n<table class=\"data stats\">\n<caption id=\"agency-table\">")
                .Text(title).Raw("</caption>\n<thead>\n<tr><th scope=\"col\">年度</th>");
            foreach (var measure in StatisticsMeasure.All) html.Raw("<th scope=\"col\">").Text(measure.Header).Raw("</th>");
            html.Raw("<th scope=\"col\">报告</th></tr>\n</thead>\n<tbody>\n");
            var summaries = byYear.Select(y => (y.Year, y.Record, Summary: StatisticsSummary.Of(y.Record.Statistics))).ToList();
            foreach (var (year, record, summary) in summaries)
            {
                html.Raw("<tr><th scope=\"row\"><a href=\"").Raw(StatisticsUrls.Year(year)).Raw("\">").Number(year).Raw("</a></th>");
                foreach (var measure in StatisticsMeasure.All)
                    html.Raw("<td class=\"num\">").Text(measure.Value(summary) is { } v ? measure.Format(v) : "").Raw("</td>");
                html.Raw("<td><a").Attribute("href", SiteUrls.Report(record.Slug)).Raw(">").Text(record.IndexCode).Raw("</a></td></tr>\n");
            }
            html.Raw("</tbody>\n</table>\n</div>\n");
            html.Raw("<h2>跨年度核对</h2>\n");
            if (checks.Count == 0)
                html.Raw("<p>相邻年度“结转下年度继续办理”与下一年度“上年结转”一致，或缺少可比的年度。</p>\n");
            else
            {
                html.Raw("<ul class=\"stats-checks\">");
                foreach (var finding in checks) html.Raw("<li>").Text(finding.MessageZh).Raw("</li>");
                html.Raw("</ul>\n");
            }
            var received = StatisticsMeasure.All[0];
            var share = StatisticsMeasure.All.First(m => m.Key == "disclosed-share");
            SvgBarChart.Write(html, "chart-received", "历年本年新收申请数量", received.Header,
                summaries.Select(s => (s.Year.ToString(CultureInfo.InvariantCulture) + "年度", received.Value(s.Summary))).ToList(), received.Format);
            SvgBarChart.Write(html, "chart-disclosed", "历年予以公开占比", share.Header,
                summaries.Select(s => (s.Year.ToString(CultureInfo.InvariantCulture) + "年度", share.Value(s.Summary))).ToList(), share.Format);
            WriteTimeliness(html, "agency-timeliness", "历年报告发布及时性", "年度",
                byYear.Select(y => (Label: y.Year.ToString(CultureInfo.InvariantCulture) + "年度", Href: StatisticsUrls.Year(y.Year), y.Record,
                    Reports: reportsByYear is not null && reportsByYear.TryGetValue(y.Year, out var all) ? all : (IReadOnlyList<StatisticsRecord>)[y.Record])).ToList());
        });
    }

    private static string AgencyName(StatisticsRecord record) => record.Publisher.Length == 0 ? "（未注明发布机构）" : record.Publisher;

    internal static byte[] Page(SiteOptions site, string title, string url, string? crumb, Action<HtmlWriter> body)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var html = new HtmlWriter(writer);
        PageLayout.Begin(html, site, title, url);
        html.Raw("<nav class=\"crumbs\" aria-label=\"当前位置\"><ol><li><a href=\"/\">首页</a></li>");
        if (url == StatisticsUrls.Index) html.Raw("<li aria-current=\"page\">统计数据</li>");
        else html.Raw("<li><a href=\"").Raw(StatisticsUrls.Index).Raw("\">统计数据</a></li><li aria-current=\"page\">").Text(crumb ?? title).Raw("</li>");
        html.Raw("</ol></nav>\n<div class=\"statistics\">\n");
        body(html);
        html.Raw("</div>\n");
        PageLayout.End(html, site);
        return Utf8.GetBytes(writer.ToString());
    }
}
