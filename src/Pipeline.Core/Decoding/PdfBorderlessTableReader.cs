using System.Text.RegularExpressions;
using ModelTable = Pipeline.Core.Model.Table;

namespace Pipeline.Core.Decoding;

/// <summary>
/// Tables printed without rules, as the national template's statistics tables often are once exported: runs of two or
/// more lines that are a row label followed by numbers in columns. Columns are placed by the numbers' right edges
/// (figures are right-aligned or centred under their heading); the line above the run becomes the header when it
/// has no numbers and spreads over the columns.
/// </summary>
internal static partial class PdfBorderlessTableReader
{
    public static void Read(PdfPageLayout page)
    {
        var items = page.Items;
        for (var i = 0; i < items.Count; i++)
        {
            var end = i;
            while (end < items.Count && items[end].Line is { } l && IsNumberRow(l)) end++;
            if (end - i < 2)
                continue;

            var run = items.GetRange(i, end - i).Select(x => x.Line!).ToList();
            var headerIndex = i > 0 && items[i - 1].Line is { } h && h.Segments.Count >= 3 && !h.Segments.Any(s => Number().IsMatch(s.Text)) ? i - 1 : -1;
            var table = Build(run, headerIndex >= 0 ? items[headerIndex].Line : null);
            var start = headerIndex >= 0 ? headerIndex : i;
            var top = items[start].Top;
            items.RemoveRange(start, end - start);
            items.Insert(start, new PdfPageItem(top, null, table));
            i = start;
        }
    }

    private static bool IsNumberRow(PdfTextLine line) =>
        line.Segments.Count >= 2 && line.Segments.Skip(1).All(s => Number().IsMatch(s.Text)) && !Number().IsMatch(line.Segments[0].Text);

    private static ModelTable Build(List<PdfTextLine> rows, PdfTextLine? header)
    {
        var anchors = new List<double>();
        foreach (var s in rows.SelectMany(r => r.Segments.Skip(1)).OrderBy(s => s.X1))
            if (anchors.Count == 0 || s.X1 - anchors[^1] > rows[0].Size) anchors.Add(s.X1);
        var width = anchors.Count + 1;

        int Column(PdfTextSegment s) =>
            1 + anchors.Select((a, k) => (Distance: Math.Abs(a - s.X1), k)).MinBy(p => p.Distance).k;

        var body = new List<IReadOnlyList<string?>>();
        foreach (var row in rows)
        {
            var cells = new string?[width];
            cells[0] = row.Segments[0].Text;
            foreach (var s in row.Segments.Skip(1)) cells[Column(s)] = s.Text;
            body.Add(cells);
        }
        if (header is null) return new ModelTable(null, [], body, []);

        var head = new string?[width];
        var labelEnd = rows.Min(r => r.Segments.Count > 1 ? r.Segments[1].X0 : double.MaxValue);
        foreach (var s in header.Segments)
        {
            // A heading cell sits over its column: compare centres with the columns' centres (anchors are right edges).
            var column = s.X1 <= labelEnd ? 0 : 1 + anchors.Select((a, k) => (Distance: Math.Abs(a - s.X1), k)).MinBy(p => p.Distance).k;
            head[column] = head[column] is null ? s.Text : head[column] + " " + s.Text;
        }
        return new ModelTable(null, [head], body, []);
    }

    [GeneratedRegex(@"^(?:[-+]?\d[\d,，]*(?:\.\d+)?%?|[-—/／]|无)$")]
    private static partial Regex Number();
}
