using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Pipeline.Core.Decoding;

/// <summary>
/// Finds a page's article body. First the containers that government CMSs use for the body (TRS's TRS_Editor, the
/// #zoom font-size target, UCAP's content block, article/main), then the block with the most text outside links
/// (a readability-style score: each paragraph's text counts for its parent and half for its grandparent). Navigation,
/// sidebars, footers, share bars and related-link lists are removed from whatever is chosen.
/// </summary>
internal static partial class HtmlMainContent
{
    // Shapes seen on disclosure portals (e.g. the col/art CMS behind http://www.nbjb.gov.cn/col/col1229214366/index.html,
    // TRS WCM sites with div.TRS_Editor inside #zoom, UCAP sites with #UCAP-CONTENT).
    private static readonly string[] KnownBodies =
    [
        ".TRS_Editor", "#UCAP-CONTENT", "#zoom", "#Zoom", ".trs_editor_view", ".article-content", ".article_content", ".art_con", ".pages_content",
        ".xxgk_content", ".content_text", ".wz_content", "#content_text", "article", "main", "[role=main]",
    ];

    public static IElement Find(IElement body)
    {
        foreach (var selector in KnownBodies)
        {
            var candidate = body.QuerySelector(selector);
            if (candidate is not null && HtmlDom.Text(candidate, 200).Length >= 50) return candidate;
        }
        return ByScore(body) ?? body;
    }

    /// <summary>Removes chrome inside the chosen body: nav, aside, footer, and blocks that are mostly links.</summary>
    public static void Prune(IElement content)
    {
        foreach (var element in HtmlDom.Elements(content).ToList())
        {
            if (element.LocalName is "nav" or "aside" or "footer" || Chrome().IsMatch(element.ClassName ?? "") || Chrome().IsMatch(element.Id ?? ""))
            {
                element.Remove();
                continue;
            }
            if (element.LocalName is "ul" or "ol" or "div" && IsLinkList(element)) element.Remove();
        }
    }

    private static bool IsLinkList(IElement element)
    {
        var links = HtmlDom.Elements(element).Count(e => e.LocalName == "a");
        if (links < 3) return false;
        var text = HtmlDom.Text(element, 5000).Length;
        return text > 0 && HtmlDom.LinkTextLength(element) * 10 >= text * 7;
    }

    private static readonly HashSet<string> Inline = ["font", "span", "b", "strong", "em", "i", "u", "a", "small", "big", "sup", "sub", "label"];

    private static IElement? ByScore(IElement body)
    {
        var scores = new Dictionary<IElement, double>();
        foreach (var element in HtmlDom.Elements(body))
        {
            // Paragraph-like blocks give their text to the block that holds them (inline wrappers such as Word's
            // nested <font> are looked through), and half to that block's parent.
            if (element.LocalName is not ("p" or "pre" or "li" or "td" or "dd" or "blockquote" or "h1" or "h2" or "h3" or "h4")) continue;
            var length = HtmlDom.Text(element, 5000).Length;
            if (length < 20) continue;
            var parent = element.ParentElement;
            while (parent is not null && Inline.Contains(parent.LocalName)) parent = parent.ParentElement;
            if (parent is null) continue;
            scores[parent] = scores.GetValueOrDefault(parent) + length;
            if (parent.ParentElement is { } grand) scores[grand] = scores.GetValueOrDefault(grand) + length / 2.0;
        }
        IElement? best = null;
        var bestScore = 0.0;
        foreach (var (element, score) in scores)
        {
            if (score <= bestScore) continue;
            var text = HtmlDom.Text(element, 200_000).Length;
            var density = text == 0 ? 1 : (double)HtmlDom.LinkTextLength(element) / text;
            var adjusted = score * (1 - density);
            if (adjusted > bestScore) (best, bestScore) = (element, adjusted);
        }
        return best;
    }

    [GeneratedRegex(@"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumb|crumbs?|position|location|sidebar|side|footer|foot|share|bdshare|related|xgwz|xglj|xgxx|print|toolbar|tools|copyright|gotop|fenxiang|dyfx)(?:$|[\s_-])", RegexOptions.IgnoreCase)]
    private static partial Regex Chrome();
}
