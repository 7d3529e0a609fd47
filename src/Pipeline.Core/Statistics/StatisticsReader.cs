using System.Text.RegularExpressions;
using Pipeline.Core.Model;
using Pipeline.Core.Parsing;

namespace Pipeline.Core.Statistics;

/// <summary>
/// Reads the national template's statistics tables out of the tables the earlier passes recovered, whatever shape they
/// arrived in (.docx and HTML tables with merged cells, tab, pipe and space-aligned rows, one cell per line, a table
/// split across pages): a row is placed by its label — the template's own wording, numbering-checked where the wording
/// alone is ambiguous (（七）总计, 3.其他) — and its figures fill the template's columns in order. Section 四 is one row of
/// fifteen figures under a three-level header, so its figures are taken in reading order after 行政复议.
/// A row whose figures do not fit its template columns is left out rather than guessed, and a row read twice with
/// different figures is dropped: checks must never report an arithmetic error the reader made.
/// </summary>
public static partial class StatisticsReader
{
    private const int ReviewFigures = 15;

    public static ReportStatistics? Read(ParseResult parsed, string? title = null)
    {
        var tables = new List<(Table Table, int? Line)>();
        var blocks = parsed.Document.Blocks;
        for (var i = 0; i < blocks.Count; i++)
            if (blocks[i] is TableBlock block) tables.Add((block.Table, i < parsed.BlockLines.Count ? parsed.BlockLines[i] : null));
        return Read(tables, title);
    }

    public static ReportStatistics? Read(IReadOnlyList<(Table Table, int? Line)> tables, string? title)
    {
        if (tables.Count == 0) return null;
        var version = DetectVersion(tables, title);
        var state = new StatisticsReadState(version);
        foreach (var (table, line) in tables) ReadTable(table, line, state);

        var result = new List<StatisticsTable>();
        foreach (var kind in new[] { StatisticsTableKind.ProactiveDisclosure, StatisticsTableKind.Applications, StatisticsTableKind.ReviewAndLitigation })
        {
            var cells = state.Cells(kind);
            if (cells.Count == 0) continue;
            result.Add(new StatisticsTable(kind, version, state.FirstLine[kind], cells));
        }
        return result.Count == 0 ? null : new ReportStatistics(version, result);
    }

    /// <summary>The edition from the words only one of them uses, else from the report's year (title).</summary>
    public static TemplateVersion DetectVersion(IReadOnlyList<(Table Table, int? Line)> tables, string? title)
    {
        int evidence2019 = 0, evidence2021 = 0;
        foreach (var (table, _) in tables)
        {
            Count(table.Header);
            Count(table.Rows);
        }
        if (evidence2021 > evidence2019) return TemplateVersion.Template2021;
        if (evidence2019 > evidence2021) return TemplateVersion.Template2019;
        return ReportYear(title) switch
        {
            >= 2021 => TemplateVersion.Template2021,
            >= 2019 => TemplateVersion.Template2019,
            _ => TemplateVersion.Unknown,
        };

        void Count(IReadOnlyList<IReadOnlyList<string?>> rows)
        {
            foreach (var row in rows)
                for (var c = 0; c < row.Count; c++) // by index: a foreach over the interface boxes an enumerator per row
                {
                    var cell = row[c];
                    // Every edition word holds one of these characters; most cells (figures, short labels) hold none.
                    if (cell is null || cell.AsSpan().IndexOfAny(EditionWordChars) < 0) continue;
                    var text = Squeeze(cell);
                    if (Words2021().IsMatch(text)) evidence2021++;
                    if (Words2019().IsMatch(text)) evidence2019++;
                }
        }
    }

    /// <summary>The year an annual report is about, from its title ("…2023年政府信息公开工作年度报告"), or null.</summary>
    public static int? ReportYear(string? title)
    {
        if (title is null) return null;
        var m = TitleYear().Match(Squeeze(title));
        return m.Success ? int.Parse(m.Groups["y"].ValueSpan) : null;
    }

