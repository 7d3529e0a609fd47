using System.Text;
using Pipeline.Core.Decoding;
using Pipeline.Core.Parsing;

namespace Pipeline.Core.Layout;

/// <summary>
/// Text extracted from a PDF (or copied from a print layout) breaks every paragraph into lines of the page's width,
/// often with spaces between characters ("2023 年", "邮 编 ："). When most long lines end at one right margin, the
/// document is hard-wrapped: a line that reaches the margin and does not end a sentence continues on the next line,
/// unless the next line starts a numbered section or list item. Lines that end short of the margin end their
/// paragraph. In such a document the spaces a PDF puts between Chinese characters are closed up as well.
/// Documents whose lines are paragraphs (Word, CMS pages, one-line bodies) are returned unchanged. The lines of a
/// table flattened to pipe-ended lines (<see cref="PipeTableReader"/>: one cell per line) are cells, not prose: they
/// neither set the margin nor join, since a long row label glued to its first figure ("一、本年新收…|8 |") would read
/// as a whole row of two cells and close the row after that figure. A margin is the page's right edge: prose does
/// not run past it, so a width that many prose lines exceed is not one (short headings of equal width are not a
/// margin when the title and paragraphs run far beyond them).
/// </summary>
public static class WrappedLineJoiner
{
    /// <summary>Lines shorter than this (in display columns) are not counted when finding the margin.</summary>
    private const int MinMeasuredWidth = 24;

    /// <summary>At least this many measured lines are needed to call a document hard-wrapped.</summary>
    private const int MinMeasuredLines = 5;

    /// <summary>
    /// Share of the lines at the margin that must stop mid-sentence. A document of one paragraph a line has long
    /// lines too, but they end with 。; a wrapped one breaks wherever the margin falls.
    /// </summary>
    private const double MinShareUnfinished = 0.6;

    /// <summary>Share of measured lines that must end at the margin.</summary>
    private const double MinShareAtMargin = 0.4;

    /// <summary>
    /// Largest share of measured lines that may run past the margin. In a hard-wrapped text only a stray line does
    /// (a URL, a space-aligned row: none or one in the corpus's PDF extracts); where the "margin" is a run of short
    /// headings, half the lines or more pass it.
    /// </summary>
    private const double MaxShareBeyondMargin = 0.25;

    /// <summary>How far short of the margin (in columns: a Chinese character is two) a line still reaches it.</summary>
    private const int MarginTolerance = 8;

    public static List<SourceLine> Join(List<SourceLine> lines)
    {
        if (!TryFindMargin(lines, out var margin)) return lines;

        var output = new List<SourceLine>(lines.Count);
        StringBuilder? paragraph = null;
        var paragraphLine = default(SourceLine);
        foreach (var line in lines)
        {
            if (paragraph is not null)
            {
                if (!line.IsTable && !IsPipeCell(line.Text) && line.MarkedHeadingLevel == 0 && !StartsBlock(line.Text) && !IsFieldLine(line.Text))
                {
                    Append(paragraph, CloseUpSpaces(line.Text));
                    if (ReachesMargin(line.Text, margin) && !EndsSentence(line.Text)) continue;
                    output.Add(paragraphLine with { Text = paragraph.ToString() });
                    paragraph = null;
                    continue;
                }
                output.Add(paragraphLine with { Text = paragraph.ToString() });
                paragraph = null;
            }
            if (line.IsTable)
            {
                output.Add(line);
                continue;
            }
            var text = CloseUpSpaces(line.Text);
            if (line.MarkedHeadingLevel == 0 && !IsPipeCell(line.Text) && !IsFieldLine(line.Text) && ReachesMargin(line.Text, margin) && !EndsSentence(line.Text))
            {
                paragraph = new StringBuilder(text);
                paragraphLine = line;
                continue;
            }
            output.Add(line with { Text = text });
        }
        if (paragraph is not null) output.Add(paragraphLine with { Text = paragraph.ToString() });
        return output;
    }

