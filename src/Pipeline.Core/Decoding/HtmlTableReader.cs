using AngleSharp.Dom;
using ModelTable = Pipeline.Core.Model.Table;

namespace Pipeline.Core.Decoding;

/// <summary>
/// An HTML table as a model table: rowspan and colspan laid out on a grid (the merged cell's text at its top-left
/// position, the positions it covers empty, as <see cref="DocxExtractor"/> does), header rows from thead or from a
/// first row of th cells (else the first row, as for Word tables), the caption as the table's caption.
/// A table that holds another table, or has a single column, is page layout, not data: <see cref="IsDataTable"/> is false.
/// </summary>
internal static class HtmlTableReader
{
    private const int MaxSpan = 100;
    private const int MaxCells = 50_000;

    public static bool IsDataTable(IElement table)
    {
        if (HtmlDom.Elements(table).Any(e => e.LocalName == "table")) return false;
        return Rows(table).Any(r => Cells(r).Sum(c => Span(c, "colspan")) >= 2);
    }

    public static ModelTable? Read(IElement table, Func<IElement, string> cellText)
    {
        var rows = Rows(table).ToList();
        // Spans that would cover more positions than a real table has (colspan=100000 on every row) are ignored: the
        // cells keep their text, one position each, instead of the grid costing rows x spans.
        long area = 0;
        foreach (var row in rows)
            foreach (var cell in Cells(row))
                area += (long)Span(cell, "colspan") * Math.Min(Span(cell, "rowspan"), rows.Count);
        var useSpans = area <= MaxCells;
        var grid = new List<string?[]>();
        var occupied = new HashSet<(int, int)>();
        var width = 0;
        var headerRows = 0;
        var cells = 0;
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var column = 0;
            while (grid.Count <= r) grid.Add([]);
            foreach (var cell in Cells(row))
            {
                if (++cells > MaxCells) return null;
                while (occupied.Contains((r, column))) column++;
                int colspan = useSpans ? Span(cell, "colspan") : 1, rowspan = useSpans ? Span(cell, "rowspan") : 1;
                rowspan = Math.Min(rowspan, rows.Count - r);
                var text = cellText(cell);
                for (var dr = 0; dr < rowspan; dr++)
                for (var dc = 0; dc < colspan; dc++)
                {
                    occupied.Add((r + dr, column + dc));
                    while (grid.Count <= r + dr) grid.Add([]);
                    var target = grid[r + dr];
                    if (target.Length <= column + dc) Array.Resize(ref target, column + dc + 1);
                    target[column + dc] = dr == 0 && dc == 0 && text.Length > 0 ? text : null;
                    grid[r + dr] = target;
                }
                column += colspan;
                width = Math.Max(width, column);
            }
            var inHead = row.ParentElement?.LocalName == "thead";
            if (headerRows == r && (inHead || Cells(row).All(c => c.LocalName == "th"))) headerRows++;
        }
        var padded = grid.Select(row =>
        {
            var cellsOfRow = new string?[width];
            Array.Copy(row, cellsOfRow, Math.Min(row.Length, width));
            return (IReadOnlyList<string?>)cellsOfRow;
        }).Where(row => row.Any(c => c is not null)).ToList();
        if (padded.Count == 0 || width == 0) return null;
        if (headerRows == 0 || headerRows >= padded.Count) headerRows = 1;
        var caption = table.Children.FirstOrDefault(c => c.LocalName == "caption") is { } cap ? HtmlDom.Text(cap, 500) : null;
        return new ModelTable(string.IsNullOrEmpty(caption) ? null : caption, padded.Take(headerRows).ToList(), padded.Skip(headerRows).ToList(), []);
    }

    /// <summary>The table's own rows (not those of a nested table), in order: thead, tbody and tfoot rows, or direct tr children.</summary>
    private static IEnumerable<IElement> Rows(IElement table) =>
        HtmlDom.Elements(table, skip: e => e.LocalName == "table").Where(e => e.LocalName == "tr");

    private static IEnumerable<IElement> Cells(IElement row) => row.Children.Where(c => c.LocalName is "td" or "th");

    private static int Span(IElement cell, string attribute) =>
        int.TryParse(cell.GetAttribute(attribute), out var n) && n > 1 ? Math.Min(n, MaxSpan) : 1;
}
