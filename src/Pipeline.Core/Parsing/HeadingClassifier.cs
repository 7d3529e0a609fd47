namespace Pipeline.Core.Parsing;

/// <summary>The numbering a line starts with and what kind of section it opens.</summary>
/// <param name="Level">1 = 一、, 2 = (一)/（一）, 3 = 1./1、, 4 = (1)/（1）; chapters (第X章/第X部分) are 0 until shifted.</param>
/// <param name="Number">The numbering as written, e.g. "（二）".</param>
/// <param name="Source">The whole line.</param>
/// <param name="RestStart">Where the text after the numbering starts in <paramref name="Source"/>.</param>
public readonly record struct NumberedLine(int Level, string Number, string Source, int RestStart, bool IsChapter)
{
    /// <summary>The text after the numbering (allocates; use <see cref="RestSpan"/> to inspect it).</summary>
    public string Rest => Source[RestStart..];

    public ReadOnlySpan<char> RestSpan => Source.AsSpan(RestStart);
}

/// <summary>
/// Recognises Chinese section numbering and decides whether a numbered line is a heading or a numbered sentence:
/// a heading is short and has no sentence punctuation ("一、概述", "(二)强化制度建设"), while
/// "(一)强化组织领导。围绕贯彻落实……" is a paragraph that merely starts with a number.
/// </summary>
public static class HeadingClassifier
{
    /// <summary>Longest text (after the numbering) that still reads as a heading.</summary>
    public const int MaxHeadingLength = 40;

    public static bool TryParseNumber(string text, out NumberedLine numbered)
    {
        numbered = default;
        if (!TryMatchNumber(text, out var level, out var numberLength)) return false;
        var restStart = numberLength;
        while (restStart < text.Length && text[restStart] is ' ' or '\u3000' or '\t') restStart++;
        numbered = new NumberedLine(level, text[..numberLength].TrimEnd(' ', '\u3000', '\t'), text, restStart, level == 0);
        return true;
    }

    /// <summary>
    /// Allocation-free: the numbering's level (0 = chapter) and length at the start of <paramref name="text"/>.
    /// Hand-written rather than a regex because it runs several times per line: 第X章/第X部分 (chapter),
    /// 一、 (1), (一)/（一） (2), 1./1、/1． not followed by a digit (3), (1)/（1） (4).
    /// </summary>
    public static bool TryMatchNumber(ReadOnlySpan<char> text, out int level, out int length)
    {
        (level, length) = (0, 0);
        if (text.Length < 2) return false;
        var c = text[0];
        if (c == '第')
        {
            var digits = CountWhile(text[1..], IsChapterNumeral, 4);
            if (digits == 0 || 1 + digits >= text.Length || text[1 + digits] is not ('章' or '部' or '篇')) return false;
            var end = 2 + digits;
            if (end < text.Length && text[end] == '分') end++;
            while (end < text.Length && text[end] is ' ' or '\u3000' or '\t') end++;
            (level, length) = (0, end);
            return true;
        }
        if (c is '(' or '（')
        {
            var chinese = CountWhile(text[1..], IsChineseNumeral, 3);
            var arabic = chinese == 0 ? CountWhile(text[1..], char.IsAsciiDigit, 2) : 0;
            var digits = chinese + arabic;
            if (digits == 0 || 1 + digits >= text.Length || text[1 + digits] is not (')' or '）')) return false;
            (level, length) = (chinese > 0 ? 2 : 4, 2 + digits);
            return true;
        }
        if (char.IsAsciiDigit(c) && DecimalOutline(text) is var (outlineLevel, outlineLength) && outlineLength > 0)
        {
            (level, length) = (outlineLevel, outlineLength);
            return true;
        }
        if (char.IsAsciiDigit(c))
        {
            var digits = CountWhile(text, char.IsAsciiDigit, 3);
            if (digits > 2 || digits >= text.Length || text[digits] is not ('.' or '、' or '．')) return false;
            if (digits + 1 < text.Length && char.IsAsciiDigit(text[digits + 1])) return false; // 1.5万 is a number
            (level, length) = (3, digits + 1);
            return true;
        }
        var numerals = CountWhile(text, IsChineseNumeral, 4);
        if (numerals is 0 or > 3 || numerals >= text.Length || text[numerals] != '、') return false;
        (level, length) = (1, numerals + 1);
        return true;
    }

