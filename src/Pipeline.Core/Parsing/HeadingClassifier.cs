using System.Text.RegularExpressions;

namespace Pipeline.Core.Parsing;

/// <summary>The numbering a line starts with and what kind of section it opens.</summary>
/// <param name="Level">1 = 一、, 2 = (一)/（一）, 3 = 1./1、, 4 = (1)/（1）; chapters (第X章/第X部分) are 0 until shifted.</param>
/// <param name="Number">The numbering as written, e.g. "（二）".</param>
/// <param name="Rest">The text after the numbering.</param>
public readonly record struct NumberedLine(int Level, string Number, string Rest, bool IsChapter);

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
        if (text.Length < 2) return false;
        var match = Numbering().Match(text);
        if (!match.Success) return false;
        var level = match.Groups["chapter"].Success ? 0
            : match.Groups["l1"].Success ? 1
            : match.Groups["l2"].Success ? 2
            : match.Groups["l3"].Success ? 3
            : 4;
        var rest = text[match.Length..].TrimStart(' ', '\u3000', '\t');
        numbered = new NumberedLine(level, match.Value.TrimEnd(' ', '\u3000', '\t'), rest, level == 0);
        return true;
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
    public static bool TryClassifyHeading(string text, out NumberedLine heading) =>
        TryParseNumber(text, out heading) && IsHeadingText(heading.Rest);

    [GeneratedRegex(@"^(?:(?<chapter>第[一二三四五六七八九十百零〇\d]{1,4}[章部篇](?:分)?)[\s\u3000]*|(?<l1>[一二三四五六七八九十]{1,3}、)|(?<l2>[(（][一二三四五六七八九十]{1,3}[)）])|(?<l3>\d{1,2}[.、．](?!\d))|(?<l4>[(（]\d{1,2}[)）]))")]
    private static partial Regex Numbering();
}
