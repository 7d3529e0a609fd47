using System.Buffers;
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

        // Cleaning asks this of nearly every line, and nearly every line holds none of the fields: each regex runs only
        // on a line holding the words it needs (its lookbehind keeps the regex from searching for them cheaply itself).
        if (MayHoldDate(result) && DateField().Match(result) is { Success: true } date)
        {
            pageDate = date.Groups["date"].Value;
            result = Cut(result, date, removed);
        }
        if (result.Contains("来源", StringComparison.Ordinal) && SourceField().Match(result) is { Success: true } from)
        {
            if (from.Groups["source"].Value is { Length: >= 2 } name) source = name;
            result = Cut(result, from, removed);
        }
        if (result.Contains("位置", StringComparison.Ordinal) && Breadcrumb().Match(result) is { Success: true } breadcrumb)
            result = Cut(result, breadcrumb, removed);
        if (MayHoldCounterOrFont(result) && CounterOrFont().Match(result) is { Success: true } counter)
            result = Cut(result, counter, removed);
        return RemoveToolbarTokens(result, removed);
    }

    private static bool MayHoldDate(string text) =>
        text.Contains("时间", StringComparison.Ordinal) || text.Contains("日期", StringComparison.Ordinal);

    /// <summary>The words <see cref="CounterOrFont"/> needs: 次数, 点击数, 访问量, or 字 before 体/号 (spaces between allowed).</summary>
    private static bool MayHoldCounterOrFont(string text)
    {
        if (text.Contains("次数", StringComparison.Ordinal) || text.Contains("点击数", StringComparison.Ordinal) || text.Contains("访问量", StringComparison.Ordinal))
            return true;
        for (var at = text.IndexOf('字'); at >= 0; at = text.IndexOf('字', at + 1))
        {
            var next = at + 1;
            while (next < text.Length && char.IsWhiteSpace(text[next])) next++; // what the regex's \s matches
            if (next < text.Length && text[next] is '体' or '号') return true;
        }
        return false;
    }

    private static string Cut(string text, Match match, List<string> removed)
    {
        removed.Add(match.Value.Trim());
        return string.Concat(text.AsSpan(0, match.Index), " ", text.AsSpan(match.Index + match.Length));
    }

    // Built once: a collection expression here allocated and filled a new array on every line.
    private static readonly char[] TokenSeparators = [' ', '\u3000', '\t'];
    private static readonly SearchValues<char> TokenSeparatorValues = SearchValues.Create(TokenSeparators);

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StrongLookup = StrongTokens.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> WeakLookup = WeakTokens.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly int LongestToken = StrongTokens.Concat(WeakTokens).Max(t => t.Length);

    /// <summary>
    /// Whether any space-separated token is a toolbar word, read as spans: most lines hold none, and splitting every
    /// line into strings only to find that out was most of what cleaning allocated.
    /// </summary>
    private static bool HasToolbarToken(ReadOnlySpan<char> rest)
    {
        while (true)
        {
            var start = rest.IndexOfAnyExcept(TokenSeparatorValues);
            if (start < 0) return false;
            rest = rest[start..];
            var end = rest.IndexOfAny(TokenSeparatorValues);
            var token = end < 0 ? rest : rest[..end];
            if (token.Length <= LongestToken && (StrongLookup.Contains(token) || WeakLookup.Contains(token))) return true;
            if (end < 0) return false;
            rest = rest[end..];
        }
    }

    /// <summary>Space-separated tokens: strong toolbar words alone, weak ones in runs of two or more.</summary>
    private static string RemoveToolbarTokens(string text, List<string> removed)
    {
        if (!HasToolbarToken(text)) return text;
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