    private static void ReadTable(Table table, int? line, StatisticsReadState state)
    {
        var rows = new List<IReadOnlyList<string?>>(table.Header.Count + table.Rows.Count);
        rows.AddRange(table.Header);
        rows.AddRange(table.Rows);
        var tableText = SqueezedText(rows);
        if (ProactiveEvidence().IsMatch(tableText)) state.ProactiveSeen = true;
        var reviewTable = tableText.Contains("行政复议", StringComparison.Ordinal) && ReviewEvidence().IsMatch(tableText);
        var reviewFigures = reviewTable ? new List<List<(string? Written, CellSource Source)>>() : null;

        var inReview = false;
        // A row whose label was not placed but which holds figures: its values are built only if the next row takes them.
        (IReadOnlyList<string?> Row, int LastLabel, int Index)? pending = null;
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var lastLabel = -1;
            for (var c = 0; c < row.Count; c++)
                if (row[c] is { } cell && !Figures.IsFigure(cell.AsSpan().Trim()) && !Figures.IsBlankMark(cell)) lastLabel = c;

            if (reviewFigures is not null && (inReview || RowMentions(row, lastLabel, "行政复议")))
            {
                // Through the three-level header every figure after 行政复议 belongs to section 四, row by row.
                inReview = true;
                var rowFigures = new List<(string? Written, CellSource Source)>();
                for (var c = 0; c < row.Count; c++)
                    if (row[c] is { } cell && (Figures.IsFigure(cell.AsSpan().Trim()) || Figures.IsBlankMark(cell))) rowFigures.Add((cell.Trim(), new CellSource(line, r, c)));
                if (rowFigures.Count > 0) reviewFigures.Add(rowFigures);
                continue;
            }

            var placed = Place(row, lastLabel, state);
            var hasFigures = false;
            for (var c = lastLabel + 1; c < row.Count && !hasFigures; c++) hasFigures = row[c] is not null;
            if (placed is null)
            {
                // Reading order puts a row's figures before its label ("本年处理决定数量", "480", "行政许可"): keep them for the next row.
                pending = hasFigures ? (row, lastLabel, r) : null;
                continue;
            }
            var (kind, templateRow) = placed.Value;
            (IReadOnlyList<string?> Row, int LastLabel, int Index) source = hasFigures || pending is not { } carried || carried.Index != r - 1 ? (row, lastLabel, r) : carried;
            pending = null;
            if (!templateRow.HasCells) continue;
            // A row without a figure places nothing (the 2021 （六）其他处理 is such a row: a group of three items).
            if (!hasFigures && source.Index == r) continue;
            state.Add(kind, templateRow, Values(source.Row, source.LastLabel, source.Index, line), line);
        }

