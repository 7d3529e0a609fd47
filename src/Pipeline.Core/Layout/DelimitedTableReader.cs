using System.Text.RegularExpressions;
using Pipeline.Core.Decoding;
using Pipeline.Core.Model;
using Pipeline.Core.Parsing;
using Pipeline.Core.Statistics;

namespace Pipeline.Core.Layout;

/// <summary>
/// Tables that arrive as delimited text lines become real tables (a <see cref="SourceLine"/> carrying a
/// <see cref="Table"/>, as a .docx table does), so no row of them is ever read as a heading or a paragraph:
/// <list type="bullet">
/// <item>cells separated by tabs, as Word and spreadsheets copy a table to text ("一、本年新收…\t12\t0\t…");</item>
/// <item>markdown pipe rows with leading and trailing pipes ("| 规章 | 3 | 0 | 15 |"), with a "|---|" separator under
/// the header row, after every row, or none.</item>
/// <item>rows aligned with runs of spaces, as <c>pdftotext -layout</c> writes a table ("规章     0     0    0"):
/// a label followed by numbers, with header rows of short cells above them.</item>
/// </list>
/// Lines that only END with a pipe (one cell per line, "|||" row ends: a scraper's flattening) are left to
/// <see cref="PipeTableReader"/>, which knows that shape.
/// </summary>
public static partial class DelimitedTableReader
{
    public static List<SourceLine> Read(IReadOnlyList<SourceLine> lines)
    {
        var output = new List<SourceLine>(lines.Count);
        var i = 0;
        while (i < lines.Count)
        {
            var kind = KindOf(lines[i]);
            if (kind == RowKind.None)
            {
                output.Add(lines[i++]);
                continue;
            }
            var end = i;
            while (end < lines.Count && KindOf(lines[end]) == kind) end++;
            // "第二十条第（五）项" between two blocks of rows: one table in the template, its sub-heading a row.
            while (BridgeLength(lines, end) is > 0 and var bridge && end + bridge < lines.Count && KindOf(lines[end + bridge]) == kind)
            {
                end += bridge;
                while (end < lines.Count && KindOf(lines[end]) == kind) end++;
            }
            var run = lines.Skip(i).Take(end - i).ToList();
            var table = kind switch { RowKind.Tab => FromTabRows(run), RowKind.Pipe => FromPipeRows(run), _ => FromSpacedRows(run) };
            if (table is null)
            {
                output.AddRange(run);
            }
            else
            {
                var flat = string.Join("\n", table.Header.Concat(table.Rows).Select(r => string.Join(" ", r.Where(c => c is not null))));
                output.Add(new SourceLine(lines[i].Number, flat, table));
            }
            i = end;
        }
        return output;
    }

    private enum RowKind { None, Tab, Pipe, Spaced }

    private static RowKind KindOf(SourceLine line)
    {
        if (line.IsTable) return RowKind.None;
        var text = line.Text;
        if (text.Length > 1 && text[0] is '|' or '｜' && !Cleaning.LineCleaner.IsPipeOnly(text)) return RowKind.Pipe;
        if (IsBarePipeRow(text)) return RowKind.Pipe;
        if (text.Contains('\t') && HasTwoCells(text, '\t')) return RowKind.Tab;
        if (text.Contains("  ", StringComparison.Ordinal) && (SpacedDataRow().IsMatch(text) || IsSpacedHeaderRow(text))) return RowKind.Spaced;
        return RowKind.None;
    }

    /// <summary>Tab rows: a run of at least two; the first row is the header unless it is mostly numbers.</summary>
    private static Table? FromTabRows(List<SourceLine> run)
    {
        if (run.Count < 2) return null;
        var rows = run.Select(l => Cells(l.Text, '\t')).ToList();
        return Build(rows, headerRows: LooksLikeData(rows[0]) ? 0 : 1);
    }

    /// <summary>Pipe rows: separator rows are dropped; the rows above the first separator are the header.</summary>
    private static Table? FromPipeRows(List<SourceLine> run)
    {
        var bare = run[0].Text[0] is not ('|' or '｜');
        if (bare && !run.Any(l => Figures.IsFigure(l.Text.Split('|', '｜')[^1].Trim()))) return null;
        var rows = new List<List<string?>>();
        var headerRows = -1;
        foreach (var line in run)
        {
            var text = line.Text.Trim();
            if (Separator().IsMatch(text))
            {
                if (headerRows < 0) headerRows = rows.Count;
                continue;
            }
            var inner = text.AsSpan(text[0] is '|' or '｜' ? 1 : 0);
            if (inner.Length > 0 && inner[^1] is '|' or '｜') inner = inner[..^1];
            rows.Add(Cells(inner.ToString(), '|', '｜'));
        }
        if (rows.Count < 2 && headerRows < 0) return null;
        if (rows.Count == 0) return null;
        // A separator after every row (as some converters write) still marks only the first row as the header.
        return Build(rows, headerRows < 0 ? (LooksLikeData(rows[0]) ? 0 : 1) : Math.Min(headerRows, 3));
    }

