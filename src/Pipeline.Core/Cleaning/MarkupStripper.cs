using System.Net;
using System.Text.RegularExpressions;

namespace Pipeline.Core.Cleaning;

/// <summary>
/// Removes HTML that came along with text copied from a web page or from Word's "save as web page": comments and
/// Word's conditional comments (<c>&lt;!--[if !supportLists]--&gt;7、&lt;!--[endif]--&gt;</c> keeps "7、"), tags
/// of formatting (<c>&lt;p&gt;</c>, <c>&lt;span style=…&gt;</c>, <c>&lt;o:p&gt;</c>) and character references (<c>&amp;nbsp;</c>).
/// Only well-formed markup is removed: "<5%" or "《条例》" are text. Pages escape what remains, so nothing here is
/// about safety; it is about not showing a reader the source's markup.
/// </summary>
public static partial class MarkupStripper
{
    public static string Strip(string text)
    {
        if (text.IndexOf('<') < 0 && text.IndexOf('&') < 0) return text;
        var result = text;
        if (result.Contains("<!", StringComparison.Ordinal)) result = Comment().Replace(result, "");
        // A line that carries script (an on… handler, a javascript: URL) keeps all its tags: shown escaped, exactly as
        // written, it stays visible to the agency and to the site's XSS checks instead of being half removed.
        if (result.IndexOf('<') >= 0 && !ActiveContent().IsMatch(result)) result = Tag().Replace(result, m => IsBreak(m.Value) ? " " : "");
        if (result.IndexOf('&') >= 0 && CharacterReference().IsMatch(result))
            result = WebUtility.HtmlDecode(result).Replace('\u00A0', ' ');
        return result.Length == text.Length ? result : result.Trim();
    }

    private static bool IsBreak(string tag) => tag.StartsWith("<br", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("</p", StringComparison.OrdinalIgnoreCase);

    // <!-- … -->, <!--[if …]> … <![endif]-->, and the half-open forms Word leaves when a page is copied line by line.
    [GeneratedRegex(@"<!--.*?-->|<!\[(?:if|endif)[^\]]*\]>|<!--\[if[^\]]*\]>|<!\[endif\]-->")]
    private static partial Regex Comment();

    // A start or end tag of the formatting Word, WPS and CMS editors leave in copied text (p, span, font, b, o:p, st1:…,
    // table cells, lists, headings). Anything else — script, style, iframe, svg, math, details… — is not formatting: it
    // stays as text and the page shows it escaped, as it shows any other text.
    [GeneratedRegex(@"</?(?:p|br|span|font|b|strong|i|em|u|s|strike|sup|sub|div|center|blockquote|a|img|hr|table|tbody|thead|tfoot|tr|td|th|col|colgroup|caption|ul|ol|li|dl|dt|dd|h[1-6]|o:p|st1:[A-Za-z]+|w:[A-Za-z]+|v:[A-Za-z]+)(?:\s+[^<>]*)?/?>", RegexOptions.IgnoreCase)]
    private static partial Regex Tag();

    // Script in markup: an on… event handler or a javascript: URL.
    [GeneratedRegex(@"\son[a-z]+\s*=|javascript:", RegexOptions.IgnoreCase)]
    private static partial Regex ActiveContent();

    [GeneratedRegex(@"&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});")]
    private static partial Regex CharacterReference();
}
