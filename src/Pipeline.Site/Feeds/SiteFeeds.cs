using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using Pipeline.Site.Catalog;
using Pipeline.Site.Html;

namespace Pipeline.Site.Feeds;

/// <summary>Machine-readable artefacts: JSON index, Atom feed, sitemaps, robots.txt.</summary>
internal static class SiteFeeds
{
    public const int ApiShardSize = 1000;
    /// <summary>
    /// URLs per sitemap file. The protocol allows 50,000, but a publish rewrites the shard it appends to: 1,000 URLs
    /// (~116 KB) keeps that write small, and the sitemap index (up to 50,000 entries) still covers 50 million reports.
    /// </summary>
    public const int SitemapShardSize = 1_000;
    public const int FeedSize = 50;

    public static ApiReportRecord ToApi(SiteOptions site, SiteEntry e) => new(e.IndexCode, e.Title, e.Publisher, e.GeneratedDate,
        e.PublicScope, e.ReleaseDate, e.Revised, e.Version, e.Sequence, e.PublishedAt.ToUniversalTime(),
        PageLayout.AbsoluteUrl(site, SiteUrls.Report(e.Slug)))
    {
        Statistics = e.HasStatistics == true ? PageLayout.AbsoluteUrl(site, global::Pipeline.Site.Statistics.StatisticsUrls.ReportJson(e.Slug)) : null,
    };

    public static byte[] ApiShardJson(SiteOptions site, int shard, IEnumerable<SiteEntry> live) =>
        JsonSerializer.SerializeToUtf8Bytes(new ApiShard(shard, live.Select(e => ToApi(site, e)).ToList()), FeedJsonContext.Site.ApiShard);

    public static byte[] ApiManifestJson(int liveCount, int shardCount) =>
        JsonSerializer.SerializeToUtf8Bytes(new ApiManifest(liveCount, ApiShardSize,
            Enumerable.Range(0, shardCount).Select(k => new ApiShardRef(ApiShardPath(k, rooted: true), k * ApiShardSize)).ToList()), FeedJsonContext.Site.ApiManifest);

    public static string ApiShardPath(int shard, bool rooted = false) =>
        (rooted ? "/" : "") + "api/reports/" + shard.ToString(CultureInfo.InvariantCulture) + ".json";

    /// <summary>Atom feed of the latest entries; feed-level updated = the newest entry's publish time (no wall clock).</summary>
    public static byte[] AtomFeed(SiteOptions site, IReadOnlyList<SiteEntry> newestFirst) => Xml(xml =>
    {
        const string Atom = "http://www.w3.org/2005/Atom";
        xml.WriteStartElement("feed", Atom);
        xml.WriteAttributeString("xml", "lang", null, "zh-CN");
        xml.WriteElementString("title", Atom, site.SiteTitle);
        xml.WriteElementString("id", Atom, PageLayout.AbsoluteUrl(site, "/"));
        var updated = newestFirst.Count == 0 ? DateTimeOffset.UnixEpoch : newestFirst.Max(e => e.PublishedAt);
        xml.WriteElementString("updated", Atom, Timestamp(updated));
        Link(xml, PageLayout.AbsoluteUrl(site, "/feed.xml"), "self");
        Link(xml, PageLayout.AbsoluteUrl(site, "/"), "alternate");
        xml.WriteStartElement("author", Atom);
        xml.WriteElementString("name", Atom, site.SiteTitle);
        xml.WriteEndElement();
        foreach (var e in newestFirst)
        {
            var url = PageLayout.AbsoluteUrl(site, SiteUrls.Report(e.Slug));
            xml.WriteStartElement("entry", Atom);
            xml.WriteElementString("title", Atom, XmlText(e.Title));
            xml.WriteElementString("id", Atom, url);
            Link(xml, url, "alternate");
            xml.WriteElementString("updated", Atom, Timestamp(e.PublishedAt));
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, XmlText(e.Publisher.Length == 0 ? site.SiteTitle : e.Publisher));
            xml.WriteEndElement();
            var summary = new StringBuilder().Append("索引号：").Append(e.IndexCode).Append("；发布机构：").Append(e.Publisher);
            // The same two dates with the same labels as the page and the lists.
            if (e.GeneratedDate is { } g) summary.Append("；生成日期：").Append(g.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (e.ReleaseDate is { } r) summary.Append("；发布日期：").Append(r.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            xml.WriteElementString("summary", Atom, XmlText(summary.ToString()));
            xml.WriteEndElement();
        }
        xml.WriteEndElement();

        static void Link(XmlWriter xml, string href, string rel)
        {
            xml.WriteStartElement("link", "http://www.w3.org/2005/Atom");
            xml.WriteAttributeString("rel", rel);
            xml.WriteAttributeString("href", href);
            xml.WriteEndElement();
        }
    });

    private const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static byte[] SitemapUrls(SiteOptions site, IEnumerable<(string Url, DateOnly? LastModified)> urls) => Xml(xml =>
    {
        xml.WriteStartElement("urlset", SitemapNs);
        foreach (var (url, lastModified) in urls)
        {
            xml.WriteStartElement("url", SitemapNs);
            xml.WriteElementString("loc", SitemapNs, PageLayout.AbsoluteUrl(site, url));
            if (lastModified is { } m) xml.WriteElementString("lastmod", SitemapNs, m.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    });

    public static byte[] SitemapIndex(SiteOptions site, IEnumerable<string> sitemapPaths) => Xml(xml =>
    {
        xml.WriteStartElement("sitemapindex", SitemapNs);
        foreach (var path in sitemapPaths)
        {
            xml.WriteStartElement("sitemap", SitemapNs);
            xml.WriteElementString("loc", SitemapNs, PageLayout.AbsoluteUrl(site, path));
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    });

    public static string SitemapShardPath(int shard, bool rooted = false) =>
        (rooted ? "/" : "") + "sitemaps/" + shard.ToString(CultureInfo.InvariantCulture) + ".xml";

    public static byte[] Robots(SiteOptions site) =>
        Encoding.UTF8.GetBytes("User-agent: *\nAllow: /\n\nSitemap: " + PageLayout.AbsoluteUrl(site, "/sitemap.xml") + "\n");

    /// <summary>Replaces characters XML cannot carry (control characters, lone surrogates) so bad input never throws.</summary>
    private static string XmlText(string text)
    {
        StringBuilder? clean = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var ok = XmlConvert.IsXmlChar(c)
                || (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]));
            if (ok && char.IsHighSurrogate(c))
            {
                clean?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            if (!ok && clean is null) clean = new StringBuilder(text, 0, i, text.Length);
            clean?.Append(ok ? c : ' ');
        }
        return clean?.ToString() ?? text;
    }

    private static string Timestamp(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static byte[] Xml(Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            Indent = true,
            NewLineChars = "\n",
        }))
        {
            xml.WriteStartDocument();
            write(xml);
            xml.WriteEndDocument();
        }
        return stream.ToArray();
    }
}
