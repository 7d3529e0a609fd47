using System.Buffers;
using System.Text.RegularExpressions;
using Pipeline.Core.Decoding;

namespace Pipeline.Core.Cleaning;

/// <summary>A "时间: 2022-12-30 11:25" line the cleaner removed as page chrome, kept as evidence of the release date.</summary>
public readonly record struct PageDate(int LineNumber, string DateText);

/// <summary>A "来源: 某某县人民政府办公室" line the cleaner removed as page chrome, kept as evidence of the publisher.</summary>
public readonly record struct PageSource(int LineNumber, string Name);

/// <summary>The report's own lines, what was removed and why, and page dates and sources worth keeping for metadata.</summary>
public sealed record CleanResult(
    IReadOnlyList<SourceLine> Lines,
    IReadOnlyList<RemovedLine> Removed,
    IReadOnlyList<PageDate> PageDates)
{
    public IReadOnlyList<PageSource> PageSources { get; init; } = [];
}

/// <summary>
/// Removes what a web scraper copied along with the report: toolbars (字体 [ ] [ ] [ ], 收藏, 分享), "scan to open
/// on your phone" prompts, breadcrumbs, site banners, search boxes, recommendation lists, copyright/ICP footers, source
/// lines, stray table separators, and a second copy of the whole body. Blank lines are dropped (the parser treats each
/// line as a block). Every rule matches a whole, short line, so real content that merely mentions 收藏 or 分享 stays.
/// </summary>
public static partial class LineCleaner
{
    /// <summary>Chrome lines are short; a long line is content even if it starts like chrome.</summary>
    private const int MaxChromeLength = 120;

    /// <summary>Longest line that can be a toolbar ("【打印本页】 【关闭窗口】", "字号:大 中 小").</summary>
    private const int MaxToolbarLength = 40;

    /// <summary>
    /// First characters of the chrome rules anchored at the start of a line (时间:, 字体, 当前位置, 热门搜索, 来源:,
    /// 九九文秘网 - www…). A line starting with none of them only needs the few rules that match anywhere.
    /// </summary>
    private static readonly SearchValues<char> AnchoredRuleStarts = SearchValues.Create("时发日字浏点访阅扫手微用当您你所热站搜推相猜上下来信文主承技网联");

    /// <summary>
    /// Words of the rules that match anywhere in a short line (copyright/ICP footers, site banners, share prompts).
    /// Chinese words are matched ordinally (they have no case); only the Latin ones ignore case.
    /// </summary>
    private static readonly string[] UnanchoredChineseKeywords = ["版权所有", "©", "公网安备", "网站标识码", "扫一扫"];
    private static readonly string[] UnanchoredLatinKeywords = ["copyright", "icp", "www.", "http"];

