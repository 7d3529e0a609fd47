using System.Globalization;
using System.Text;
using Pipeline.Site.Catalog;
using Pipeline.Site.Html;

namespace Pipeline.Site.Pages;

/// <summary>The site's HTML pages other than report pages: lists, directories, front page, notices, search, 404.</summary>
internal static class SitePages
{
    private static readonly UTF8Encoding Utf8 = new(false);

    /// <summary>A list page: one bucket of entries (newest first), with links to neighbouring buckets.</summary>
    /// <param name="page">1-based bucket number (1 = oldest).</param>
    /// <param name="pageCount">Number of buckets of the list now (only used for "newer" links, never printed).</param>
    /// <param name="landing">True for the list's landing URL (shows the newest bucket).</param>
    public static byte[] ListPage(SiteOptions site, string heading, string listUrl, IReadOnlyList<SiteEntry> entriesOldestFirst,
        int page, int pageCount, bool landing)
    {
        var pageUrl = landing ? listUrl : SiteUrls.ListPage(listUrl, page);
        var title = landing ? heading : heading + "（第" + page.ToString(CultureInfo.InvariantCulture) + "页）";
        return Page(site, title, pageUrl, [SiteAssets.SortJs], html =>
        {
            html.Raw("<nav class=\"crumbs\" aria-label=\"当前位置\"><ol><li><a href=\"/\">首页</a></li><li aria-current=\"page\">")
                .Text(heading).Raw("</li></ol></nav>\n<h1>").Text(title).Raw("</h1>\n");
            WriteEntryList(html, entriesOldestFirst, "entries", sortable: true);
            html.Raw("<nav class=\"pager\" aria-label=\"分页\"><ul>");
            if (page < pageCount)
            {
                // Always the numbered page, never the landing URL: a bucket's page must not change when later buckets appear.
                html.Raw("<li><a").Attribute("href", SiteUrls.ListPage(listUrl, page + 1)).Raw(" rel=\"prev\">较新的信息</a></li>");
                html.Raw("<li><a").Attribute("href", listUrl).Raw(">最新</a></li>");
            }
            if (page > 1)
                html.Raw("<li><a").Attribute("href", SiteUrls.ListPage(listUrl, page - 1)).Raw(" rel=\"next\">较早的信息</a></li>");
            html.Raw("</ul></nav>\n");
        });
    }

    public static byte[] FrontPage(SiteOptions site, IReadOnlyList<SiteEntry> latestOldestFirst, IReadOnlyList<int> years) =>
        Page(site, site.SiteTitle, "/", [SiteAssets.SortJs], html =>
        {
            html.Raw("<h1>").Text(site.SiteTitle).Raw("</h1>\n<h2>最新发布</h2>\n");
            WriteEntryList(html, latestOldestFirst, "entries", sortable: true);
            html.Raw("<h2>按年份浏览</h2>\n<ul class=\"dir\">");
            foreach (var year in years)
                html.Raw("<li><a href=\"").Raw(SiteUrls.Year(year)).Raw("\">").Number(year).Raw("年</a></li>");
            html.Raw("</ul>\n<p><a href=\"/publishers/\">按发布机构浏览</a></p>\n");
        });

    public static byte[] YearDirectory(SiteOptions site, IReadOnlyList<int> years) =>
        Page(site, "按年份浏览", "/years/", [], html =>
        {
            html.Raw("<h1>按年份浏览</h1>\n<ul class=\"dir\">");
            foreach (var year in years)
                html.Raw("<li><a href=\"").Raw(SiteUrls.Year(year)).Raw("\">").Number(year).Raw("年</a></li>");
            html.Raw("</ul>\n");
        });

    public static byte[] PublisherDirectory(SiteOptions site, IReadOnlyList<(string Slug, string Name)> publishers) =>
        Page(site, "按发布机构浏览", "/publishers/", [], html =>
        {
            html.Raw("<h1>按发布机构浏览</h1>\n<ul class=\"dir\">");
            foreach (var (slug, name) in publishers)
                html.Raw("<li><a").Attribute("href", SiteUrls.Publisher(slug)).Raw(">")
                    .Text(name.Length == 0 ? "（未注明发布机构）" : name).Raw("</a></li>");
            html.Raw("</ul>\n");
        });