    /// <summary>
    /// The decimal outline of plans and regulations, "1　总则", "2.1　工作机制", "3.2.1　启动条件": numbers joined by
    /// dots and followed by an ideographic space. The number of parts is the level. Not "1.5万" or "2019.10".
    /// </summary>
    private static (int Level, int Length) DecimalOutline(ReadOnlySpan<char> text)
    {
        var parts = 0;
        var at = 0;
        while (at < text.Length && parts < 4)
        {
            var digits = CountWhile(text[at..], char.IsAsciiDigit, 3);
            if (digits is 0 or > 2) return (0, 0);
            at += digits;
            parts++;
            if (at < text.Length && text[at] == '.') { at++; continue; }
            break;
        }
        if (at >= text.Length || text[at] != '\u3000') return (0, 0);
        while (at < text.Length && text[at] == '\u3000') at++;
        return (Math.Min(parts, 4), at);
    }

    private static int CountWhile(ReadOnlySpan<char> text, Func<char, bool> predicate, int max)
    {
        var n = 0;
        while (n < text.Length && n < max && predicate(text[n])) n++;
        return n;
    }

    private static bool IsChineseNumeral(char c) => c is '一' or '二' or '三' or '四' or '五' or '六' or '七' or '八' or '九' or '十';

    private static bool IsChapterNumeral(char c) => IsChineseNumeral(c) || c is '百' or '零' or '〇' || char.IsAsciiDigit(c);

    /// <summary>True when the text after a number is short and reads as a title, not as a sentence.</summary>
    public static bool IsHeadingText(ReadOnlySpan<char> rest)
    {
        rest = rest.Trim(" \u3000\t");
        if (rest.Length is 0 or > MaxHeadingLength) return false;
        if (rest.IndexOfAny("。；;！!？?") >= 0) return false;
        if (rest[^1] is '，' or ',' or '：' or ':' or '、' or '|') return false;
        // A run of digits is a statistic ("1.5万"), not a heading.
        if (char.IsAsciiDigit(rest[0]) && !YearLead(rest) || rest[0] is '%' or '.' or '．') return false;
        return true;
    }

    /// <summary>
    /// A top-level section written as a whole short line that ends with 。 or ：("一、关于地方电网建设资金问题。",
    /// "一、元旦：") still heads its section; lower levels ending so are numbered sentences.
    /// </summary>
    private static bool IsRunInSectionLine(ReadOnlySpan<char> rest)
    {
        rest = rest.Trim(" \u3000\t");
        // A comma or a colon inside makes it a sentence ("一、取消三等奖，一等奖奖金提高至20万元。").
        return rest.Length >= 2 && rest[^1] is '。' or '：' or ':' && IsHeadingText(rest[..^1]) && rest[..^1].IndexOfAny("，,：:") < 0;
    }

    /// <summary>"2014年政府信息公开工作情况": a year that opens a title, not a statistic.</summary>
    public static bool YearLead(ReadOnlySpan<char> rest) =>
        rest.Length > 5 && rest[..4].IndexOfAnyExceptInRange('0', '9') < 0 && rest[4] == '年' && !char.IsAsciiDigit(rest[5])
        && rest.IndexOfAny("，,") < 0; // "2018年,平凉市各县共计收到申请30件" is a sentence


    /// <summary>Classifies a line as a heading; false for unnumbered lines and numbered sentences.</summary>
    public static bool TryClassifyHeading(string text, out NumberedLine heading)
    {
        heading = default;
        if (!TryMatchNumber(text, out var level, out var length)) return false;
        if (!IsHeadingText(text.AsSpan(length)) && !(level is 0 or 1 && IsRunInSectionLine(text.AsSpan(length)))) return false;
        // "一、本年新收政府信息公开申请数量" is a row of the template's statistics table, not a section.
        if (AnnualReportVocabulary.IsTableRowLabel(text.AsSpan(length))) return false;
        return TryParseNumber(text, out heading);
    }
}
