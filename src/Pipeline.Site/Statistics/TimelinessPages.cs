using System.Globalization;
using Pipeline.Core.Timeliness;
using Pipeline.Site.Catalog;
using Pipeline.Site.Html;

namespace Pipeline.Site.Statistics;

/// <summary>
/// The pages of the oversight view of every published report (发布及时性): the index (years and agencies), a year
/// (each agency's counts: published, more than 20 working days after 生成日期, cannot be judged, annual reports after
/// their deadline) and an agency (the same by year, then the reports to look at, linked, newest first and capped).
/// Counts only, so a year page stays small at any number of reports.
/// </summary>
internal static class TimelinessPages
{
    /// <summary>At most this many reports are listed on an agency page (the count says how many there are).</summary>
    public const int ListedReports = 100;

    private const string Basis = "工作日自生成日期次日起算至发布日期，按国务院办公厅公布的节假日安排（含调休上班日）计算；尚未收录某年安排时不作推测，计为无法判断。仅统计已发布且未撤回的信息。";

    public static byte[] Index(SiteOptions site, IReadOnlyList<(int Year, TimelinessCounts Counts)> years, IReadOnlyList<(string Slug, string Name)> agencies) =>
        StatisticsPages.Page(site, "信息发布及时性", StatisticsUrls.Timeliness, null, html =>
        {
            html.Raw("<h1>信息发布及时性</h1>\n<p class=\"stats-intro\">各机构已发布的全部政府信息（不限于年度报告）在生成日期后多少个工作日发布：超过")
                .Number(TimelinessRules.WorkingDayLimit).Raw("个工作日的（政府信息公开条例第二十六条），以及晚于第四十九条规定期限发布的年度报告。按发布日期所在年份统计。")
                .Text(Basis).Raw("</p>\n<h2>按年份</h2>\n");
            if (years.Count == 0) html.Raw("<p>暂无已发布的信息。</p>\n");
            else
                CountsTable(html, "timeliness-years", "各年份信息发布及时性", "年份",
                    years.OrderByDescending(y => y.Year).Select(y => (Year(y.Year), StatisticsUrls.TimelinessYear(y.Year), y.Counts)).ToList());
            html.Raw("<h2>按发布机构</h2>\n");
            if (agencies.Count == 0) html.Raw("<p>暂无已发布的信息。</p>\n");
            else
            {
                html.Raw("<ul class=\"dir\">");
                foreach (var (slug, name) in agencies)
                    html.Raw("<li><a").Attribute("href", StatisticsUrls.TimelinessAgency(slug)).Raw(">").Text(AgencyName(name)).Raw("</a></li>");
                html.Raw("</ul>\n");
            }
        });

    public static byte[] Year(SiteOptions site, int year, IReadOnlyList<(string Slug, string Name, TimelinessCounts Counts)> agencies)
    {
        var heading = Year(year) + "发布信息的及时性";
        return StatisticsPages.Page(site, heading, StatisticsUrls.TimelinessYear(year), Year(year), html =>
        {
            html.Raw("<h1>").Text(heading).Raw("</h1>\n");
            Summary(html, Year(year), Total(agencies.Select(a => a.Counts)));
            html.Raw("<p>").Text(Basis).Raw("<a href=\"").Raw(StatisticsUrls.Timeliness).Raw("\">其他年份</a></p>\n");
            CountsTable(html, "timeliness-year", Year(year) + "各机构信息发布及时性", "发布机构",
                agencies.Select(a => (AgencyName(a.Name), StatisticsUrls.TimelinessAgency(a.Slug), a.Counts)).ToList());
        });
    }

    /// <param name="byYear">The agency's counts for each year it published in, ascending.</param>
    /// <param name="listed">The reports to look at, newest first, at most <see cref="ListedReports"/>.</param>
    /// <param name="toList">How many reports there are to look at.</param>
    public static byte[] Agency(SiteOptions site, string slug, string name, IReadOnlyList<(int Year, TimelinessCounts Counts)> byYear,
        IReadOnlyList<(SiteEntry Entry, CatalogTimeliness? Timeliness)> listed, int toList)
    {
        var title = AgencyName(name) + "信息发布及时性";
        return StatisticsPages.Page(site, title, StatisticsUrls.TimelinessAgency(slug), null, html =>
        {
            html.Raw("<h1>").Text(title).Raw("</h1>\n");
            Summary(html, "历年", Total(byYear.Select(y => y.Counts)));
            html.Raw("<p>").Text(Basis).Raw("</p>\n");
            CountsTable(html, "timeliness-agency", "历年信息发布及时性", "年份",
                byYear.Select(y => (Year(y.Year), StatisticsUrls.TimelinessYear(y.Year), y.Counts)).ToList());
            html.Raw("<h2>需关注的信息</h2>\n<p class=\"timeliness-listed\">");
            if (toList == 0)
            {
                html.Raw("没有超过").Number(TimelinessRules.WorkingDayLimit).Raw("个工作日发布、逾期发布或无法判断的信息。</p>\n");
                return;
            }
            html.Raw("超过").Number(TimelinessRules.WorkingDayLimit).Raw("个工作日发布、年度报告逾期或无法判断的信息共").Number(toList).Raw("份");
            if (toList > listed.Count) html.Raw("，以下列出最近发布的").Number(listed.Count).Raw("份");
            html.Raw("。</p>\n<div class=\"table-wrap stats-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"timeliness-reports\">\n<table class=\"data stats timeliness\">\n")
                .Raw("<caption id=\"timeliness-reports\">需关注的信息</caption>\n<thead>\n<tr><th scope=\"col\">标题</th><th scope=\"col\">生成日期</th><th scope=\"col\">发布日期</th>")
                .Raw("<th scope=\"col\">生成至发布（工作日）</th><th scope=\"col\">情况</th></tr>\n</thead>\n<tbody>\n");
            foreach (var (entry, t) in listed)
            {
                html.Raw("<tr><th scope=\"row\"><a").Attribute("href", SiteUrls.Report(entry.Slug)).Raw(">").Text(entry.Title).Raw("</a></th><td class=\"num\">");
                // Dates in the figures' style (tabular, never broken across lines).
                if (entry.GeneratedDate is { } generated) html.Time(generated); else html.Raw("未注明");
                html.Raw("</td><td class=\"num\">");
                if (entry.DisplayDate is { } released) html.Time(released);
                html.Raw("</td><td class=\"num\">");
                if (t?.WorkingDays is { } days) html.Raw(t.CalendarMissing ? "≥" : "").Number(days); else html.Raw("无法计算");
                html.Raw("</td><td>").Text(Reason(t)).Raw("</td></tr>\n");
            }
            html.Raw("</tbody>\n</table>\n</div>\n");
        });
    }

