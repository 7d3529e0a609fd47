using System.Collections.Frozen;
using System.Security.Cryptography;

namespace Pipeline.Site.Html;

/// <summary>A static asset with a content-fingerprinted path (so it can be cached forever).</summary>
/// <param name="Path">Site path without leading '/', e.g. <c>assets/site.1a2b3c4d.css</c>.</param>
public sealed record SiteAsset(string Name, string Path, byte[] Content, string ContentType)
{
    /// <summary>Root-relative URL the pages use.</summary>
    public string Url => "/" + Path;
}
