

namespace Pipeline.Site.Html;

/// <summary>The frame every page shares: head (CSP, CSS), skip link, site header with search form, footer.</summary>
public static class PageLayout
{
    /// <summary>Writes everything up to and including the opening <c>&lt;main&gt;</c>.</summary>
    /// <param name="pageTitle">Text of the title element (input text, escaped here).</param>
    /// <param name="canonicalPath">Root-relative path of the page (e.g. <c>/reports/x/</c>), or null.</param>
    /// <param name="scripts">Assets to load with <c>defer</c>.</param>
    public static void Begin(HtmlWriter html, SiteOptions site, string pageTitle, string? canonicalPath, params SiteAsset[] scripts)
    {
        html.Raw("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Raw("<meta http-equiv=\"Content-Security-Policy\" content=\"").Raw(SiteAssets.ContentSecurityPolicyMeta).Raw("\">\n")
            .Raw("<title>").Text(pageTitle);
        // The front page's title is the site's own: "政府信息公开", not "政府信息公开 - 政府信息公开".
        if (!string.Equals(pageTitle.Trim(), site.SiteTitle.Trim(), StringComparison.Ordinal)) html.Raw(" - ").Text(site.SiteTitle);
        html.Raw("</title>\n")
            .Raw("<link rel=\"stylesheet\" href=\"").Raw(SiteAssets.Css.Url).Raw("\">\n")
            .Raw("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/feed.xml\" title=\"").Text(site.SiteTitle).Raw("\">\n");
        if (canonicalPath is not null)
            html.Raw("<link rel=\"canonical\"").Attribute("href", AbsoluteUrl(site, canonicalPath)).Raw(">\n");
        foreach (var script in scripts)
            html.Raw("<script src=\"").Raw(script.Url).Raw("\" defer></script>\n");
        html.Raw("</head>\n<body>\n<a class=\"skip\" href=\"#main\">跳到正文</a>\n")
            .Raw("<header class=\"site-header\"><div class=\"bar\">\n<a class=\"site-title\" href=\"/\">").Text(site.SiteTitle).Raw("</a>\n")
            .Raw("<nav class=\"site-nav\" aria-label=\"网站导航\"><ul><li><a href=\"/\">首页</a></li><li><a href=\"/years/\">按年份</a></li>")
            .Raw("<li><a href=\"/publishers/\">按发布机构</a></li><li><a href=\"/statistics/\">统计数据</a></li><li><a href=\"/search/\">检索</a></li></ul></nav>\n")
            .Raw("<form class=\"site-search\" role=\"search\" action=\"/search/\" method=\"get\"><label for=\"site-q\">站内检索</label>")
            .Raw("<input id=\"site-q\" name=\"q\" type=\"search\" placeholder=\"标题、机构、索引号、全文\"><button type=\"submit\">搜索</button></form>\n")
            .Raw("</div></header>\n<main id=\"main\">\n");
    }

    /// <summary>Closes <c>&lt;main&gt;</c> and writes the footer.</summary>
    public static void End(HtmlWriter html, SiteOptions site)
    {
        html.Raw("</main>\n<footer class=\"site-footer\"><p>").Text(site.SiteTitle)
            .Raw(" · <a href=\"/feed.xml\">订阅（Atom）</a> · <a href=\"/api/reports/index.json\">数据接口（JSON）</a> · <a href=\"/sitemap.xml\">网站地图</a></p></footer>\n</body>\n</html>\n");
    }

    /// <summary>Absolute URL of a root-relative path, for canonical links, feeds and sitemaps.</summary>
    public static string AbsoluteUrl(SiteOptions site, string rootRelativePath) =>
        site.BaseUrl.TrimEnd('/') + rootRelativePath;
}
