using System.Net;
using System.Text.RegularExpressions;

namespace Pipeline.Core.Cleaning;

/// <summary>
/// Removes HTML that came along with text copied from a web page or from Word's "save as web page": comments and
/// Word's conditional comments (<c>&lt;!--[if !supportLists]--&gt;7、&lt;!--[endif]--&gt;</c> keeps "7、"), tags
/// (<c>&lt;p&gt;</c>, <c>&lt;span style=…&gt;</c>, <c>&lt;o:p&gt;</c>) and character references (<c>&amp;nbsp;</c>).
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
        if (result.IndexOf('<') >= 0) result = Tag().Replace(result, m => IsBreak(m.Value) ? " " : "");
        if (result.IndexOf('&') >= 0 && CharacterReference().IsMatch(result))
            result = WebUtility.HtmlDecode(result).Replace('\u00A0', ' ');
        return result.Length == text.Length ? result : result.Trim();
    }

    private static bool IsBreak(string tag) => tag.StartsWith("<br", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("</p", StringComparison.OrdinalIgnoreCase);

    // <!-- … -->, <!--[if …]> … <![endif]-->, and the half-open forms Word leaves when a page is copied line by line.
    [GeneratedRegex(@"<!--.*?-->|<!\[(?:if|endif)[^\]]*\]>|<!--\[if[^\]]*\]>|<!\[endif\]-->")]
    private static partial Regex Comment();

    // A start or end tag with a known-looking name (letters, digits, one namespace prefix such as o:p).
    [GeneratedRegex(@"</?[A-Za-z][A-Za-z0-9]*(?::[A-Za-z][A-Za-z0-9]*)?(?:\s+[^<>]*)?/?>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});")]
    private static partial Regex CharacterReference();
}