    /// <summary>
    /// The right margin: the widest width bucket that holds a large share of the long prose lines and that few of
    /// them run past.
    /// </summary>
    private static bool TryFindMargin(List<SourceLine> lines, out int margin)
    {
        margin = 0;
        var widths = new List<int>();
        foreach (var line in lines)
            if (IsMeasured(line) && Width(CloseUpSpaces(line.Text)) is var w && w >= MinMeasuredWidth) widths.Add(w);
        if (widths.Count < MinMeasuredLines) return false;
        widths.Sort();
        // Scan candidate margins from the widest; the margin is where enough lines end within the tolerance. The scan
        // stops once too many lines would run past the candidate: no narrower width can be the page's edge either.
        for (var i = widths.Count - 1; i >= 0; i--)
        {
            var candidate = widths[i];
            var beyond = widths.Count - 1 - widths.LastIndexOf(candidate);
            if (beyond > MaxShareBeyondMargin * widths.Count) break;
            var atMargin = widths.Count(w => w <= candidate && w > candidate - MarginTolerance);
            if (atMargin >= MinShareAtMargin * widths.Count)
            {
                margin = candidate;
                var found = margin;
                var atMarginLines = lines.Where(l => IsMeasured(l) && Width(CloseUpSpaces(l.Text)) >= MinMeasuredWidth && ReachesMargin(l.Text, found)).ToList();
                return atMarginLines.Count(l => !EndsSentence(l.Text)) >= MinShareUnfinished * atMarginLines.Count;
            }
        }
        return false;
    }

    /// <summary>Prose whose width can show the margin: not a table row, a pipe-table cell or a label-and-value line.</summary>
    private static bool IsMeasured(SourceLine line) => !line.IsTable && !IsPipeCell(line.Text) && !IsFieldLine(line.Text);

    /// <summary>A line of a table flattened to pipe-ended lines ("行政许可 |", "|||"): a cell or row end, never a paragraph's.</summary>
    private static bool IsPipeCell(string text) => PipeTableReader.IsTableLine(text);

    /// <summary>"原文链接: https://…", "索引号：…": a label and its value, never part of a wrapped paragraph.</summary>
    private static bool IsFieldLine(string text)
    {
        var colon = text.AsSpan(0, Math.Min(text.Length, 10)).IndexOfAny(":：");
        return colon is > 0 && text.AsSpan(0, colon).IndexOfAny("，。、；") < 0 || text.Contains("://", StringComparison.Ordinal);
    }

    // A justified line stretched with spaces ("号 ， 邮 编 ：") reaches the margin as written, not once closed up.
    private static bool ReachesMargin(string text, int margin) => Math.Max(Width(text), Width(CloseUpSpaces(text))) > margin - MarginTolerance;

    private static bool EndsSentence(string text)
    {
        var trimmed = text.AsSpan().TrimEnd(" \t\u3000");
        // Not a colon: "电子邮箱：" at the margin has its value on the next line; a list after "如下：" starts with a number.
        return trimmed.Length > 0 && trimmed[^1] is '。' or '！' or '？' or '；' or '!' or '?' or ';';
    }

    /// <summary>A numbered section, a list bullet or an attachment note starts a new block, never a continuation.</summary>
    private static bool StartsBlock(string text) =>
        HeadingClassifier.TryMatchNumber(text, out _, out _) || text.Length > 0 && text[0] is '•' or '●' or '·' or '-' or '*' or '附' && (text[0] != '附' || text.StartsWith("附件", StringComparison.Ordinal));

    private static void Append(StringBuilder paragraph, string next)
    {
        if (paragraph.Length > 0 && next.Length > 0 && char.IsAsciiLetterOrDigit(paragraph[^1]) && char.IsAsciiLetterOrDigit(next[0]))
            paragraph.Append(' ');
        paragraph.Append(next);
    }

    /// <summary>Display width: a Chinese character or full-width form takes two columns.</summary>
    public static int Width(string text) => CjkSpacing.Width(text);

    private static string CloseUpSpaces(string text) => CjkSpacing.CloseUp(text);
}
