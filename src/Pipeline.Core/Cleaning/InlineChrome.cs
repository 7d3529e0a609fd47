using System.Text;
using System.Text.RegularExpressions;

namespace Pipeline.Core.Cleaning;

/// <summary>
/// A page saved as ONE line carries its chrome inside that line: "当前位置： 首页政务公开… 标题 来源：某某 时间：2014-02-25
/// 00:00 微信 微博 QQ空间 全真版 文字版 文件下载 相关链接： --> 标题 正文… 附件下载". Line rules cannot see it, so this takes
/// out, from long lines only, the pieces that are chrome wherever they stand: a breadcrumb after 当前位置, the
/// 来源:/时间: fields (kept as evidence of publisher and release date), font-size and counter fields, and runs of
/// toolbar words standing alone between spaces. Content words are safe: Chinese prose has no spaces around them.
/// </summary>
public static partial class InlineChrome
{
    /// <summary>Toolbar words that are chrome even alone when they stand between spaces in a long line.</summary>
    private static readonly HashSet<string> StrongTokens = new(StringComparer.OrdinalIgnoreCase)
    {
        "QQ空间", "全真版", "文字版", "文件下载", "附件下载", "打印本页", "打印此页", "关闭窗口", "关闭本页", "-->", "<!--",
        "相关链接：", "相关链接:", "【打印】", "【关闭】", "[打印]", "[关闭]", "返回顶部", "分享到：", "分享到:", "扫一扫在手机打开当前页",
    };

    /// <summary>Words that are chrome when two or more stand together (微信 微博, 打印 关闭).</summary>
    private static readonly HashSet<string> WeakTokens = new(StringComparer.OrdinalIgnoreCase)
    {
        "微信", "微博", "QQ", "收藏", "分享", "打印", "关闭", "分享到", "字号", "大", "中", "小", "默认", "纠错", "我要纠错",
    };

    /// <summary>The line without its chrome; what was taken out, and any page date or source it named.</summary>
    public static string Strip(string text, List<string> removed, out string? pageDate, out string? source)
    {
        pageDate = null;
        source = null;
        var result = text;

        var date = DateField().Match(result);
        if (date.Success)
        {
            pageDate = date.Groups["date"].Value;
            result = Cut(result, date, removed);
        }
        var from = SourceField().Match(result);
        if (from.Success)
        {
            if (from.Groups["source"].Value is { Length: >= 2 } name) source = name;
            result = Cut(result, from, removed);
        }
        foreach (var pattern in (ReadOnlySpan<Regex>)[Breadcrumb(), CounterOrFont()])
        {
            var match = pattern.Match(result);
            if (match.Success) result = Cut(result, match, removed);
        }
        return RemoveToolbarTokens(result, removed);
    }

    private static string Cut(string text, Match match, List<string> removed)
    {
        removed.Add(match.Value.Trim());
        return string.Concat(text.AsSpan(0, match.Index), " ", text.AsSpan(match.Index + match.Length));
    }

    // Built once: a collection expression here allocated and filled a new array on every line.
    private static readonly char[] TokenSeparators = [' ', '\u3000', '\t'];

    /// <summary>Space-separated tokens: strong toolbar words alone, weak ones in runs of two or more.</summary>
    private static string RemoveToolbarTokens(string text, List<string> removed)
    {
        var tokens = text.Split(TokenSeparators, StringSplitOptions.RemoveEmptyEntries);
        var drop = new bool[tokens.Length];
        var any = false;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (StrongTokens.Contains(tokens[i])) { drop[i] = any = true; continue; }
            if (!WeakTokens.Contains(tokens[i])) continue;
            var end = i;
            while (end < tokens.Length && (WeakTokens.Contains(tokens[end]) || StrongTokens.Contains(tokens[end]))) end++;
            if (end - i >= 2)
            {
                for (var j = i; j < end; j++) drop[j] = true;
                any = true;
            }
        }
        if (!any) return text;

        var sb = new StringBuilder(text.Length);
        var kept = new List<string>();
        for (var i = 0; i < tokens.Length; i++)
        {
            if (drop[i]) removed.Add(tokens[i]);
            else kept.Add(tokens[i]);
        }
        return string.Join(' ', kept);
    }

    [GeneratedRegex(@"(?<=^|\s)(?:发布)?(?:时间|日期)\s*[:：]\s*(?<date>(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?=\s|$)")]
    private static partial Regex DateField();

    [GeneratedRegex(@"(?<=^|\s)(?:信息|文章)?来源\s*[:：]\s*(?:(?<source>[^\s:：]{1,30})(?=\s|$))?")]
    private static partial Regex SourceField();

    [GeneratedRegex(@"(?<=^|\s)(?:当前位置|您的位置|你的位置|您现在的位置|您当前的位置|所在位置)\s*[:：]\s*\S+(?:\s*[>»＞›]\s*\S+)*")]
    private static partial Regex Breadcrumb();

    [GeneratedRegex(@"(?<=^|\s)(?:(?:浏览次数|点击次数|点击数|阅读次数|访问量)\s*[:：]\s*\d*\s*次?|[【\[]?\s*字\s*[体号]\s*[:：]?\s*(?:[大中小]\s*){2,3}[】\]]?)(?=\s|$)")]
    private static partial Regex CounterOrFont();
}
