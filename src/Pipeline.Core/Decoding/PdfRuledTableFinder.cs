using System.Text;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Graphics;
using ModelTable = Pipeline.Core.Model.Table;

namespace Pipeline.Core.Decoding;

/// <summary>A table found on a page: its box, the cells as a model table, and the glyphs it took.</summary>
internal sealed record PdfRuledTable(double Left, double Right, double Top, double Bottom, ModelTable Table)
{
    public bool Contains(PdfGlyph g) => g.CenterX > Left && g.CenterX < Right && g.CenterY < Top && g.CenterY > Bottom;
}

/// <summary>
/// Finds tables drawn with rules (Word, WPS and LibreOffice draw cell borders as strokes; Chromium as thin filled
/// rectangles): horizontal and vertical rules that touch form one grid; the distinct rule positions are the row and
/// column boundaries; a boundary missing inside a cell means the cell is merged with its neighbour (the merged cell's
/// text goes to its top-left position, the others stay empty, as <see cref="DocxExtractor"/> does).
/// </summary>
internal static class PdfRuledTableFinder
{
    private const double Tolerance = 2.5;
    private const int MaxRules = 4000;

    private readonly record struct Rule(double A0, double A1, double At); // extent along the rule, position across it

    public static List<PdfRuledTable> Find(IReadOnlyList<PdfPath> paths, IReadOnlyList<PdfGlyph> glyphs)
    {
        var horizontal = new List<Rule>();
        var vertical = new List<Rule>();
        foreach (var path in paths)
        {
            if (!path.IsFilled && !path.IsStroked) continue; // clipping paths draw nothing
            foreach (var sub in path)
            {
                if (horizontal.Count + vertical.Count > MaxRules) return [];
                if (sub.GetBoundingRectangle() is not { } box) continue;
                if (box.Height <= Tolerance && box.Width > Tolerance) horizontal.Add(new Rule(box.Left, box.Right, (box.Top + box.Bottom) / 2));
                else if (box.Width <= Tolerance && box.Height > Tolerance) vertical.Add(new Rule(box.Bottom, box.Top, (box.Left + box.Right) / 2));
                else if (path.IsStroked) AddEdges(sub, horizontal, vertical);
            }
        }
        if (horizontal.Count < 2 || vertical.Count < 2) return [];

        var tables = new List<PdfRuledTable>();
        foreach (var (hs, vs) in Grids(horizontal, vertical))
        {
            var table = Build(hs, vs, glyphs);
            if (table is not null) tables.Add(table);
        }
        return tables;
    }

    private static void AddEdges(PdfSubpath sub, List<Rule> horizontal, List<Rule> vertical)
    {
        var points = new List<PdfPoint>();
        foreach (var command in sub.Commands)
        {
            switch (command)
            {
                case PdfSubpath.Move m: points.Add(m.Location); break;
                case PdfSubpath.Line l:
                    if (points.Count == 0) points.Add(l.From);
                    points.Add(l.To);
                    break;
            }
        }
        if (sub.IsClosed() && points.Count > 2) points.Add(points[0]);
        for (var i = 1; i < points.Count; i++)
        {
            var (a, b) = (points[i - 1], points[i]);
            if (Math.Abs(a.Y - b.Y) <= 1 && Math.Abs(a.X - b.X) > Tolerance) horizontal.Add(new Rule(Math.Min(a.X, b.X), Math.Max(a.X, b.X), a.Y));
            else if (Math.Abs(a.X - b.X) <= 1 && Math.Abs(a.Y - b.Y) > Tolerance) vertical.Add(new Rule(Math.Min(a.Y, b.Y), Math.Max(a.Y, b.Y), a.X));
        }
    }

