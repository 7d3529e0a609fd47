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
            if (blocks[i] is TableBlock block)
            {
                // A short heading or line right above a table is its caption when the table has none ("### 行政复议").
                var table = block.Table.Caption is null && i > 0 && blocks[i - 1] switch
                {
                    Heading heading => heading.DisplayText,
                    Paragraph paragraph when paragraph.Text.Length <= MaxReviewCaption => paragraph.Text,
                    _ => null,
                } is { } caption ? block.Table with { Caption = caption } : block.Table;
                tables.Add((table, i < parsed.BlockLines.Count ? parsed.BlockLines[i] : null));
            }
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

        if (!reviewTable && table.Caption is { } caption && ReviewGroupNamed(caption) is { } captioned && ReadReviewGroup(rows, captioned, line, state)) return;

        // The rows placed (and the rows of figures no label placed), in table order, before they are added.
        var entries = new List<PlacedRow>(rows.Count);
        var inReview = false;
        var reviewStrayLabel = false;
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
                // Between the figures only the columns' header words may stand (reading order emits a tall merged
                // header cell late: "…, 0, 总计, 3"); any other label means the figures are not one row in order.
                if (reviewFigures.Count > 0 && !OnlyReviewHeaderWords(row)) reviewStrayLabel = true;
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
                if (hasFigures) entries.Add(new PlacedRow(default, null, Values(row, lastLabel, r, line)));
                continue;
            }
            var (kind, templateRow) = placed.Value;
            (IReadOnlyList<string?> Row, int LastLabel, int Index) source = hasFigures || pending is not { } carried || carried.Index != r - 1 ? (row, lastLabel, r) : carried;
            pending = null;
            if (!templateRow.HasCells) continue;
            if (source.Index != r) entries.RemoveAt(entries.Count - 1); // the figures carried are this row's, no longer loose
            // A row without a figure places nothing by itself (the 2021 （六）其他处理 is such a row: a group of three
            // items), but reading order may have put its figures elsewhere (see ReadingOrder).
            entries.Add(new PlacedRow(kind, templateRow, !hasFigures && source.Index == r ? null : Values(source.Row, source.LastLabel, source.Index, line)));
        }
        foreach (var (kind, templateRow, values) in ReadingOrder(entries, state.Version))
            state.Add(kind, templateRow!, values!, line);

        // The template's one row of fifteen, or one row of five per group. Fifteen figures spread over other rows
        // (pdftotext's reading order: fourteen, the header word 总计, the last) are taken in order only when nothing but
        // header words stands between them and every group's four results add up to its 总计: an order that lost
        // the columns would not, and a document whose own figures do not add up is then left out, not misread.
        if (reviewFigures is null || reviewFigures.Sum(f => f.Count) != ReviewFigures) return;
        var aligned = reviewFigures is { Count: 1 or 3 } && reviewFigures.All(f => f.Count == ReviewFigures / reviewFigures.Count);
        var review = reviewFigures.SelectMany(f => f).ToList();
        if (!aligned && (reviewStrayLabel || !GroupsAddUp(review))) return;
        var i = 0;
        foreach (var group in StatisticsTemplate.ReviewRows)
            state.Add(StatisticsTableKind.ReviewAndLitigation, group, review.GetRange(5 * i++, 5), line);
    }

    /// <summary>Each run of five figures: the first four add up to the fifth (结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计).</summary>
    private static bool GroupsAddUp(List<(string? Written, CellSource Source)> figures)
    {
        for (var g = 0; g + 5 <= figures.Count; g += 5)
            if (!AddsUp(figures.GetRange(g, 5))) return false;
        return true;
    }

    /// <summary>Every value is a number and all but the last add up to the last (a row's total column).</summary>
    private static bool AddsUp(List<(string? Written, CellSource Source)> values)
    {
        decimal sum = 0;
        for (var i = 0; i < values.Count; i++)
        {
            if (Figures.Parse(values[i].Written) is not { } value) return false;
            if (i < values.Count - 1) sum += value;
            else return sum == value;
        }
        return false;
    }

    /// <summary>True when every label cell of the row is made of section 四's column header words (结果 维持 … 总计).</summary>
    private static bool OnlyReviewHeaderWords(IReadOnlyList<string?> row)
    {
        for (var c = 0; c < row.Count; c++)
        {
            if (row[c] is not { } cell || Figures.IsFigure(cell.AsSpan().Trim()) || Figures.IsBlankMark(cell)) continue;
            var text = Squeeze(cell).AsSpan();
            while (!text.IsEmpty)
            {
                var length = 0;
                foreach (var word in ReviewHeaderWords)
                    if (text.StartsWith(word, StringComparison.Ordinal)) length = word.Length;
                if (length == 0) return false;
                text = text[length..];
            }
        }
        return true;
    }

    private static readonly string[] ReviewHeaderWords = ["结果", "维持", "纠正", "其他", "尚未", "审结", "总计"];

    /// <summary>A table row as placed: its template row (null for figures no label placed) and its values (null for a label alone).</summary>
    private readonly record struct PlacedRow(StatisticsTableKind Kind, TemplateRow? Row, List<(string? Written, CellSource Source)>? Values);

    /// <summary>
    /// The rows to add, with what pdftotext's reading order (one cell per line) misplaced put back where the template
    /// leaves no doubt: in section 三, a row with twice its figures directly followed by the next template row's label
    /// alone holds both rows' figures, in order (（七）总计 with 四's figures after it, 四、结转下年度继续办理 alone); and
    /// figures no label placed, directly before a row whose template predecessor stands alone elsewhere in the table,
    /// are that predecessor's (row 一's figures under the header word 总计, its label after （七）总计). Either only when
    /// each row so made has a 总计 equal to the sum of its applicant columns: reading order also interleaves two rows'
    /// figures (a real report's （七）总计 "0 21 0 0 0 0 0 0 0 0 0 0 0 21"), which such a split would misread. Any
    /// other arrangement is left as it is: a row whose figures do not fit is left out, never guessed.
    /// </summary>
    private static IEnumerable<PlacedRow> ReadingOrder(List<PlacedRow> entries, TemplateVersion version)
    {
        var width = StatisticsTemplate.ApplicationColumns.Count;
        var taken = new bool[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (taken[i]) continue;
            if (entry.Row is null)
            {
                if (i + 1 < entries.Count && entries[i + 1] is { Kind: StatisticsTableKind.Applications, Row: { } next, Values: not null }
                    && Written(entry.Values!) is { Count: var n } figures && n == width && AddsUp(figures)
                    && Neighbour(next, version, -1) is { } previous && LabelAlone(previous) is { } alone && !taken[alone])
                {
                    taken[alone] = true;
                    yield return new PlacedRow(StatisticsTableKind.Applications, previous, figures);
                }
                continue;
            }
            if (entry.Values is null) continue;
            if (entry.Kind == StatisticsTableKind.Applications && i + 1 < entries.Count && !taken[i + 1]
                && entries[i + 1] is { Row: { } following, Values: null } && Neighbour(entry.Row, version, 1) == following
                && Written(entry.Values) is { Count: var m } both && m == 2 * width
                && AddsUp(both.GetRange(0, width)) && AddsUp(both.GetRange(width, width)))
            {
                taken[i + 1] = true;
                yield return entry with { Values = both.GetRange(0, width) };
                yield return new PlacedRow(StatisticsTableKind.Applications, following, both.GetRange(width, width));
                continue;
            }
            yield return entry;
        }

        // The one entry that is this template row's label without figures, when no entry gives it figures.
        int? LabelAlone(TemplateRow row)
        {
            int? alone = null;
            for (var j = 0; j < entries.Count; j++)
            {
                if (entries[j].Row != row) continue;
                if (entries[j].Values is not null || alone is not null) return null;
                alone = j;
            }
            return alone;
        }
    }

    private static List<(string? Written, CellSource Source)> Written(List<(string? Written, CellSource Source)> values) =>
        values.FindAll(v => v.Written is not null);

    /// <summary>
    /// The section 三 row with cells just before (<paramref name="step"/> -1) or after (+1) this one in the edition's
    /// template, or null (none, or the edition unknown where the two differ: the 2021 （六）其他处理 is a group).
    /// </summary>
    private static TemplateRow? Neighbour(TemplateRow row, TemplateVersion version, int step)
    {
        var rows = ApplicationRowsIn(version);
        var at = Array.IndexOf(rows, row);
        if (at < 0) return null;
        for (var i = at + step; i >= 0 && i < rows.Length; i += step)
        {
            var candidate = rows[i];
            if (!candidate.HasCells) continue;
            if (candidate.Key == "3.6" && version != TemplateVersion.Template2019) return null;
            return candidate;
        }
        return null;
    }

    /// <summary>The section 四 group a caption over a table of its own names ("行政复议", "行政诉讼（未经复议直接起诉）"), or null.</summary>
    private static TemplateRow? ReviewGroupNamed(string caption)
    {
        var text = Squeeze(caption);
        if (text.Length > MaxReviewCaption) return null;
        var litigation = text.Contains("诉讼", StringComparison.Ordinal) || text.Contains("起诉", StringComparison.Ordinal);
        if (text.Contains("未经复议", StringComparison.Ordinal)) return StatisticsTemplate.ReviewRows[1];
        if (text.Contains("复议后起诉", StringComparison.Ordinal)) return StatisticsTemplate.ReviewRows[2];
        if (text.Contains("行政复议", StringComparison.Ordinal) && !litigation) return StatisticsTemplate.ReviewRows[0];
        return null;
    }

    private const int MaxReviewCaption = 24;

    /// <summary>
    /// Section 四 as three small tables, each under a caption naming its group (an OCR'd report's "### 行政复议" over
    /// "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |"): the figures of its one row of figures, by the header's columns.
    /// A table with more than one row of figures is left out. False when no header row names the five columns.
    /// </summary>
    private static bool ReadReviewGroup(List<IReadOnlyList<string?>> rows, TemplateRow group, int? line, StatisticsReadState state)
    {
        var columns = StatisticsTemplate.ReviewColumns;
        int[]? at = null;
        List<(string? Written, CellSource Source)>? values = null;
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var figures = 0;
            for (var c = 0; c < row.Count; c++)
                if (row[c] is { } cell && (Figures.IsFigure(cell.AsSpan().Trim()) || Figures.IsBlankMark(cell))) figures++;
            if (figures == 0)
            {
                if (at is not null || HeaderColumns(row) is not { } found) continue;
                at = found;
                continue;
            }
            if (at is null) return false;
            if (values is not null) return true;
            values = new List<(string? Written, CellSource Source)>(columns.Count);
            foreach (var c in at) values.Add((c < row.Count ? row[c]?.Trim() : null, new CellSource(line, r, c)));
            if (figures != columns.Count) return true;
        }
        if (at is null) return false;
        if (values is not null) state.Add(StatisticsTableKind.ReviewAndLitigation, group, values, line);
        return true;

        int[]? HeaderColumns(IReadOnlyList<string?> row)
        {
            var found = new int[columns.Count];
            Array.Fill(found, -1);
            for (var c = 0; c < row.Count; c++)
            {
                if (row[c] is not { } cell) continue;
                var text = Squeeze(cell.Trim());
                for (var k = 0; k < columns.Count; k++)
                {
                    if (text != columns[k].Label) continue;
                    if (found[k] >= 0) return null;
                    found[k] = c;
                }
            }
            return Array.IndexOf(found, -1) < 0 ? found : null;
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
            // A group label with its row run into it, as a single-spaced PDF row merges the label cells
            // ("三、本年度办理结果 （七）总计 0 0 …", "（三）不予公开 1.属于国家秘密 0 0 …"): the row is the item.
            if (rest.Length > row.Label.Length && rest.StartsWith(row.Label, StringComparison.Ordinal)
                && rest[row.Label.Length..] is var after && HeadingClassifier.TryMatchNumber(after, out _, out var itemNumber)
                && MatchApplicationRow(true, after[..itemNumber], after[itemNumber..], state) is { } item && item.Parent == row.Key)
                return item;
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
