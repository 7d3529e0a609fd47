using System.Text;

namespace Pipeline.Core.Decoding;

/// <summary>
/// Groups glyphs into lines by baseline and orders each line left to right. Gaps decide spacing: a wide gap (more than
/// <see cref="SegmentGapEms"/> ems) splits the line into segments (cells of a borderless table, tab stops); a narrow gap
/// becomes a space unless both sides are CJK (CJK text has no spaces, and justification only widens it slightly).
/// </summary>
internal static class PdfLineBuilder
{
    public const double SegmentGapEms = 1.5;

    public static List<PdfTextLine> Build(IEnumerable<PdfGlyph> glyphs)
    {
        var sorted = glyphs.OrderByDescending(g => g.Baseline).ThenBy(g => g.X0).ToList();
        var lines = new List<PdfTextLine>();
        var current = new List<PdfGlyph>();
        double baseline = 0, size = 0;
        foreach (var g in sorted)
        {
            if (current.Count > 0 && Math.Abs(g.Baseline - baseline) > Math.Max(size, g.Size) * 0.35)
            {
                AddLine(current, lines);
                current = [];
            }
            if (current.Count == 0) (baseline, size) = (g.Baseline, g.Size);
            current.Add(g);
        }
        if (current.Count > 0) AddLine(current, lines);
        return lines;
    }

    private static void AddLine(List<PdfGlyph> glyphs, List<PdfTextLine> lines)
    {
        glyphs.Sort((a, b) => a.X0.CompareTo(b.X0));
        var visible = glyphs.Where(g => !g.IsSpace).ToList();
        if (visible.Count == 0) return;
        var size = Median(visible.Select(g => g.Size));
        var segments = new List<PdfTextSegment>();
        var sb = new StringBuilder();
        double segmentStart = visible[0].X0, lastEnd = visible[0].X0;
        var pendingSpace = false;
        PdfGlyph? previous = null;
        foreach (var g in glyphs)
        {
            if (g.IsSpace)
            {
                if (previous is not null) pendingSpace = true;
                continue;
            }
            if (previous is { } p)
            {
                var gap = g.X0 - lastEnd;
                if (gap > SegmentGapEms * size)
                {
                    segments.Add(new PdfTextSegment(segmentStart, lastEnd, CjkCompatibility.Normalize(sb.ToString().Trim())));
                    sb.Clear();
                    segmentStart = g.X0;
                    pendingSpace = false;
                }
                else if (pendingSpace || NeedsSpace(p.Value, g.Value, gap, size))
                {
                    sb.Append(' ');
                }
            }
            sb.Append(g.Value);
            lastEnd = Math.Max(lastEnd, g.X1);
            previous = g;
            pendingSpace = false;
        }
        segments.Add(new PdfTextSegment(segmentStart, lastEnd, CjkCompatibility.Normalize(sb.ToString().Trim())));
        segments.RemoveAll(s => s.Text.Length == 0);
        if (segments.Count == 0) return;
        var text = string.Join(" ", segments.Select(s => s.Text));
        var bold = visible.Count(g => g.Bold) * 2 > visible.Count;
        lines.Add(new PdfTextLine(visible[0].X0, lastEnd, Median(visible.Select(g => g.Baseline)), size, text, segments, bold));
    }

    private static bool NeedsSpace(string before, string after, double gap, double size)
    {
        if (gap <= 0.25 * size) return false;
        var cjk = IsCjk(before) && IsCjk(after);
        return !cjk || gap > 0.8 * size;
    }

    public static bool IsCjk(string s) => s.Length > 0 && IsCjk(s[^1]);

    public static bool IsCjk(char c) =>
        c is >= '\u2E80' and <= '\u9FFF' || c is >= '\uF900' and <= '\uFAFF' || c is >= '\uFF00' and <= '\uFFEF' || char.IsSurrogate(c);

    public static double Median(IEnumerable<double> values)
    {
        var list = values.ToList();
        if (list.Count == 0) return 0;
        list.Sort();
        return list[list.Count / 2];
    }
}