        // The template's one row of fifteen, or one row of five per group. Figures spread over other rows are a reading
        // order that lost the columns (pdftotext without -layout): their order cannot be trusted.
        if (reviewFigures is { Count: 1 or 3 } && reviewFigures.Sum(f => f.Count) == ReviewFigures && reviewFigures.All(f => f.Count == ReviewFigures / reviewFigures.Count))
        {
            var figures = reviewFigures.SelectMany(f => f).ToList();
            var i = 0;
            foreach (var group in StatisticsTemplate.ReviewRows)
                state.Add(StatisticsTableKind.ReviewAndLitigation, group, figures.GetRange(5 * i++, 5), line);
        }
    }

    /// <summary>The cells after a row's last label, trimmed, with where they were read.</summary>
    private static List<(string? Written, CellSource Source)> Values(IReadOnlyList<string?> row, int lastLabel, int r, int? line)
    {
        var values = new List<(string? Written, CellSource Source)>(Math.Max(0, row.Count - lastLabel - 1));
        for (var c = lastLabel + 1; c < row.Count; c++) values.Add((row[c]?.Trim(), new CellSource(line, r, c)));
        return values;
    }

    private static bool RowMentions(IReadOnlyList<string?> row, int lastLabel, string word)
    {
        for (var c = 0; c <= lastLabel; c++)
            if (row[c] is { } cell && cell.Contains(word, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>The template row a table row is, from its label cells (the innermost first: merged outer cells come before it).</summary>
    private static (StatisticsTableKind Kind, TemplateRow Row)? Place(IReadOnlyList<string?> row, int lastLabel, StatisticsReadState state)
    {
        for (var c = lastLabel; c >= 0; c--)
        {
            if (row[c] is not { } cell) continue;
            var text = Squeeze(cell).AsSpan();
            var number = ReadOnlySpan<char>.Empty;
            var numbered = false;
            var rest = text;
            if (HeadingClassifier.TryMatchNumber(text, out _, out var length))
            {
                numbered = true;
                number = text[..length];
                rest = text[length..];
            }
            if (MatchApplicationRow(numbered, number, rest, state) is { } application)
            {
                if (application.Parent is { } parent && parent != "3") state.Group = parent;
                else if (application.Key is "3.3" or "3.4" or "3.5" or "3.6") state.Group = application.Key;
                else state.Group = null;
                return (StatisticsTableKind.Applications, application);
            }
            if (state.ProactiveSeen && MatchProactiveRow(rest) is { } proactive) return (StatisticsTableKind.ProactiveDisclosure, proactive);
        }
        return null;
    }

    private static TemplateRow? MatchApplicationRow(bool numbered, ReadOnlySpan<char> number, ReadOnlySpan<char> rest, StatisticsReadState state)
    {
        foreach (var row in ApplicationRowsIn(state.Version))
        {
            if (!LabelMatches(rest, row.Label)) continue;
            switch (row.Label)
            {
                // Short words that other rows and headers also use: only with the template's numbering or place.
                case "总计" when !numbered || number.IndexOf('七') < 0:
                case "其他" when state.Group != "3.6":
                    continue;
            }
            return row;
        }
        return null;
    }

    private static TemplateRow? MatchProactiveRow(ReadOnlySpan<char> rest)
    {
        if (rest is "规范性文件") return StatisticsTemplate.ProactiveRows[1]; // the 2019 wording
        foreach (var row in StatisticsTemplate.ProactiveRows)
            if (rest.SequenceEqual(row.Label)) return row;
        return null;
    }

    /// <summary>The label alone, or followed by the template's own explanation in brackets (（区分处理的，只计这一情形…）).</summary>
    private static bool LabelMatches(ReadOnlySpan<char> text, string label) =>
        text.StartsWith(label, StringComparison.Ordinal) && (text.Length == label.Length || text[label.Length] is '（' or '(');

    private static readonly TemplateRow[][] ApplicationRowsByVersion =
        [.. Enum.GetValues<TemplateVersion>().Select(v => StatisticsTemplate.ApplicationRows.Where(r => r.In(v)).ToArray())];

    private static TemplateRow[] ApplicationRowsIn(TemplateVersion version) => ApplicationRowsByVersion[(int)version];

    /// <summary>Whitespace removed and quotes unified: the PDF shapes space out labels ("三 、本 年 度办 理 结果").</summary>
    private static string Squeeze(string text)
    {
        if (!NeedsSqueezing(text)) return text;
        var chars = new char[text.Length];
        var n = Squeeze(text, chars);
        return new string(chars, 0, n);
    }

    private static bool NeedsSqueezing(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (char.IsWhiteSpace(c) || c is '\u3000' or '"' or '＂' or '〝') return true;
        return false;
    }

    private static int Squeeze(ReadOnlySpan<char> text, Span<char> into)
    {
        var n = 0;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c == '\u3000') continue;
            into[n++] = c switch { '"' or '＂' or '〝' => '“', _ => c };
        }
        return n;
    }

    /// <summary>The squeezed text of every cell of a table, run together (what the table-wide evidence words are looked for in).</summary>
    private static string SqueezedText(List<IReadOnlyList<string?>> rows)
    {
        // By index: a foreach over a row (an interface) boxes an enumerator per row.
        var length = 0;
        foreach (var row in rows)
            for (var c = 0; c < row.Count; c++)
                length += row[c]?.Length ?? 0;
        var buffer = length <= 4096 ? stackalloc char[length] : new char[length];
        var n = 0;
        foreach (var row in rows)
            for (var c = 0; c < row.Count; c++)
                if (row[c] is { } cell) n += Squeeze(cell, buffer[n..]);
        return new string(buffer[..n]);
    }

    private static readonly System.Buffers.SearchValues<char> EditionWordChars = System.Buffers.SearchValues.Create("本现逾对上政其采");

    [GeneratedRegex("本年制发件数|本年废止件数|现行有效件数|本年收费金额|本年处理决定数量|逾期不补正|逾期未按收费通知")]
    private static partial Regex Words2021();

    [GeneratedRegex("本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|本年增/?减|政府集中采购|其他对外管理服务事项|采购项目数量")]
    private static partial Regex Words2019();

    [GeneratedRegex("第二十条|本年制发件数|本年新制作数量|上一年项目数量|本年处理决定数量")]
    private static partial Regex ProactiveEvidence();

    [GeneratedRegex("维持|纠正|尚未审结|行政诉讼")]
    private static partial Regex ReviewEvidence();

    [GeneratedRegex(@"(?<y>(?:19|20)\d{2})年(?:度)?.{0,30}?年度?报告")]
    private static partial Regex TitleYear();
}