    /// <summary>Space-aligned rows: at least two, at least one of them a label followed by numbers.</summary>
    private static Table? FromSpacedRows(List<SourceLine> run)
    {
        if (run.Count < 2 || !run.Any(l => SpacedDataRow().IsMatch(l.Text))) return null;
        var rows = run.Select(l => SpacedCells().Split(l.Text.Trim()).Select(c => (string?)c).ToList()).ToList();
        var headerRows = run.TakeWhile(l => !SpacedDataRow().IsMatch(l.Text) && KindOf(l) == RowKind.Spaced).Count();
        return Build(rows, Math.Min(headerRows, 3));
    }

    /// <summary>
    /// "规章 | 0 | 0 | 1": pipe rows without the outer pipes, as some converters write them — short cells, no sentence.
    /// (A line ending with a pipe is a scraper's cell, left to <see cref="PipeTableReader"/>.) A run of them is a table
    /// only when some row ends with a figure (<see cref="FromPipeRows"/>), so a breadcrumb "首页 | 政务公开" stays text.
    /// </summary>
    private static bool IsBarePipeRow(string text)
    {
        if (text.Length < 3 || text[^1] is '|' or '｜' || text.AsSpan().IndexOfAny("|｜") < 0 || text.AsSpan().IndexOfAny("。；;！？") >= 0) return false;
        foreach (var cell in text.Split('|', '｜'))
            if (cell.Trim().Length is 0 or > 40) return false;
        return true;
    }

    /// <summary>Three or more short cells separated by runs of spaces, none a sentence: a header row of an aligned table.</summary>
    private static bool IsSpacedHeaderRow(string text)
    {
        var cells = SpacedCells().Split(text.Trim());
        return cells.Length >= 3 && cells.All(c => c.Length is > 0 and <= 16 && c.AsSpan().IndexOfAny("。；;！？") < 0);
    }

    private static Table Build(List<List<string?>> rows, int headerRows)
    {
        var width = rows.Max(r => r.Count);
        foreach (var row in rows)
            while (row.Count < width) row.Add(null);
        var header = rows.Take(headerRows).Select(r => (IReadOnlyList<string?>)r.Select(c => c is null ? null : CjkSpacing.CloseUp(c)).ToList()).ToList();
        var body = rows.Skip(headerRows).Select(r => (IReadOnlyList<string?>)r).ToList();
        return new Table(null, header, body, []);
    }

    private static List<string?> Cells(string text, params char[] separators)
    {
        var cells = new List<string?>();
        foreach (var range in text.AsSpan().SplitAny(separators))
        {
            var piece = text.AsSpan(range).Trim(" \t\u3000");
            var cell = piece.Length == 0 ? "" : Cleaning.MarkdownMarks.Strip(piece.Length == text.Length ? text : piece.ToString(), out _);
            cells.Add(cell.Length == 0 ? null : cell);
        }
        // Trailing empty cells from a line ending in a tab are not columns.
        while (cells.Count > 1 && cells[^1] is null) cells.RemoveAt(cells.Count - 1);
        return cells;
    }

    /// <summary>
    /// Whether <see cref="Cells"/> would find at least two cells, without building them: this is asked of every line
    /// holding a tab, more than once while a run is read.
    /// </summary>
    private static bool HasTwoCells(string text, char separator)
    {
        var cells = 0;
        foreach (var range in text.AsSpan().Split(separator))
        {
            var piece = text.AsSpan(range).Trim(" \t\u3000");
            // Only a "#" heading mark can strip a piece to nothing ("# #"); every other piece is a cell as it stands.
            if (piece.Length > 0 && (piece[0] != '#' || Cleaning.MarkdownMarks.Strip(piece.ToString(), out _).Length > 0) && ++cells == 2) return true;
        }
        return false;
    }

    /// <summary>How many lines from <paramref name="start"/> (at most three) can sit inside one table: short lines that
    /// are no sentence, no section title and no marked heading — a sub-heading ("第二十条第（五）项") or a label a PDF
    /// extraction broke out of its row ("（三）不", "予公开").</summary>
    private static int BridgeLength(IReadOnlyList<SourceLine> lines, int start)
    {
        var n = 0;
        while (n < 3 && start + n < lines.Count && IsBridge(lines[start + n])) n++;
        return n;
    }

    private static bool IsBridge(SourceLine line)
    {
        if (line.IsTable || line.MarkedHeadingLevel > 0 || line.Text.Length > 20 || line.Text.AsSpan().IndexOfAny("。；;！？，,") >= 0) return false;
        return !(HeadingClassifier.TryMatchNumber(line.Text, out var level, out var length) && level == 1
                 && AnnualReportVocabulary.SectionTitleAtStart(line.Text.AsSpan(length)) is not null);
    }

    private static bool LooksLikeData(List<string?> row) =>
        row.Count(c => Figures.IsFigure(c)) * 2 > row.Count(c => c is not null);

    [GeneratedRegex(@"^[|｜]?\s*:?-{2,}:?\s*(?:[|｜]\s*:?-{2,}:?\s*)*[|｜]?$")]
    private static partial Regex Separator();

    [GeneratedRegex(@"^\S(?:.*?\S)?(?:[ \u3000]{2,}[-+]?\d[\d,.]*%?)+$")]
    private static partial Regex SpacedDataRow();

    [GeneratedRegex(@"[ \u3000]{2,}")]
    private static partial Regex SpacedCells();
}
