using System.Text.RegularExpressions;

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
public static partial class HeadingClassifier
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

    /// <summary>Allocation-free: the numbering's level (0 = chapter) and length at the start of <paramref name="text"/>.</summary>
    public static bool TryMatchNumber(ReadOnlySpan<char> text, out int level, out int length)
    {
        (level, length) = (0, 0);
        if (text.Length < 2) return false;
        foreach (var match in Numbering().EnumerateMatches(text))
        {
            length = match.Length;
            level = text[0] switch
            {
                '第' => 0,
                '(' or '（' => char.IsAsciiDigit(text[1]) ? 4 : 2,
                _ when char.IsAsciiDigit(text[0]) => 3,
                _ => 1,
            };
            return true;
        }
        return false;
    }

    /// <summary>True when the text after a number is short and reads as a title, not as a sentence.</summary>
    public static bool IsHeadingText(ReadOnlySpan<char> rest)
    {
        rest = rest.Trim(" \u3000\t");
        if (rest.Length is 0 or > MaxHeadingLength) return false;
        if (rest.IndexOfAny("。；;！!？?") >= 0) return false;
        if (rest[^1] is '，' or ',' or '：' or ':' or '、' or '|') return false;
        // A run of digits is a statistic ("1.5万"), not a heading.
        if (char.IsAsciiDigit(rest[0]) || rest[0] is '%' or '.' or '．') return false;
        return true;
    }

    /// <summary>Classifies a line as a heading; false for unnumbered lines and numbered sentences.</summary>
    public static bool TryClassifyHeading(string text, out NumberedLine heading)
    {
        heading = default;
        if (!TryMatchNumber(text, out _, out var length) || !IsHeadingText(text.AsSpan(length))) return false;
        return TryParseNumber(text, out heading);
    }

    [GeneratedRegex(@"^(?:第[一二三四五六七八九十百零〇\d]{1,4}[章部篇](?:分)?[\s\u3000]*|[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.、．](?!\d)|[(（]\d{1,2}[)）])")]
    private static partial Regex Numbering();
}
