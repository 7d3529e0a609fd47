using System.Text.RegularExpressions;
using Pipeline.Core.Decoding;
using Pipeline.Core.Model;
using Pipeline.Core.Parsing;
using Pipeline.Core.Statistics;

namespace Pipeline.Core.Layout;

/// <summary>
/// The national template's statistics tables as text extracted from a PDF: in reading order (pdftotext without
/// -layout, copy and paste from a viewer) every cell is a line of its own ("第二十条第（一）项", "信息内容", "规章", "0",
/// "0", "0"); in layout mode (pdftotext -layout) a row is a line whose cells are separated by runs of spaces, with
/// header words and long labels wrapped over several lines. From a line that opens one of the template tables, the
/// lines up to the next section title or sentence are read back into one table: a label starts a row and the figures
/// after it fill it; labels before the first figure make the header; a label with an unclosed bracket goes on on the
/// next line. Only the template's own opening words start a table, so prose with short lines is never taken for one.
/// </summary>
public static partial class TemplateTableReader
{
    /// <summary>Longest line that can be one cell (a layout row is longer, and has runs of spaces).</summary>
    private const int MaxCellLength = 40;

    /// <summary>A region needs at least this many figures to be a table.</summary>
    private const int MinFigures = 4;

    /// <summary>Figures that end a long single-spaced line for it to be a row (the template's rows have 1, 2, 3 or 7).</summary>
    private const int RowFigures = 3;

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
            while (end < lines.Count && IsPartOfTable(lines[end])) end++;
            var region = lines.GetRange(i, end - i);
            var tokens = region.ConvertAll(l => Tokens(l.Text)); // once per line: Build reads them again
            if (tokens.Sum(t => t.Count(Figures.IsFigure)) < MinFigures)
            {
                output?.Add(lines[i]);
                i++;
                continue;
            }
            output ??= lines.GetRange(0, i);
            output.Add(new SourceLine(lines[i].Number, string.Join("\n", region.Select(l => l.Text)), Build(tokens)));
            i = end;
        }
        return output ?? lines;
    }

    private static bool IsPartOfTable(SourceLine line)
    {
        if (line.IsTable) return false;
        var text = line.Text;
        if (text.Contains('\t') || text.AsSpan().IndexOfAny("|｜") >= 0) return false; // delimited rows: DelimitedTableReader's
        if (text.AsSpan().IndexOfAny("。；;！？") >= 0) return false;
        // A long line is a layout row (runs of spaces) or a row whose cells a PDF's text joined with single spaces
        // ("（二）部分公开（区分处理的，只计这一情形，不计其他情形） 0 0 0 0 0 0 0"); prose is neither.
        if (text.Length > MaxCellLength && !text.Contains("  ", StringComparison.Ordinal) && !EndsWithFigures(text, RowFigures)) return false;
        // The next section of the report ends the table; a row label numbered like a section does not.
        var trimmed = text.TrimStart();
        if (HeadingClassifier.TryMatchNumber(trimmed, out var level, out var length) && level == 1
            && AnnualReportVocabulary.SectionTitleAtStart(trimmed.AsSpan(length)) is not null
            && !AnnualReportVocabulary.IsTableRowLabel(trimmed.AsSpan(length)))
            return false;
        return true;
    }

    /// <summary>True when the line ends with at least <paramref name="count"/> figures, each after a single space or more.</summary>
    private static bool EndsWithFigures(string text, int count)
    {
        var span = text.AsSpan().TrimEnd(" \u3000");
        for (var n = 0; n < count; n++)
        {
            var space = span.LastIndexOfAny(' ', '\u3000');
            if (space < 0 || !Figures.IsFigure(span[(space + 1)..])) return false;
            span = span[..space].TrimEnd(" \u3000");
        }
        return true;
    }

    /// <summary>Cells split at runs of spaces; figures after a label with single spaces ("规章 0 0 0") split off too.</summary>
    private static List<string> Tokens(string text)
    {
        var tokens = SplitAtSpaceRuns(text.Trim());
        var last = tokens[^1];
        if (last.Length > 0 && last.AsSpan().IndexOfAny(' ', '\u3000') >= 0 && IsFigureRun(last))
        {
            // A row of figures alone, single-spaced ("0 0 0 0 0 0 0 0 0 0 0 0 0 0 0": section 四 under its header).
            tokens.RemoveAt(tokens.Count - 1);
            foreach (var figure in last.Split([' ', '\u3000'], StringSplitOptions.RemoveEmptyEntries)) tokens.Add(figure);
            return tokens;
        }
        // TrailingFigures needs a space before a figure at the end; most tokens have neither, and its lazy label is costly.
        if (last.Length == 0 || last.AsSpan().IndexOfAny(' ', '\u3000') < 0 || !(char.IsDigit(last[^1]) || last[^1] is '.' or ',' or '，' or '%' or '元' or '件' or '条'))
            return tokens;
        var trailing = TrailingFigures().Match(last);
        if (trailing.Success && trailing.Groups["label"].Length > 0)
        {
            tokens[^1] = trailing.Groups["label"].Value;
            tokens.AddRange(trailing.Groups["figure"].Captures.Select(c => c.Value));
        }
        return tokens;
    }

    /// <summary>The text split at runs of two or more spaces (ordinary or full-width), as a regex split on them would.</summary>
    private static List<string> SplitAtSpaceRuns(string text)
    {
        var tokens = new List<string>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] is not (' ' or '\u3000'))
            {
                i++;
                continue;
            }
            var end = i;
            while (end < text.Length && text[end] is ' ' or '\u3000') end++;
            if (end - i >= 2)
            {
                tokens.Add(text[start..i]);
                start = end;
            }
            i = end;
        }
        tokens.Add(start == 0 ? text : text[start..]);
        return tokens;
    }

    private static Table Build(List<List<string>> regionTokens)
    {
        var header = new List<string?>();
        var rows = new List<List<string?>>();
        List<string?>? row = null;
        var figuresSeen = false;
        foreach (var tokens in regionTokens)
        {
            var figures = new List<string?>();
            string? label = null;
            foreach (var token in tokens)
            {
                if (Figures.IsFigure(token)) figures.Add(token);
                else label = label is null ? token : label + " " + token;
            }
            label ??= "";
            if (figures.Count == 0)
            {
                if (!figuresSeen && row is null)
                {
                    header.AddRange(tokens);
                    continue;
                }
                if (row is { Count: 1 } pending && pending[0] is { } open && Unclosed(open))
                {
                    pending[0] = open + label; // "（二）部分公开（区分处理的，只计这一情" / "形，不计其他情形）"
                    continue;
                }
                if (row is not null) rows.Add(row);
                row = [label];
                continue;
            }
            if (!figuresSeen && row is null && header.Count > 0 && label.Length == 0)
            {
                // Reading order: the last header word before the first figure is that row's label.
                row = [header[^1]];
                header.RemoveAt(header.Count - 1);
            }
            figuresSeen = true;
            if (label.Length > 0 && (row is null || row.Count > 1 || !Unclosed(row[0] ?? "")))
            {
                if (row is not null) rows.Add(row);
                row = [label];
            }
            row ??= [null];
            row.AddRange(figures);
        }
        if (row is not null) rows.Add(row);

        var width = Math.Max(1, rows.Count == 0 ? header.Count : rows.Max(r => r.Count));
        foreach (var r in rows)
            while (r.Count < width) r.Add(null);
        IReadOnlyList<IReadOnlyList<string?>> headerRows = header.Count == 0 ? [] : [Fit(header, width)];
        return new Table(null, headerRows, rows.Select(r => (IReadOnlyList<string?>)r).ToList(), []);
    }

    /// <summary>True when the text is figures separated by spaces and nothing else.</summary>
    private static bool IsFigureRun(string text)
    {
        foreach (var range in text.AsSpan().SplitAny(' ', '\u3000'))
        {
            var token = text.AsSpan()[range];
            if (!token.IsEmpty && !Figures.IsFigure(token)) return false;
        }
        return true;
    }

    private static bool Unclosed(string label) => label.Count(c => c is '（' or '(') > label.Count(c => c is '）' or ')');

    /// <summary>Header words laid across the table's width; what does not fit joins the last cell.</summary>
    private static List<string?> Fit(List<string?> cells, int width)
    {
        if (cells.Count <= width)
        {
            var padded = new List<string?>(cells);
            while (padded.Count < width) padded.Add(null);
            return padded;
        }
        var fitted = cells.Take(width - 1).ToList();
        fitted.Add(string.Join(" ", cells.Skip(width - 1)));
        return fitted;
    }

    // The template tables' opening words (国办公开办函〔2019〕60号, 〔2021〕30号).
    [GeneratedRegex(@"^\s*(?:第二十条第[（(][一二三四五六七八九十]+[)）]项|信息内容|[（(]本列数据的勾稽关系|申请人情况|行政复议)")]
    private static partial Regex TableOpening();

    [GeneratedRegex(@"^(?<label>.*?[^\d\s.,+-])(?:[ \u3000]+(?<figure>[-+]?\d[\d,，.]*(?:%|元|万元|件|条)?))+$")]
    private static partial Regex TrailingFigures();
}
