using System.Text;
using System.Text.RegularExpressions;
using ModelTable = Pipeline.Core.Model.Table;

namespace Pipeline.Core.Decoding;

/// <summary>
/// Turns a PDF's visual lines back into the paragraphs the author typed, so the rest of the analyser sees what it sees
/// in a text or Word upload. A line joins the next one only when it merely wraps: it reaches the right margin, the next
/// line is the same size, starts at the left margin (or where this one starts), follows at the usual line spacing
/// (or starts the next page), and does not begin a heading or list item. Large lines (the title, long headings) that
/// wrap join the same way whatever their width. A table that continues at the top of the next page with the same
/// columns is one table. Paragraphs the type shows as headings are marked by <see cref="PdfHeadingMarker"/>.
/// </summary>
internal static partial class PdfParagraphJoiner
{
    public static List<SourceLine> Join(List<PdfPageLayout> pages, double bodySize)
    {
        var body = pages.SelectMany(p => p.Items).Select(i => i.Line).OfType<PdfTextLine>()
            .Where(l => Math.Abs(l.Size - bodySize) < 0.6 && l.Segments.Count == 1 && l.Text.Length >= 6).ToList();
        var right = body.Count > 0 ? Percentile(body.Select(l => l.X1), 0.8) : double.MaxValue;
        var left = body.Count > 0 ? Percentile(body.Select(l => l.X0), 0.1) : 0;
        var pitch = LinePitch(pages, bodySize);

        var output = new List<SourceLine>();
        var shapes = new List<PdfParagraphShape?>();
        var current = new StringBuilder();
        var parts = new List<PdfTextLine>();
        PdfTextLine? last = null;
        var lastPage = 0;
        var startPage = 0;

        void Flush()
        {
            if (current.Length > 0)
            {
                output.Add(new SourceLine(output.Count + 1, current.ToString()));
                shapes.Add(new PdfParagraphShape(startPage, parts.ToList()));
            }
            current.Clear();
            parts.Clear();
            last = null;
        }

        foreach (var page in pages)
        {
            for (var i = 0; i < page.Items.Count; i++)
            {
                var item = page.Items[i];
                if (item.Table is { } table)
                {
                    Flush();
                    if (i == 0 && output.Count > 0 && output[^1].Table is { } previous && previous.ColumnCount == table.ColumnCount)
                        output[^1] = TableLine(output[^1].Number, Continue(previous, table));
                    else
                    {
                        output.Add(TableLine(output.Count + 1, table));
                        shapes.Add(null);
                    }
                    continue;
                }
                var line = item.Line!;
                if (last is not null && Continues(last, lastPage, line, page.Number, left, right, pitch, bodySize))
                    AppendWrapped(current, line.Text);
                else
                {
                    Flush();
                    current.Append(line.Text);
                    startPage = page.Number;
                }
                parts.Add(line);
                last = line;
                lastPage = page.Number;
            }
        }
        Flush();
        return PdfHeadingMarker.Mark(output, shapes, bodySize);
    }

    private static SourceLine TableLine(int number, ModelTable table) => new(number, DocxExtractor.Flatten(table), table);

    /// <summary>The rows of a table's continuation, without the header the next page repeats.</summary>
    private static ModelTable Continue(ModelTable first, ModelTable next)
    {
        var rows = first.Rows.ToList();
        var repeatsHeader = first.Header.Count > 0 && next.Header.Count > 0 && first.Header[0].SequenceEqual(next.Header[0]);
        if (!repeatsHeader) rows.AddRange(next.Header);
        rows.AddRange(next.Rows);
        return first with { Rows = rows };
    }

    private static bool Continues(PdfTextLine a, int pageA, PdfTextLine b, int pageB, double left, double right, double pitch, double bodySize)
    {
        if (Math.Abs(a.Size - b.Size) > 0.6 || a.Segments.Count > 1 || b.Segments.Count > 1 || StartsBlock().IsMatch(b.Text)) return false;
        if (pageB != pageA && (pageB != pageA + 1 || a.Size > bodySize * 1.15)) return false;
        if (a.Size > bodySize * 1.15)
            return pageA == pageB && a.Baseline - b.Baseline <= a.Size * 1.9; // a wrapped title or heading
        if (a.X1 < right - 1.5 * a.Size) return false;
        if (b.X0 > left + b.Size && Math.Abs(b.X0 - a.X0) > 0.5 * b.Size) return false;
        return pageA != pageB || a.Baseline - b.Baseline <= pitch * 1.4;
    }

    /// <summary>Appends a wrapped line: CJK text joins directly; Latin words and numbers get the space the wrap took.</summary>
    public static void AppendWrapped(StringBuilder sb, string text)
    {
        if (text.Length == 0) return;
        if (sb.Length > 0 && char.IsAsciiLetterOrDigit(sb[^1]) && char.IsAsciiLetterOrDigit(text[0])) sb.Append(' ');
        sb.Append(text);
    }

    /// <summary>The usual distance between consecutive body lines (median), from lines on the same page.</summary>
    private static double LinePitch(List<PdfPageLayout> pages, double bodySize)
    {
        var gaps = new List<double>();
        foreach (var page in pages)
        {
            PdfTextLine? previous = null;
            foreach (var line in page.Items.Select(i => i.Line))
            {
                if (line is null || Math.Abs(line.Size - bodySize) > 0.6) { previous = null; continue; }
                if (previous is not null && previous.Baseline - line.Baseline is var gap && gap > 0 && gap < bodySize * 3) gaps.Add(gap);
                previous = line;
            }
        }
        return gaps.Count > 0 ? PdfLineBuilder.Median(gaps) : bodySize * 1.5;
    }

    private static double Percentile(IEnumerable<double> values, double share)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(sorted.Count * share))];
    }

    [GeneratedRegex(@"^(?:[一二三四五六七八九十百]+[、.．]|[(（][一二三四五六七八九十百\d]+[)）]|\d+(?:\.\d+)*[、.．](?!\d)|第[一二三四五六七八九十百\d]+[章节条部分篇]|[①-⑳]|[•·●▪■◆*]|附件|[-—]\s)")]
    private static partial Regex StartsBlock();
}
