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
        if (line.IsTable || PipeTableReader.IsTableLine(text))
        {
            output.Add(line);
            return;
        }
        if (text.Length < MinLineLength)
        {
            AddSegment(line, text, output);
            return;
        }

        var start = 0;
        foreach (var boundary in InlineNumbering().EnumerateMatches(text))
        {
            var segmentStart = boundary.Index + boundary.Length;
            var after = text.AsSpan(segmentStart);
            // Glued to the text before it (no space, no sentence end), only a known section title opens a section.
            var glued = boundary.Length == 0 && text[boundary.Index - 1] is not ('。' or '；' or '！' or '？');
            if (glued ? !StartsSectionTitle(after) : !after.StartsWith("附") && !StartsHeadingLikeSegment(after) && !StartsSectionTitle(after)) continue;
            AddSegment(line, text[start..boundary.Index], output);
            start = segmentStart;
        }
        AddSegment(line, text[start..], output);
    }

    private static void AddSegment(SourceLine line, string segment, List<SourceLine> output)
    {
        segment = segment.Trim(' ', '\u3000', '\t');
        if (segment.Length == 0) return;
        if (SplitTrailingSignature(line, segment, output)) return;
        // "一、工作概述 2018年,我局…": the heading ends at the first space when what precedes it reads as a heading.
        if (HeadingClassifier.TryParseNumber(segment, out var numbered))
        {
            // "一、总体情况2019年，我县…": no space, but the template's section title ends the heading.
            // A title that merely goes on ("一、总体情况和主要做法") stays whole, unless a space or a table's first cell follows.
            if (numbered.Level == 1 && AnnualReportVocabulary.SectionTitleAtStart(numbered.RestSpan) is { } title && numbered.RestSpan.Length > title.Length
                && (!HeadingClassifier.IsHeadingText(numbered.RestSpan) || char.IsWhiteSpace(numbered.Rest[title.Length]) || TableStart().IsMatch(numbered.Rest[title.Length..])))
            {
                output.Add(line with { Text = numbered.Number + title });
                // What follows may itself open a subsection: "…情况（一）主动公开…".
                AddSegment(line, numbered.RestSpan[title.Length..].Trim(" \u3000\t。：:").ToString(), output);
                return;
            }
            // "一、主动公开（一）公开范围…": a short section lead glued to its first subsection.
            if (numbered.Level == 1 && FirstSubsection().Match(numbered.Rest) is { Success: true, Index: >= 2 } sub
                && HeadingClassifier.IsHeadingText(numbered.RestSpan[..sub.Index]))
            {
                output.Add(line with { Text = numbered.Number + numbered.RestSpan[..sub.Index].ToString() });
                AddSegment(line, numbered.Rest[sub.Index..], output);
                return;
            }
            // "第一章　总　　则": a short title spaced out character by character is one heading, not a heading and a body.
            if (IsSpacedOutTitle(numbered.RestSpan))
            {
                output.Add(line with { Text = segment });
                return;
            }
            // "一、元旦：1月1日放假，共1天。": a short lead ending in a colon heads its section.
            if (numbered.Level == 1 && RunInLead().Match(numbered.Rest) is { Success: true } lead && numbered.Rest.Length > lead.Length)
            {
                output.Add(line with { Text = numbered.Number + lead.Value });
                AddSegment(line, numbered.Rest[lead.Length..], output);
                return;
            }
            // Only when the whole is no heading: "二、关于 2019 年的工作" on its own line is one heading with a space in it.
            var space = numbered.RestSpan.IndexOfAny(" \u3000\t");
            if (space > 0 && HeadingClassifier.IsHeadingText(numbered.RestSpan[..space]) && !HeadingClassifier.IsHeadingText(numbered.RestSpan))
            {
                output.Add(line with { Text = numbered.Number + numbered.RestSpan[..space].ToString() });
                var body = segment.AsSpan(numbered.RestStart + space + 1).Trim(" \u3000\t").ToString();
                if (body.Length > 0) output.Add(line with { Text = body });
                return;
            }
        }
        output.Add(line with { Text = segment });
    }

    /// <summary>
    /// "…切实做好政府信息公开工作。 平潭县人民政府办公室 二○一二年二月二十日": a one-line body ends with its signature.
    /// When a segment ends with a date and only organisation names stand between it and the last sentence, the
    /// signature is split off as the lines the parser expects (organisation lines, then the date).
    /// </summary>
    private static bool SplitTrailingSignature(SourceLine line, string segment, List<SourceLine> output)
    {
        var match = TrailingDate().Match(segment);
        if (!match.Success || !Metadata.DateText.TryParseWhole(match.Groups["date"].Value, out _)) return false;
        var before = segment[..match.Index];
        var sentenceEnd = before.LastIndexOfAny(['。', '！', '？', '；', '）', ')']);
        var names = before[(sentenceEnd + 1)..].Split([' ', '\u3000', '\t'], StringSplitOptions.RemoveEmptyEntries);
        // A date alone after the last sentence is a signature too ("…常规化。 二○一二年二月二十日").
        if (names.Length > 2 || !names.All(BlockParser.IsOrganisation) || names.Length == 0 && sentenceEnd < 0) return false;
        var text = before[..(sentenceEnd + 1)].Trim();
        if (text.Length > 0) AddSegment(line, text, output);
        foreach (var name in names) output.Add(line with { Text = name });
        output.Add(line with { Text = match.Groups["date"].Value });
        return true;
    }

    [GeneratedRegex(@"[ \u3000\t](?<date>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇零Oo○Ｏ０О0◯一二三四五六七八九]{4}\s*年\s*[十一二三四五六七八九元]{1,2}\s*月\s*[一二三十四五六七八九]{1,3}\s*日|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2})$")]
    private static partial Regex TrailingDate();

    private static bool IsSpacedOutTitle(ReadOnlySpan<char> rest)
    {
        var trimmed = rest.Trim(" \u3000\t");
        if (trimmed.Length is < 3 or > 12 || trimmed.IndexOfAny(" \u3000\t") < 0) return false;
        foreach (var range in trimmed.SplitAny(" \u3000\t"))
            if (trimmed[range].Length > 1) return false;
        return true;
    }

    [GeneratedRegex(@"^[^\s，,。；：:、]{1,8}[：:]")]
    private static partial Regex RunInLead();

    private static bool StartsSectionTitle(ReadOnlySpan<char> text) =>
        HeadingClassifier.TryMatchNumber(text, out var level, out var length) && level == 1
        && AnnualReportVocabulary.SectionTitleAtStart(text[length..].TrimStart(" \u3000\t")) is not null;

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
        return lead.Length is >= 2 and <= HeadingClassifier.MaxHeadingLength && (!char.IsAsciiDigit(lead[0]) || HeadingClassifier.YearLead(lead));
    }

    // What the template's statistics tables start with, right after a section title: 第二十条第（一）项, （本列数据的勾稽关系…）,
    // 信息内容, 行政复议, or figures.
    [GeneratedRegex(@"^\s*(?:第[一二三四五六七八九十]+条|[(（]本列|信息内容|行政复议|\d)")]
    private static partial Regex TableStart();

    // Not "第（一）项", which cites an article's item.
    [GeneratedRegex(@"(?<!第)[(（]一[)）]")]
    private static partial Regex FirstSubsection();

    // Before an inline number: after a space, or straight after a sentence's end (…编制。一、概述…); and before 附件N：.
    // A 一、 number is also a boundary right after anything (…18651.06三、收到和处理…) when a known section title follows.
    [GeneratedRegex(@"(?:(?<=\S)[ \u3000\t]+|(?<=[。；！？])|(?<=[^\s一二三四五六七八九十、](?=[一二三四五六七八九十]{1,2}、)))(?=[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.、．](?!\d)|[(（]\d{1,2}[)）]|第[一二三四五六七八九十]{1,3}[章部]|附\s*件(?:\s*\d{0,2}\s*[:：]|(?=\S)))")]
    private static partial Regex InlineNumbering();
}
