using System.Collections.Frozen;
using System.Security.Cryptography;

namespace Pipeline.Site.Html;

/// <summary>The CSS and JS embedded in this assembly (Html/Assets, Search/search.js), with fingerprinted names.</summary>
public static class SiteAssets
{
    /// <summary>Cache-Control for fingerprinted assets.</summary>
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    /// <summary>
    /// The policy every page runs under. The hosting layer should send it as an HTTP header; pages also carry it in
    /// a meta element (<see cref="ContentSecurityPolicyMeta"/>).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>
    /// The policy as a meta element can carry it: browsers ignore (and log an error for) frame-ancestors in a
    /// meta element, so that directive is only in the HTTP header.
    /// </summary>
    public const string ContentSecurityPolicyMeta =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

    public static SiteAsset Css { get; } = Load("site.css", "text/css; charset=utf-8");
    public static SiteAsset SearchJs { get; } = Load("search.js", "text/javascript; charset=utf-8");
    public static SiteAsset SortJs { get; } = Load("sort.js", "text/javascript; charset=utf-8");

    public static IReadOnlyList<SiteAsset> All { get; } = [Css, SearchJs, SortJs];

    public static FrozenDictionary<string, SiteAsset> ByName { get; } = All.ToFrozenDictionary(a => a.Name);

    private static SiteAsset Load(string name, string contentType)
    {
        using var stream = typeof(SiteAssets).Assembly.GetManifestResourceStream("Pipeline.Site.Assets." + name)
            ?? throw new InvalidOperationException($"Embedded asset {name} is missing from the build.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 4));
        var dot = name.LastIndexOf('.');
        return new SiteAsset(name, $"assets/{name[..dot]}.{hash}{name[dot..]}", bytes, contentType);
    }
}