    private static readonly HashSet<string> ToolbarWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "收藏", "分享", "分享到", "打印", "打印本页", "打印此页", "关闭", "关闭窗口", "关闭本页", "返回顶部", "回到顶部",
        "顶部", "top", "保存", "保存本页", "纠错", "我要纠错", "字号", "大", "中", "小", "默认", "加入收藏", "微信", "微博",
        "qq空间", "返回", "返回首页", "首页", "上一页", "下一页", "朗读", "听全文", "简", "繁", "无障碍",
    };

    public static CleanResult Clean(IReadOnlyList<SourceLine> lines)
    {
        var kept = new List<SourceLine>(lines.Count);
        var removed = new List<RemovedLine>();
        var pageDates = new List<PageDate>();
        var pageSources = new List<PageSource>();
        var pieces = new List<string>(); // what inline chrome takes out of one line: one list, cleared per line

        var inComment = false;
        foreach (var line in lines)
        {
            if (line.IsTable)
            {
                kept.Add(line);
                continue;
            }
            var raw = line.Text;
            // An HTML comment that spans lines ("<!--<div …" … "</div>-->") hides everything up to its end.
            if (inComment || raw.Contains("<!--", StringComparison.Ordinal))
            {
                raw = SkipComments(raw, ref inComment);
                if (raw.Length != line.Text.Length) removed.Add(new RemovedLine(line.Number, line.Text.Trim(), "markup"));
            }
            var text = MarkdownMarks.Strip(Normalize(raw), out var markedLevel);
            if (text.Length > MaxChromeLength) text = StripInlineChrome(line.Number, text, pieces, removed, pageDates, pageSources);
            if (text.Length == 0) continue;

            // "-3-" is a page number, not a bullet before "3-": tested before bullets are stripped.
            string? pageDate = null;
            var reason = PageNumber().IsMatch(text) ? "page-number" : ChromeReason(StripBullet(text), out pageDate);
            if (reason is null && text.Length <= MaxChromeLength)
            {
                // A short line can hold several chrome fields ("时间：2021-01-27 16:05  来源：某局", "【字体：大 中 小】 打印本页 关闭窗口").
                text = StripInlineChrome(line.Number, text, pieces, removed, pageDates, pageSources);
                if (text.Length == 0) continue;
            }
            if (reason is null)
            {
                kept.Add(line with { Text = text, MarkedHeadingLevel = Math.Max(markedLevel, line.MarkedHeadingLevel) });
                continue;
            }
            removed.Add(new RemovedLine(line.Number, text, reason));
            if (pageDate is not null) pageDates.Add(new PageDate(line.Number, pageDate));
            if (reason == "source-line" && SourceName(text) is { } source) pageSources.Add(new PageSource(line.Number, source));
        }

        RemoveTableOfContents(kept, removed);
        RemoveStraySeparators(kept, removed);
        RemoveDuplicatedBody(kept, removed);
        removed.Sort((a, b) => a.LineNumber.CompareTo(b.LineNumber));
        return new CleanResult(kept, removed, pageDates) { PageSources = pageSources };
    }

    /// <summary>
    /// Removes markup copied along with the text (<see cref="MarkupStripper"/>) and trims ordinary, full-width and
    /// zero-width spaces; returns the same instance when nothing changes.
    /// </summary>
    public static string Normalize(string text)
    {
        text = MarkupStripper.Strip(text);
        var span = text.AsSpan().Trim(" \t\u3000\u00A0\u200B\uFEFF\f\v");
        return span.Length == text.Length ? text : span.ToString();
    }

    private static string StripInlineChrome(int lineNumber, string text, List<string> pieces, List<RemovedLine> removed, List<PageDate> pageDates, List<PageSource> pageSources)
    {
        pieces.Clear();
        var stripped = InlineChrome.Strip(text, pieces, out var pageDate, out var source);
        if (pieces.Count == 0) return text;
        foreach (var piece in pieces) removed.Add(new RemovedLine(lineNumber, piece, "inline-chrome"));
        if (pageDate is not null) pageDates.Add(new PageDate(lineNumber, pageDate));
        if (source is not null && Parsing.BlockParser.IsOrganisation(source)) pageSources.Add(new PageSource(lineNumber, source));
        return Normalize(stripped);
    }

    /// <summary>The text of a line outside HTML comments, carrying an open comment over to the next line.</summary>
    private static string SkipComments(string text, ref bool inComment)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        var at = 0;
        while (at < text.Length)
        {
            if (inComment)
            {
                var end = text.IndexOf("-->", at, StringComparison.Ordinal);
                if (end < 0) return sb.ToString();
                at = end + 3;
                inComment = false;
                continue;
            }
            var start = text.IndexOf("<!--", at, StringComparison.Ordinal);
            if (start < 0)
            {
                sb.Append(text, at, text.Length - at);
                break;
            }
            sb.Append(text, at, start - at);
            at = start + 4;
            inComment = true;
        }
        return sb.ToString();
    }

    /// <summary>The office a 来源: line names, when it names one (not a newspaper or a site).</summary>
    private static string? SourceName(string text)
    {
        var match = SourceLine().Match(text);
        var name = match.Groups["source"].Value.Trim();
        return name.Length >= 2 && Parsing.BlockParser.IsOrganisation(name) ? name : null;
    }

    private static string StripBullet(string text)
    {
        var span = text.AsSpan();
        while (span.Length > 0 && span[0] is '•' or '·' or '●' or '▪' or '■' or '◆' or '►' or '*' or '-' or '–')
            span = span[1..].TrimStart(" \t\u3000");
        return span.Length == text.Length ? text : span.ToString();
    }

    /// <summary>The removal reason (a stable short code) when a line is page chrome, else null.</summary>
    public static string? ChromeReason(string text, out string? pageDate)
    {
        pageDate = null;
        if (text.Length > MaxChromeLength) return null;
        // A line ending in a pipe is a cell of a flattened table, never page chrome.
        if (text.Length == 0 || text[^1] is '|' or '｜') return null;
        if (PageNumber().IsMatch(text)) return "page-number";
        if (ArchiverMarker().IsMatch(text) || ArchiverNote().IsMatch(text)) return "archiver-marker";
        if (MayBeContentsLine(text) && TableOfContents().IsMatch(text)) return "table-of-contents";
        if (IsArrowBreadcrumb(text)) return "breadcrumb";
        if (!AnchoredRuleStarts.Contains(text[0]) && !HasUnanchoredKeyword(text))
            return IsToolbar(text) ? "page-toolbar" : null;

        var date = PageDateLine().Match(text);
        if (date.Success)
        {
            pageDate = date.Groups["date"].Value;
            return "page-date";
        }
        if (FontToolbar().IsMatch(text) || IsToolbar(text) || CounterLine().IsMatch(text)) return "page-toolbar";
        if (text.Contains("扫一扫在手机打开当前页", StringComparison.Ordinal) || SharePrompt().IsMatch(text)) return "share-prompt";
        if (Breadcrumb().IsMatch(text)) return "breadcrumb";
        if (SiteSearch().IsMatch(text)) return "site-search";
        if (Recommendations().IsMatch(text)) return "recommendations";
        if (CopyrightFooter().IsMatch(text)) return "copyright-footer";
        if (SiteBanner().IsMatch(text) || (BareUrl().IsMatch(text) && Weekday().IsMatch(text))) return "site-banner";
        if (SourceLine().IsMatch(text)) return "source-line";
        return null;
    }

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ToolbarLookup = ToolbarWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly SearchValues<char> ToolbarSeparators = SearchValues.Create(" \t\u3000[]【】()（）:：|/丨");

    /// <summary>True when every token of a short line is a toolbar word (收藏, 分享, 打印本页, 关闭窗口, Top...).</summary>
    private static bool HasUnanchoredKeyword(string text)
    {
        foreach (var keyword in UnanchoredChineseKeywords)
            if (text.Contains(keyword, StringComparison.Ordinal)) return true;
        foreach (var keyword in UnanchoredLatinKeywords)
            if (text.Contains(keyword, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static bool IsToolbar(string text)
    {
        if (text.Length > MaxToolbarLength) return false;
        var rest = text.AsSpan();
        int tokens = 0, longest = 0;
        while (true)
        {
            var start = rest.IndexOfAnyExcept(ToolbarSeparators);
            if (start < 0) break;
            rest = rest[start..];
            var end = rest.IndexOfAny(ToolbarSeparators);
            var token = end < 0 ? rest : rest[..end];
            if (!ToolbarLookup.Contains(token)) return false;
            tokens++;
            longest = Math.Max(longest, token.Length);
            if (end < 0) break;
            rest = rest[end..];
        }
        // A lone 大/中/小 or 首页 is too ambiguous to call chrome; toolbars have a real toolbar word.
        return tokens > 1 || tokens == 1 && longest > 1 && !text.AsSpan().Trim().SequenceEqual("首页");
    }

    private static readonly SearchValues<char> BreadcrumbArrows = SearchValues.Create(">»＞›→");

    private static readonly char[] BreadcrumbSeparators = ['>', '»', '＞', '›', '→'];

    /// <summary>
    /// "某某区人民政府门户网站首页 > 政务公开 > 年度报告": short segments joined by arrows, at least two arrows, or one
    /// arrow after a segment naming the site's front page. A sentence with "&gt;" in it has punctuation or long parts.
    /// </summary>
    private static bool IsArrowBreadcrumb(string text)
    {
        if (text.AsSpan().IndexOfAny(BreadcrumbArrows) < 0) return false;
        var segments = text.Split(BreadcrumbSeparators, StringSplitOptions.TrimEntries);
        if (segments.Length < 2 || segments.Any(s => s.Length is 0 or > 30 || s.AsSpan().IndexOfAny("。，,；;！？") >= 0)) return false;
        return segments.Length >= 3 || segments[0].EndsWith("首页", StringComparison.Ordinal) || segments[0].Contains("位置", StringComparison.Ordinal);
    }

    /// <summary>
    /// The entries under a "目 录" line ("1　总则", "2　组织体系", "一、部门主要职能 3"): numbered short lines up to the
    /// first that is not one, or up to the first entry's second appearance, where the body starts. A page has its own
    /// outline; a copy of the document's table of contents on it would list every heading twice.
    /// </summary>
    private static void RemoveTableOfContents(List<SourceLine> kept, List<RemovedLine> removed)
    {
        var heading = removed.FirstOrDefault(r => r.Reason == "table-of-contents" && TableOfContentsHeading().IsMatch(r.Text));
        if (heading is null) return;
        var start = kept.FindIndex(l => l.Number > heading.LineNumber);
        if (start < 0) return;
        var end = start;
        while (end < kept.Count && IsContentsEntry(kept[end]) && (end == start || !SameText(kept[end], kept[start]))) end++;
        if (end - start < 2) return;
        for (var i = start; i < end; i++) removed.Add(new RemovedLine(kept[i].Number, kept[i].Text, "table-of-contents"));
        kept.RemoveRange(start, end - start);
    }

    private static bool IsContentsEntry(SourceLine line) =>
        !line.IsTable && line.Text.Length <= 40 && line.Text.AsSpan().IndexOfAny("。；;") < 0
        && (Parsing.HeadingClassifier.TryMatchNumber(line.Text, out _, out _) || char.IsAsciiDigit(line.Text[^1]));

    /// <summary>What <see cref="TableOfContents"/> needs: 目 first, or a run of dot leaders (its lazy label is costly on every line).</summary>
    private static bool MayBeContentsLine(string text) =>
        text[0] == '目' || text.Contains("……", StringComparison.Ordinal) || text.Contains(".....", StringComparison.Ordinal)
        || text.Contains("·····", StringComparison.Ordinal) || text.Contains("------", StringComparison.Ordinal);

    [GeneratedRegex(@"^目\s*录$")]
    private static partial Regex TableOfContentsHeading();

    /// <summary>A line of only '|' is a row separator inside a flattened table, and stray anywhere else.</summary>
    private static void RemoveStraySeparators(List<SourceLine> kept, List<RemovedLine> removed)
    {
        for (var i = kept.Count - 1; i >= 0; i--)
        {
            if (kept[i].IsTable || !IsPipeOnly(kept[i].Text)) continue;
            var previousIsRow = i > 0 && !kept[i - 1].IsTable && kept[i - 1].Text.EndsWith('|');
            var nextIsRow = i + 1 < kept.Count && !kept[i + 1].IsTable && kept[i + 1].Text.EndsWith('|') && !IsPipeOnly(kept[i + 1].Text);
            if (previousIsRow || nextIsRow) continue;
            removed.Add(new RemovedLine(kept[i].Number, kept[i].Text, "stray-separator"));
            kept.RemoveAt(i);
        }
    }

    public static bool IsPipeOnly(string text)
    {
        if (text.Length == 0) return false;
        foreach (var c in text)
            if (c is not ('|' or '｜' or ' ' or '\u3000')) return false;
        return true;
    }

    /// <summary>
    /// Scrapers sometimes capture a page twice: the title and body, then the title and body again. When the tail of
    /// the document repeats the lines from one of its first lines onwards, and the repeat covers most of the first
    /// copy, the second copy is removed (whitespace differences ignored).
    /// </summary>
    private static void RemoveDuplicatedBody(List<SourceLine> kept, List<RemovedLine> removed)
    {
        const int minRepeatedLines = 3;
        for (var anchor = 0; anchor < Math.Min(3, kept.Count); anchor++)
        {
            if (kept[anchor].IsTable || kept[anchor].Text.Length < 4) continue;
            for (var start = anchor + 1; start < kept.Count; start++)
            {
                if (!SameText(kept[start], kept[anchor])) continue;
                var length = 0;
                while (start + length < kept.Count && anchor + length < start && SameText(kept[start + length], kept[anchor + length]))
                    length++;
                var firstCopyLength = start - anchor;
                if (length < minRepeatedLines || length * 5 < firstCopyLength * 4) continue;

                for (var i = start; i < start + length; i++)
                    removed.Add(new RemovedLine(kept[i].Number, kept[i].Text, "duplicate-body"));
                kept.RemoveRange(start, length);
                return;
            }
        }
    }

    private static bool SameText(SourceLine a, SourceLine b)
    {
        if (a.IsTable || b.IsTable) return false;
        if (string.Equals(a.Text, b.Text, StringComparison.Ordinal)) return true;
        var x = a.Text.AsSpan();
        var y = b.Text.AsSpan();
        int i = 0, j = 0;
        while (true)
        {
            while (i < x.Length && char.IsWhiteSpace(x[i])) i++;
            while (j < y.Length && char.IsWhiteSpace(y[j])) j++;
            if (i == x.Length || j == y.Length) return i == x.Length && j == y.Length;
            if (x[i++] != y[j++]) return false;
        }
    }

    [GeneratedRegex(@"^(?:发布)?(?:时间|日期)\s*[:：]\s*(?<date>\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")]
    private static partial Regex PageDateLine();

    [GeneratedRegex(@"^字\s*体\s*[:：]?\s*(?:[\[【(（]\s*[大中小]?\s*[\]】)）]\s*)*$")]
    private static partial Regex FontToolbar();

    [GeneratedRegex(@"^(?:浏览次数|点击次数|点击数|访问量|阅读次数|阅读数|访问次数)\s*[:：]\s*\d*\s*(?:次)?$")]
    private static partial Regex CounterLine();

    [GeneratedRegex(@"^(?:扫一扫|手机扫一扫|扫描二维码|用手机扫描二维码|微信扫一扫)")]
    private static partial Regex SharePrompt();

    // "当前位置:首页 > 政务公开" or "当前位置 首页 >…"; a sentence that starts with 当前位置偏远的… has neither colon nor arrows.
    [GeneratedRegex(@"^(?:当前位置|您的位置|你的位置|您现在的位置|您当前的位置|所在位置)\s*(?:[:：]|(?=.*(?:>|»|＞|›|首页)))")]
    private static partial Regex Breadcrumb();

    [GeneratedRegex(@"^(?:热门搜索|热搜|站内搜索|搜索)\s*[:：]?")]
    private static partial Regex SiteSearch();

    [GeneratedRegex(@"^(?:推荐访问|相关阅读|相关文章|相关链接|猜你喜欢|热门文章|热门推荐|上一篇|下一篇)\s*[:：]?")]
    private static partial Regex Recommendations();

    [GeneratedRegex(@"版权所有|Copyright|©|ICP\s*备|ICP\s*证|公网安备|网站标识码|^(?:主办单位|承办单位|技术支持|网站地图|联系我们)\s*[:：]?", RegexOptions.IgnoreCase)]
    private static partial Regex CopyrightFooter();

    [GeneratedRegex(@"^\S{1,20}网\s*[-–—|]\s*(?:https?://)?www\.", RegexOptions.IgnoreCase)]
    private static partial Regex SiteBanner();

    [GeneratedRegex(@"(?:https?://|www\.)[\w-]+(?:\.[\w-]+)+", RegexOptions.IgnoreCase)]
    private static partial Regex BareUrl();

    [GeneratedRegex(@"星期[一二三四五六日天]|周[一二三四五六日]")]
    private static partial Regex Weekday();

    // — 1 —, - 2 -, －3－, 第1页 共7页, 第 2 页, 共7页 第1页, 1/7, Page 3 of 9: a PDF's running footer; -- 1 of 29 -- and
    // -- PAGE_BREAK --: the page markers PDF text extractors (pdf.js, pdf-parse) write between pages.
    [GeneratedRegex(@"^(?:[-—–－―]{1,2}\s*\d{1,3}\s*[-—–－―]{1,2}|第\s*\d{1,3}\s*页(?:\s*[,，/、]?\s*共\s*\d{1,3}\s*页)?|共\s*\d{1,3}\s*页\s*[,，]?\s*第\s*\d{1,3}\s*页|\d{1,3}\s*/\s*\d{1,3}|(?i:page)\s*\d{1,3}(?:\s*(?i:of)\s*\d{1,3})?|-{2}\s*(?:PAGE_BREAK|\d{1,3}\s*(?i:of)\s*\d{1,3})\s*-{2})$")]
    private static partial Regex PageNumber();

    // ==== 正文 ====, ----, ****, a lone 正文 / 全文 / 原文 / 正文内容 line an archiver or PDF export puts above the text.
    [GeneratedRegex(@"^(?:[=\-*#~_—]{3,}\s*(?:正\s*文|全\s*文|原\s*文|内\s*容|附\s*件)?\s*[=\-*#~_—]*|正\s*文(?:内容)?|全\s*文|原\s*文|\[?正文\]?)$")]
    private static partial Regex ArchiverMarker();

    // "目 录", and its entries: "一、部门主要职能 ………… 3" (dot leaders, an optional page number). The page has its own.
    [GeneratedRegex(@"^(?:目\s*录|.{1,80}?(?:…{2,}|\.{5,}|·{5,}|-{6,})\s*\d{0,3})$")]
    private static partial Regex TableOfContents();

    // An archiver's note about files it saved beside the text: "页面链接与图片详见 links.tsv(同目录)".
    [GeneratedRegex(@"^(?:页面链接|链接与图片|图片与链接|附件与图片|页面附件)\S{0,12}(?:详见|见)\s*\S+\.(?:tsv|csv|json|txt|html?)")]
    private static partial Regex ArchiverNote();

    [GeneratedRegex(@"^(?:来源|信息来源|文章来源)\s*[:：]\s*(?<source>\S{0,30})(?:\s+(?:发布时间|时间|作者|浏览次数|点击数?|阅读|字号)\s*[:：].*)?$")]
    private static partial Regex SourceLine();
}
