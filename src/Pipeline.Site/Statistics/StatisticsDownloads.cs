using Pipeline.Site.Html;

namespace Pipeline.Site.Statistics;

/// <summary>The report page's links to its open data files (relative: they sit beside the page).</summary>
public static class StatisticsDownloads
{
    public static void Write(HtmlWriter html)
    {
        ArgumentNullException.ThrowIfNull(html);
        html.Raw("<section class=\"open-data\" aria-labelledby=\"open-data-heading\"><h2 id=\"open-data-heading\">统计数据下载</h2>\n<ul>")
            .Raw("<li><a href=\"").Raw(StatisticsUrls.ReportCsvName).Raw("\" type=\"text/csv\">统计表（CSV，UTF-8）</a></li>")
            .Raw("<li><a href=\"").Raw(StatisticsUrls.ReportJsonName).Raw("\" type=\"application/json\">统计表（JSON）</a></li>")
            .Raw("<li><a href=\"").Raw(StatisticsUrls.Index).Raw("\">各机构统计数据对比</a></li></ul></section>\n");
    }
}
