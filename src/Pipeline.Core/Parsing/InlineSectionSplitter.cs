using System.Text.RegularExpressions;
using Pipeline.Core.Decoding;

namespace Pipeline.Core.Parsing;

/// <summary>
/// Some uploads hold the whole body on ONE line with the section numbers inline
/// ("…总结如下。 一、工作概述 2018年,我局… (一)围绕… 1.推进…"). This pass splits such a line before each inline
/// numbering (一、 / (一) / 1. / 1、 / (1)) that starts a heading-like segment, and separates a short heading from the
/// sentence that follows it after a space. Ordinary lines are returned unchanged.
/// </summary>
public static partial class InlineSectionSplitter
{
    /// <summary>Only long lines are candidates: a one-line body is hundreds of characters.</summary>
    public const int MinLineLength = 120;

    public static void SplitInto(SourceLine line, List<SourceLine> output)
    {
        var text = line.Text;
        if (line.IsTable || text.Length < MinLineLength)
        {
            output.Add(line);
            return;
        }

        var start = 0;
        foreach (var boundary in InlineNumbering().EnumerateMatches(text))
        {
            var segmentStart = boundary.Index + boundary.Length;
            if (!StartsHeadingLikeSegment(text.AsSpan(segmentStart))) continue;
            AddSegment(line, text[start..boundary.Index], output);
            start = segmentStart;
        }
        AddSegment(line, text[start..], output);
    }

    private static void AddSegment(SourceLine line, string segment, List<SourceLine> output)
    {
        segment = segment.Trim(' ', '\u3000', '\t');
        if (segment.Length == 0) return;
        // "一、工作概述 2018年,我局…": the heading ends at the first space when what precedes it reads as a heading.
        if (HeadingClassifier.TryParseNumber(segment, out var numbered))
        {
            var space = numbered.RestSpan.IndexOfAny(" \u3000\t");
            if (space > 0 && HeadingClassifier.IsHeadingText(numbered.RestSpan[..space]))
            {
                output.Add(line with { Text = numbered.Number + numbered.RestSpan[..space].ToString() });
                var body = segment.AsSpan(numbered.RestStart + space + 1).Trim(" \u3000\t").ToString();
                if (body.Length > 0) output.Add(line with { Text = body });
                return;
            }
        }
        output.Add(line with { Text = segment });
    }

    /// <summary>The words after an inline number must read like a heading: 2..40 chars up to the first stop.</summary>
    private static bool StartsHeadingLikeSegment(ReadOnlySpan<char> afterSpace)
    {
        if (!HeadingClassifier.TryMatchNumber(afterSpace, out _, out var numberLength)) return false;
        var rest = afterSpace[numberLength..].TrimStart(" \u3000\t");
        // Only the start matters: a heading-like lead ends within 40 characters.
        var window = rest[..Math.Min(rest.Length, HeadingClassifier.MaxHeadingLength + 1)];
        var stop = window.IndexOfAny(" \u3000\t。；;，,");
        if (stop < 0 && rest.Length > window.Length) return false; // no stop within reach: a long sentence
        var lead = stop < 0 ? window : window[..stop];
        return lead.Length is >= 2 and <= HeadingClassifier.MaxHeadingLength && !char.IsAsciiDigit(lead[0]);
    }

    [GeneratedRegex(@"(?<=\S)[ \u3000\t]+(?=[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.、．](?!\d)|[(（]\d{1,2}[)）]|第[一二三四五六七八九十]{1,3}[章部])")]
    private static partial Regex InlineNumbering();
}
