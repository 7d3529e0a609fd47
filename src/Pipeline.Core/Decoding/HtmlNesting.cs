namespace Pipeline.Core.Decoding;

/// <summary>
/// A cheap pass over the raw markup, before any parser runs, that bounds how deeply elements nest. An HTML5 tree builder
/// scans its stack of open elements for many tags, so a page of a million nested divs costs quadratic time, and
/// walking such a tree recursively overflows the stack. Elements without end tags (void ones, and those whose end tag
/// is optional such as p, li, td) are not counted; comments, scripts and styles are skipped.
/// </summary>
internal static class HtmlNesting
{
    private static readonly HashSet<string> NotCounted = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen",
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "tbody", "thead", "tfoot", "colgroup",
        "caption", "html", "head", "body", "o:p",
    };

    public static int MaxDepth(string html, int stopAt)
    {
        int depth = 0, max = 0;
        var i = 0;
        while ((i = html.IndexOf('<', i)) >= 0 && i + 1 < html.Length)
        {
            if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                var end = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                if (end < 0) break;
                i = end + 3;
                continue;
            }
            var closing = html[i + 1] == '/';
            var start = closing ? i + 2 : i + 1;
            var nameEnd = start;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] == ':')) nameEnd++;
            if (nameEnd == start || !char.IsAsciiLetter(html[start]))
            {
                i++;
                continue;
            }
            var name = html[start..nameEnd];
            var tagEnd = html.IndexOf('>', nameEnd);
            if (tagEnd < 0) break;
            if (!closing && (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase)))
            {
                var close = html.IndexOf("</" + name, tagEnd, StringComparison.OrdinalIgnoreCase);
                i = close < 0 ? html.Length : close;
                continue;
            }
            if (!NotCounted.Contains(name))
            {
                if (closing) depth = Math.Max(0, depth - 1);
                else if (html[tagEnd - 1] != '/' && ++depth > max)
                {
                    max = depth;
                    if (max >= stopAt) return max;
                }
            }
            i = tagEnd + 1;
        }
        return max;
    }
}