    /// <summary>Rules that touch, grouped (union-find): each group with two rules each way is a candidate grid.</summary>
    private static IEnumerable<(List<Rule> H, List<Rule> V)> Grids(List<Rule> horizontal, List<Rule> vertical)
    {
        var parent = Enumerable.Range(0, horizontal.Count + vertical.Count).ToArray();
        int Find(int i) { while (parent[i] != i) i = parent[i] = parent[parent[i]]; return i; }
        for (var h = 0; h < horizontal.Count; h++)
        for (var v = 0; v < vertical.Count; v++)
        {
            var (hr, vr) = (horizontal[h], vertical[v]);
            if (vr.At >= hr.A0 - Tolerance && vr.At <= hr.A1 + Tolerance && hr.At >= vr.A0 - Tolerance && hr.At <= vr.A1 + Tolerance)
                parent[Find(h)] = Find(horizontal.Count + v);
        }
        var groups = new Dictionary<int, (List<Rule> H, List<Rule> V)>();
        for (var i = 0; i < parent.Length; i++)
        {
            var root = Find(i);
            if (!groups.TryGetValue(root, out var g)) groups[root] = g = ([], []);
            if (i < horizontal.Count) g.H.Add(horizontal[i]); else g.V.Add(vertical[i - horizontal.Count]);
        }
        return groups.Values.Where(g => g.H.Count >= 2 && g.V.Count >= 2);
    }

    private static PdfRuledTable? Build(List<Rule> hs, List<Rule> vs, IReadOnlyList<PdfGlyph> glyphs)
    {
        var ys = Cluster(hs.Select(r => r.At)).OrderByDescending(y => y).ToList(); // top to bottom
        var xs = Cluster(vs.Select(r => r.At)).OrderBy(x => x).ToList();
        int rows = ys.Count - 1, cols = xs.Count - 1;
        if (rows < 1 || cols < 2 || rows * cols > 20_000) return null; // a single framed box is not a table

        bool HasVertical(int k, int row)
        {
            var mid = (ys[row] + ys[row + 1]) / 2;
            return vs.Any(r => Math.Abs(r.At - xs[k]) <= Tolerance && r.A0 - Tolerance <= mid && r.A1 + Tolerance >= mid);
        }
        bool HasHorizontal(int k, int col)
        {
            var mid = (xs[col] + xs[col + 1]) / 2;
            return hs.Any(r => Math.Abs(r.At - ys[k]) <= Tolerance && r.A0 - Tolerance <= mid && r.A1 + Tolerance >= mid);
        }

        // Each grid position points at the cell that owns it (itself, or the merged cell it is part of).
        var owner = new (int Row, int Col)[rows, cols];
        for (var r = 0; r < rows; r++)
        for (var c = 0; c < cols; c++)
            owner[r, c] = c > 0 && !HasVertical(c, r) ? owner[r, c - 1]
                : r > 0 && !HasHorizontal(r, c) ? owner[r - 1, c]
                : (r, c);

        var box = new PdfRuledTable(xs[0], xs[^1], ys[0], ys[^1], null!);
        var cellGlyphs = new Dictionary<(int, int), List<PdfGlyph>>();
        foreach (var g in glyphs)
        {
            if (!box.Contains(g)) continue;
            var c = xs.FindLastIndex(x => x <= g.CenterX);
            var r = ys.FindLastIndex(y => y >= g.CenterY);
            if (c < 0 || c >= cols || r < 0 || r >= rows) continue;
            var key = owner[r, c];
            if (!cellGlyphs.TryGetValue(key, out var list)) cellGlyphs[key] = list = [];
            list.Add(g);
        }
        if (cellGlyphs.Count == 0) return null;

        var grid = new List<IReadOnlyList<string?>>();
        for (var r = 0; r < rows; r++)
        {
            var row = new string?[cols];
            for (var c = 0; c < cols; c++)
                if (owner[r, c] == (r, c) && cellGlyphs.TryGetValue((r, c), out var list))
                    row[c] = CellText(list);
            if (row.Any(c => c is not null)) grid.Add(row);
        }
        if (grid.Count == 0) return null;
        var table = new ModelTable(null, [grid[0]], grid.Skip(1).ToList(), []);
        return box with { Table = table };
    }

    private static string? CellText(List<PdfGlyph> glyphs)
    {
        var sb = new StringBuilder();
        foreach (var line in PdfLineBuilder.Build(glyphs))
            PdfParagraphJoiner.AppendWrapped(sb, line.Text);
        var text = sb.ToString().Trim();
        return text.Length == 0 ? null : text;
    }

    private static List<double> Cluster(IEnumerable<double> values)
    {
        var result = new List<double>();
        foreach (var v in values.OrderBy(v => v))
            if (result.Count == 0 || v - result[^1] > Tolerance) result.Add(v);
        return result;
    }
}