    /// <summary>What a withdrawn report's URL shows instead of the report.</summary>
    public static byte[] WithdrawalNotice(SiteOptions site, SiteEntry? entry, Withdrawal withdrawal, SiteCalendar calendar)
    {
        var date = calendar.DateOf(withdrawal.WithdrawnAt);
        return Page(site, "信息已撤回", SiteUrls.Report(withdrawal.Slug), [], html =>
        {
            html.Raw("<h1>信息已撤回</h1>\n<div class=\"notice\" role=\"status\">\n");
            if (entry is not null)
                html.Raw("<p>《").Text(entry.Title).Raw("》（索引号：").Text(entry.IndexCode).Raw("）已于")
                    .Time(date).Raw("撤回。</p>\n");
            else
                html.Raw("<p>索引号为").Text(withdrawal.IndexCode).Raw("的信息已于").Time(date).Raw("撤回。</p>\n");
            html.Raw("<p>撤回原因：").Text(withdrawal.Reason).Raw("</p>\n</div>\n")
                .Raw("<p><a href=\"/\">返回首页</a></p>\n");
        });
    }

    public static byte[] SearchPage(SiteOptions site) =>
        Page(site, "站内检索", "/search/", [SiteAssets.SearchJs], html =>
        {
            html.Raw("<h1>站内检索</h1>\n")
                .Raw("<form class=\"search-form\" role=\"search\" action=\"/search/\" method=\"get\">")
                .Raw("<label for=\"q\">检索词</label><input id=\"q\" name=\"q\" type=\"search\" required>")
                .Raw("<button type=\"submit\">搜索</button></form>\n")
                .Raw("<p class=\"search-status\" id=\"search-status\" role=\"status\" aria-live=\"polite\">可按标题、发布机构、索引号、年份或正文中的词语检索。</p>\n")
                .Raw("<ol class=\"entries\" id=\"search-results\"></ol>\n")
                .Raw("<noscript><p>检索需要启用 JavaScript；也可<a href=\"/years/\">按年份</a>或<a href=\"/publishers/\">按发布机构</a>浏览。</p></noscript>\n");
        });

    public static byte[] NotFound(SiteOptions site) =>
        Page(site, "页面不存在", null, [], html =>
            html.Raw("<h1>页面不存在</h1>\n<p>您访问的页面不存在或已移动。可以<a href=\"/search/\">站内检索</a>，或返回<a href=\"/\">首页</a>。</p>\n"));

    private static void WriteEntryList(HtmlWriter html, IReadOnlyList<SiteEntry> entriesOldestFirst, string id, bool sortable)
    {
        if (entriesOldestFirst.Count == 0)
        {
            html.Raw("<p>暂无信息。</p>\n");
            return;
        }
        if (sortable)
            html.Raw("<div class=\"list-tools\"><span></span><button type=\"button\" hidden aria-pressed=\"false\" data-sort-target=\"")
                .Raw(id).Raw("\">按日期从早到晚排列</button></div>\n");
        html.Raw("<ul class=\"entries\" id=\"").Raw(id).Raw("\">\n");
        for (var i = entriesOldestFirst.Count - 1; i >= 0; i--)
        {
            var e = entriesOldestFirst[i];
            html.Raw("<li data-seq=\"").Number(e.Sequence).Raw("\"");
            if (e.DisplayDate is { } d) html.Raw(" data-date=\"").IsoDate(d).Raw("\"");
            html.Raw("><a class=\"t\"").Attribute("href", SiteUrls.Report(e.Slug)).Raw(">").Text(e.Title).Raw("</a>\n<dl>")
                .Raw("<dt>索引号</dt><dd>").Text(e.IndexCode).Raw("</dd>")
                .Raw("<dt>发布机构</dt><dd>").Text(e.Publisher).Raw("</dd>")
                .Raw("<dt>生成日期</dt><dd>");
            if (e.GeneratedDate is { } g) html.Time(g);
            html.Raw("</dd><dt>公开范围</dt><dd>").Text(e.PublicScope).Raw("</dd><dt>发布日期</dt><dd>");
            if (e.ReleaseDate is { } r) html.Time(r);
            html.Raw("</dd></dl></li>\n");
        }
        html.Raw("</ul>\n");
    }

    private static byte[] Page(SiteOptions site, string title, string? url, SiteAsset[] scripts, Action<HtmlWriter> body)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var html = new HtmlWriter(writer);
        PageLayout.Begin(html, site, title, url, scripts);
        body(html);
        PageLayout.End(html, site);
        return Utf8.GetBytes(writer.ToString());
    }
}
