namespace Pipeline.Core.Decoding;

/// <summary>
/// Marks the paragraphs a PDF shows as headings by their type (<see cref="SourceLine.MarkedHeadingLevel"/>), so a
/// report whose sections carry no numbering ("工作概况" set in 16 pt bold over 12 pt text) still gets its outline. A
/// heading is short, does not end a sentence, is not a table row, and is set either clearly larger than the body text
/// or in the body's size but bold on a line of its own with text after it. Larger type is a higher level: the
/// distinct heading sizes are ranked, largest = 1; bold body-size headings come after them. The title (the first
/// large paragraph on page 1) is ranked with them and may be longer, so the parser counts sections from its mark.
/// Numbered headings are marked the same way; their numbering decides their level in the parser.
/// </summary>
internal static class PdfHeadingMarker
{
    /// <summary>Type this much larger than the body's is a heading's (Word: 小四 12 pt body → 四号 14 pt heading is 1.17×).</summary>
    public const double LargerRatio = 1.15;

    private const int MaxHeadingLength = 40;

    /// <summary>The parser's own limit for a title line.</summary>
    private const int MaxTitleLength = 80;

    private static readonly char[] SentenceEnds = ['。', '；', '！', '？', '，', ';', '!', '?', ','];

    /// <param name="lines">The reading, one entry per paragraph or table.</param>
    /// <param name="shapes">For each entry of <paramref name="lines"/>, the visual lines it came from (null for a table).</param>
    public static List<SourceLine> Mark(List<SourceLine> lines, List<PdfParagraphShape?> shapes, double bodySize)
    {
        var title = shapes.FindIndex(s => s is { Page: 1 } && IsLarge(s.First, bodySize));
        // A document set entirely in bold says nothing with bold.
        var bodyLines = shapes.OfType<PdfParagraphShape>().SelectMany(s => s.Lines).Where(l => IsBodySize(l, bodySize)).ToList();
        var boldSpeaks = bodyLines.Count(l => l.Bold) * 2 < bodyLines.Count;

        var large = new Dictionary<int, double>();
        var bold = new List<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (shapes[i] is not { } shape || !Plain(lines[i].Text, shape, i == title ? MaxTitleLength : MaxHeadingLength)) continue;
            if (IsLarge(shape.First, bodySize))
                large[i] = Math.Round(shape.First.Size * 2) / 2;
            else if (boldSpeaks && IsBodySize(shape.First, bodySize) && shape.First.Bold && shape.Lines.Count == 1
                     && i + 1 < lines.Count && shapes[i + 1] is not null)
                bold.Add(i);
        }

        var ranks = large.Values.Distinct().OrderDescending().ToList();
        var marked = lines.ToList();
        foreach (var (i, size) in large) marked[i] = lines[i] with { MarkedHeadingLevel = ranks.IndexOf(size) + 1 };
        foreach (var i in bold) marked[i] = lines[i] with { MarkedHeadingLevel = ranks.Count + 1 };
        return marked;
    }

    private static bool IsLarge(PdfTextLine line, double bodySize) => line.Size >= bodySize * LargerRatio;

    private static bool IsBodySize(PdfTextLine line, double bodySize) => Math.Abs(line.Size - bodySize) < 0.6;

    /// <summary>Short, not a sentence, and not a row of cells (a line split by wide gaps is a borderless table's).</summary>
    private static bool Plain(string text, PdfParagraphShape shape, int maxLength)
    {
        var trimmed = text.TrimEnd();
        return trimmed.Length > 0 && trimmed.Length <= maxLength && !SentenceEnds.Contains(trimmed[^1])
               && shape.Lines.All(l => l.Segments.Count == 1);
    }
}
