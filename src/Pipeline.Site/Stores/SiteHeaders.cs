namespace Pipeline.Site.Stores;

/// <summary>The Content-Type and Cache-Control values the site's files are stored with.</summary>
internal static class SiteHeaders
{
    /// <summary>Pages, lists, feeds and search files: a withdrawal or a new report must show within minutes.</summary>
    public const string ShortCache = "public, max-age=300";

    /// <summary>The publisher's private state: never cached.</summary>
    public const string NoStore = "no-store";

    public const string Html = "text/html; charset=utf-8";
    public const string Json = "application/json; charset=utf-8";
    public const string Xml = "application/xml; charset=utf-8";
    public const string Atom = "application/atom+xml; charset=utf-8";
    public const string Text = "text/plain; charset=utf-8";
    public const string Binary = "application/octet-stream";
}
