using System.Text.RegularExpressions;
using Pipeline.Core.Decoding;
using Pipeline.Core.Model;
using Pipeline.Core.Parsing;

namespace Pipeline.Core.Layout;

/// <summary>
/// Text extracted from a PDF in reading order (pdftotext without -layout, copy and paste from a viewer) puts every
/// cell of the national template's statistics tables on a line of its own: "第二十条第（一）项", "信息内容",
/// "本年制发件数", …, "规章", "0", "0", "0". From a line that opens one of the template tables, the short lines up
/// to the next section title or sentence are read back into rows: a label starts a row and the figures after it
/// fill it; the labels before the first row are the header. Only the template's own opening words start a table,
/// so prose with short lines is never taken for one.
/// </summary>
public static partial class CellPerLineTableReader
{
    /// <summary>Longest line that can be one cell.</summary>
    private const int MaxCellLength = 40;

    /// <summary>A region needs at least this many figures to be a table.</summary>
    private const int MinFigures = 4;

    public static List<SourceLine> Read(List<SourceLine> lines)
    {
        List<SourceLine>? output = null;
        var i = 0;
        while (i < lines.Count)
        {
            if (lines[i].IsTable || !TableOpening().IsMatch(lines[i].Text))
            {
                output?.Add(lines[i]);
                i++;
                continue;
            }
            var end = i + 1;
            while (end < lines.Count && IsCell(lines[end])) end++;
            var region = lines.GetRange(i, end - i);
            if (region.Count(l => Figure().IsMatch(l.Text)) < MinFigures)
            {
                output?.Add(lines[i]);
                i++;
                continue;
            }
            output ??= lines.GetRange(0, i);
            var table = Build(region);
            var flat = string.Join("\n", region.Select(l => l.Text));
            output.Add(new SourceLine(lines[i].Number, flat, table));
            i = end;
        }
        return output ?? lines;
    }

    private static bool IsCell(SourceLine line)
    {
        if (line.IsTable) return false;
        var text = line.Text;
        if (text.Length > MaxCellLength || text.AsSpan().IndexOfAny("。；;！？") >= 0) return false;
        // The next section of the report ends the table; a row label numbered like a section does not.
        if (HeadingClassifier.TryMatchNumber(text, out var level, out var length) && level == 1
            && AnnualReportVocabulary.SectionTitleAtStart(text.AsSpan(length)) is not null
            && !AnnualReportVocabulary.IsTableRowLabel(text.AsSpan(length)))
            return false;
        return true;
    }

    private static Table Build(List<SourceLine> region)
    {
        var firstFigure = region.FindIndex(l => Figure().IsMatch(l.Text));
        // The label of the first row stands right before its first figure; everything above it is the header.
        var headerEnd = Math.Max(0, firstFigure - 1);
        var header = region.Take(headerEnd).Select(l => (string?)l.Text).ToList();

        var rows = new List<List<string?>>();
        List<string?>? row = null;
        foreach (var line in region.Skip(headerEnd))
        {
            var text = line.Text;
            if (Figure().IsMatch(text))
            {
                row ??= [null];
                row.Add(text);
                continue;
            }
            var startsRow = row is null || row.Count > 1 || HeadingClassifier.TryMatchNumber(text, out _, out _) || AnnualReportVocabulary.IsTableRowLabel(text);
            if (startsRow)
            {
                if (row is not null) rows.Add(row);
                row = [text];
            }
            else
            {
                row![0] += text; // a label wrapped over two lines
            }
        }
        if (row is not null) rows.Add(row);

        var width = Math.Max(header.Count > 0 ? 1 : 0, rows.Count == 0 ? 1 : rows.Max(r => r.Count));
        foreach (var r in rows)
            while (r.Count < width) r.Add(null);
        IReadOnlyList<IReadOnlyList<string?>> headerRows = header.Count == 0 ? [] : [PadOrJoin(header, width)];
        return new Table(null, headerRows, rows.Select(r => (IReadOnlyList<string?>)r).ToList(), []);
    }

    /// <summary>Header cells laid across the table's width; what does not fit joins the last cell.</summary>
    private static List<string?> PadOrJoin(List<string?> cells, int width)
    {
        if (cells.Count <= width)
        {
            var padded = new List<string?>(cells);
            while (padded.Count < width) padded.Add(null);
            return padded;
        }
        var joined = cells.Take(width - 1).ToList();
        joined.Add(string.Join(" ", cells.Skip(width - 1)));
        return joined;
    }

    // The template tables' opening words (国办公开办函〔2019〕60号, 〔2021〕30号).
    [GeneratedRegex(@"^(?:第二十条第[（(][一二三四五六七八九十]+[)）]项|信息内容|[（(]本列数据的勾稽关系|申请人情况|行政复议)")]
    private static partial Regex TableOpening();

    [GeneratedRegex(@"^[-+]?\d[\d,，.]*%?$")]
    private static partial Regex Figure();
}
