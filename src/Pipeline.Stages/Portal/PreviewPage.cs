using System.Net;
using System.Text;

namespace Pipeline.Stages.Portal;

/// <summary>
/// Turns a staged report page into its preview: a base URL so the page's root-relative styles load from the public
/// site, a noindex marker, and a banner at the top that says it is a preview, not public, and until when the link works.
/// </summary>
public static class PreviewPage
{
    public const string BannerId = "portal-preview-banner";

    /// <summary>The marked page and the exact text of its one style element (the CSP allows it by hash).</summary>
    public static (byte[] Page, string Style) Mark(byte[] staged, string siteBaseUrl, string expiresLabel)
    {
        const string style = "#portal-preview-banner{margin:0;padding:.75rem 1rem;background:#7a1a00;color:#fff;font-weight:bold;border-bottom:4px solid #000}";
        var html = Encoding.UTF8.GetString(staged);
        var head = "<base href=\"" + WebUtility.HtmlEncode(siteBaseUrl) + "\">\n<meta name=\"robots\" content=\"noindex, nofollow\">\n<style>" + style + "</style>\n";
        var banner = "<p id=\"" + BannerId + "\" role=\"note\">预览:本页尚未公开,仅供本机构核对。链接有效期至 " + WebUtility.HtmlEncode(expiresLabel) +
                     "。 / Preview: this page is not public yet.</p>\n";
        var headAt = html.IndexOf("<head>", StringComparison.Ordinal);
        html = headAt >= 0 ? html.Insert(headAt + "<head>".Length, "\n" + head) : head + html;
        var bodyAt = html.IndexOf("<body>", StringComparison.Ordinal);
        html = bodyAt >= 0 ? html.Insert(bodyAt + "<body>".Length, "\n" + banner) : html + banner;
        return (Encoding.UTF8.GetBytes(html), style);
    }
}