    /// <summary>Why a report is listed, in words.</summary>
    private static string Reason(CatalogTimeliness? t)
    {
        var reasons = new List<string>();
        switch (TimelinessView.VerdictOf(t))
        {
            case TimelinessVerdict.Late: reasons.Add("超过" + TimelinessRules.WorkingDayLimit.ToString(CultureInfo.InvariantCulture) + "个工作日发布"); break;
            case TimelinessVerdict.NoGeneratedDate: reasons.Add("未注明生成日期，无法判断"); break;
            case TimelinessVerdict.CalendarMissing: reasons.Add("所跨年份的节假日安排尚未收录，无法判断"); break;
            case TimelinessVerdict.NotAssessed: reasons.Add("发布早于及时性统计，重建站点后计算"); break;
        }
        if (t is { AfterDeadline: true, AnnualReportDeadline: { } deadline })
            reasons.Add("年度报告晚于" + deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "的期限发布（第四十九条）");
        return string.Join("；", reasons);
    }

    private static void Summary(HtmlWriter html, string scope, TimelinessCounts c)
    {
        html.Raw("<p class=\"stats-timeliness\">").Text(scope).Raw("共发布").Number(c.Reports).Raw("份信息，其中").Number(c.Late).Raw("份在生成日期后超过")
            .Number(TimelinessRules.WorkingDayLimit).Raw("个工作日才发布（政府信息公开条例第二十六条）");
        if (c.Unknown > 0)
        {
            html.Raw("；").Number(c.Unknown).Raw("份无法判断（");
            var parts = new List<string>();
            if (c.NoGeneratedDate > 0) parts.Add(c.NoGeneratedDate.ToString(CultureInfo.InvariantCulture) + "份未注明生成日期");
            if (c.CalendarMissing > 0) parts.Add(c.CalendarMissing.ToString(CultureInfo.InvariantCulture) + "份所跨年份的节假日安排尚未收录");
            if (c.NotAssessed > 0) parts.Add(c.NotAssessed.ToString(CultureInfo.InvariantCulture) + "份发布早于及时性统计");
            html.Text(string.Join("，", parts)).Raw("）");
        }
        html.Raw("；年度报告").Number(c.AnnualReports).Raw("份，其中").Number(c.AfterDeadline).Raw("份晚于第四十九条规定的期限发布");
        if (c.DeadlineUnknown > 0) html.Raw("，").Number(c.DeadlineUnknown).Raw("份期限无法确定");
        html.Raw("。</p>\n");
    }

    private static void CountsTable(HtmlWriter html, string id, string caption, string firstColumn, IReadOnlyList<(string Label, string Href, TimelinessCounts Counts)> rows)
    {
        html.Raw("<div class=\"table-wrap stats-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"").Raw(id).Raw("\">\n<table class=\"data stats timeliness\">\n<caption id=\"")
            .Raw(id).Raw("\">").Text(caption).Raw("</caption>\n<thead>\n<tr><th scope=\"col\">").Text(firstColumn).Raw("</th><th scope=\"col\">发布信息</th>")
            .Raw("<th scope=\"col\">超过").Number(TimelinessRules.WorkingDayLimit).Raw("个工作日发布</th><th scope=\"col\">无法判断</th>")
            .Raw("<th scope=\"col\">年度报告</th><th scope=\"col\">年度报告逾期</th></tr>\n</thead>\n<tbody>\n");
        foreach (var (label, href, c) in rows)
            html.Raw("<tr><th scope=\"row\"><a").Attribute("href", href).Raw(">").Text(label).Raw("</a></th><td class=\"num\">").Number(c.Reports)
                .Raw("</td><td class=\"num\">").Number(c.Late).Raw("</td><td class=\"num\">").Number(c.Unknown)
                .Raw("</td><td class=\"num\">").Number(c.AnnualReports).Raw("</td><td class=\"num\">").Number(c.AfterDeadline).Raw("</td></tr>\n");
        html.Raw("</tbody>\n</table>\n</div>\n");
    }

    private static TimelinessCounts Total(IEnumerable<TimelinessCounts> counts) =>
        counts.Aggregate(new TimelinessCounts(0, 0, 0, 0, 0, 0, 0, 0), (a, b) => new TimelinessCounts(a.Reports + b.Reports, a.Late + b.Late,
            a.NoGeneratedDate + b.NoGeneratedDate, a.CalendarMissing + b.CalendarMissing, a.NotAssessed + b.NotAssessed,
            a.AnnualReports + b.AnnualReports, a.AfterDeadline + b.AfterDeadline, a.DeadlineUnknown + b.DeadlineUnknown));

    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture) + "年";

    private static string AgencyName(string name) => name.Length == 0 ? "（未注明发布机构）" : name;
}
