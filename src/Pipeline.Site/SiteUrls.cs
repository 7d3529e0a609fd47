using System.Globalization;

namespace Pipeline.Site;

/// <summary>
/// The URL scheme of the public site. Root-relative URLs end with '/' and are served from <c>index.html</c> in that
/// folder; <see cref="FileOf"/> maps one to its store path.
/// </summary>
public static class SiteUrls
{
    public static string Report(string slug) => "/reports/" + slug + "/";
    public static string Year(int year) => "/years/" + year.ToString("D4", CultureInfo.InvariantCulture) + "/";
    public static string Publisher(string publisherSlug) => "/publishers/" + publisherSlug + "/";

    /// <summary>Page <paramref name="page"/> (1 = oldest) of a list whose landing URL is <paramref name="listUrl"/>.</summary>
    public static string ListPage(string listUrl, int page) => listUrl + "page/" + page.ToString(CultureInfo.InvariantCulture) + "/";

    /// <summary>The store path of a root-relative URL: "/a/b/" -> "a/b/index.html", "/feed.xml" -> "feed.xml".</summary>
    public static string FileOf(string url)
    {
        var path = url.TrimStart('/');
        return path.Length == 0 || path.EndsWith('/') ? path + "index.html" : path;
    }
}
