using System.Text.RegularExpressions;
using Pipeline.Core.Decoding;
using Pipeline.Core.Model;
using Pipeline.Core.Statistics;

namespace Pipeline.Core.Validation;

/// <summary>
/// The arithmetic the national template's statistics tables promise, checked cell by cell, and the figures the report's
/// text states for them. A blank cell means "not reported": a sum with a blank operand is not checked, so only numbers
/// the agency wrote can be called wrong. All findings are warnings: the report is published as written.
/// </summary>
public static partial class StatisticsChecks
{
    private static readonly string[] OutcomeGroups = ["3.3", "3.4", "3.5"];

    public static IReadOnlyList<Finding> Check(ReportStatistics? statistics, string? title, IReadOnlyList<SourceLine> lines)
    {
        var findings = new List<Finding>();
        if (statistics?.Table(StatisticsTableKind.Applications) is { } applications)
        {
            var grid = new Grid(applications);
            CheckRowTotals(grid, findings);
            CheckOutcomeTotals(grid, findings);
            CheckBalance(grid, findings);
        }
        if (statistics?.Table(StatisticsTableKind.ReviewAndLitigation) is { } review) CheckReview(new Grid(review), findings);
        CheckMissing(statistics, title, findings);
        if (statistics is not null) CheckText(statistics, lines, findings);
        return findings;
    }

    /// <summary>
    /// Last year's 四、结转下年度继续办理 against this year's 二、上年结转, column by column, for two reports of one agency.
    /// Pure: the publishing side finds the previous report in its catalog and calls this.
    /// </summary>
    public static IReadOnlyList<Finding> CompareCarryOver(ReportStatistics previous, int previousYear, ReportStatistics current)
    {
        var findings = new List<Finding>();
        if (previous.Table(StatisticsTableKind.Applications) is not { } before || current.Table(StatisticsTableKind.Applications) is not { } now) return findings;
        foreach (var column in StatisticsTemplate.ApplicationColumns)
            if (before.Value("4", column.Key) is { } forward && now.Value("2", column.Key) is { } over && forward != over)
                findings.Add(Findings.StatisticsCarryOverMismatch(column, previousYear, forward, over, now.Cell("2", column.Key)?.Source.Line));
        return findings;
    }

    /// <summary>Every row: 总计 = the six applicant columns.</summary>
    private static void CheckRowTotals(Grid table, List<Finding> findings)
    {
        foreach (var row in StatisticsTemplate.ApplicationRows)
        {
            if (table.Value(row.Key, "total") is not { } total) continue;
            var sum = 0m;
            var complete = true;
            foreach (var column in StatisticsTemplate.ApplicantColumns)
            {
                if (table.Value(row.Key, column.Key) is { } part) sum += part;
                else complete = false;
            }
            if (complete && sum != total) findings.Add(Findings.StatisticsRowTotalMismatch(row, total, sum, table.Cell(row.Key, "total")?.Source.Line));
        }
    }

    /// <summary>Every column: （七）总计 = （一）+（二）+ the items of （三）–（六） (（六） itself in the 2019 edition).</summary>
    private static void CheckOutcomeTotals(Grid table, List<Finding> findings)
    {
        var otherItems = table.HasRow("3.6.1") || table.HasRow("3.6.2") || table.HasRow("3.6.3") || table.Version == TemplateVersion.Template2021;
        var operands = OutcomeOperands[(int)table.Version][otherItems ? 1 : 0];
        foreach (var column in StatisticsTemplate.ApplicationColumns)
        {
            if (table.Value("3.7", column.Key) is not { } total) continue;
            var sum = 0m;
            var complete = true;
            foreach (var key in operands)
            {
                if (table.Value(key, column.Key) is { } value) sum += value;
                else
                {
                    complete = false;
                    break;
                }
            }
            if (complete && sum != total) findings.Add(Findings.StatisticsOutcomeTotalMismatch(column, total, sum, table.Cell("3.7", column.Key)?.Source.Line));
        }
    }

    /// <summary>The rows （七）总计 adds up, per edition (indexed by <see cref="TemplateVersion"/>), without and with （六）'s three items.</summary>
    private static readonly string[][][] OutcomeOperands =
        [.. Enum.GetValues<TemplateVersion>().Select(version => new[] { false, true }.Select(otherItems =>
        {
            var operands = new List<string> { "3.1", "3.2" };
            foreach (var group in OutcomeGroups)
                operands.AddRange(StatisticsTemplate.ApplicationRows.Where(r => r.Parent == group && r.In(version)).Select(r => r.Key));
            if (otherItems) operands.AddRange(["3.6.1", "3.6.2", "3.6.3"]);
            else operands.Add("3.6");
            return operands.ToArray();
        }).ToArray())];

    /// <summary>Every column: 一 + 二 = 三（七）总计 + 四.</summary>
    private static void CheckBalance(Grid table, List<Finding> findings)
    {
        foreach (var column in StatisticsTemplate.ApplicationColumns)
        {
            if (table.Value("1", column.Key) is not { } received || table.Value("2", column.Key) is not { } over
                || table.Value("3.7", column.Key) is not { } total || table.Value("4", column.Key) is not { } forward) continue;
            if (received + over != total + forward)
                findings.Add(Findings.StatisticsBalanceMismatch(column, received, over, total, forward, table.Cell("1", column.Key)?.Source.Line));
        }
    }

    /// <summary>Each of the three groups: 维持 + 纠正 + 其他 + 尚未审结 = 总计.</summary>
    private static void CheckReview(Grid table, List<Finding> findings)
    {
        foreach (var group in StatisticsTemplate.ReviewRows)
        {
            if (table.Value(group.Key, "total") is not { } total) continue;
            var parts = new[] { "upheld", "corrected", "other", "pending" }.Select(c => table.Value(group.Key, c)).ToList();
            if (parts.Any(p => p is null)) continue;
            var sum = parts.Sum(p => p!.Value);
            if (sum != total) findings.Add(Findings.StatisticsReviewTotalMismatch(group, total, sum, table.Cell(group.Key, "total")?.Source.Line));
        }
    }

    /// <summary>An annual report on 2019 or later must carry the three tables of the template.</summary>
    private static void CheckMissing(ReportStatistics? statistics, string? title, List<Finding> findings)
    {
        if (title is null || !AnnualReportTitle().IsMatch(title) || StatisticsReader.ReportYear(title) is not (>= 2019 and var year)) return;
        foreach (var kind in new[] { StatisticsTableKind.ProactiveDisclosure, StatisticsTableKind.Applications, StatisticsTableKind.ReviewAndLitigation })
            if (statistics?.Table(kind) is null) findings.Add(Findings.StatisticsTableMissing(kind, year));
    }

    /// <summary>
    /// Figures the text states for a cell ("本年新收政府信息公开申请12件"), compared with the table. Only sentences that can
    /// mean one cell count: none that compares with last year or mentions carried-over applications unless that is the
    /// cell, and a cell the text states twice with different numbers is left alone.
    /// </summary>
    private static void CheckText(ReportStatistics statistics, IReadOnlyList<SourceLine> lines, List<Finding> findings)
    {
        var stated = new Dictionary<(StatisticsTableKind Kind, string Row, string Column), List<(decimal Value, int Line)>>();
        foreach (var line in lines)
        {
            // Every statement names 申请 or 结转 and a figure: most lines of a report have neither, and the regexes are the cost.
            if (line.IsTable || !MayStateAFigure(line.Text)) continue;
            foreach (var clause in ClauseSplit().Split(line.Text))
                foreach (var statement in Statements)
                {
                    var match = statement.Pattern.Match(clause);
                    if (!match.Success || match.NextMatch().Success || statement.Ambiguous.IsMatch(clause)) continue;
                    if (!decimal.TryParse(match.Groups["n"].ValueSpan, out var value)) continue;
                    var key = (statement.Kind, statement.Row, statement.Column);
                    if (!stated.TryGetValue(key, out var list)) stated[key] = list = [];
                    list.Add((value, line.Number));
                }
        }
        foreach (var ((kind, row, column), values) in stated)
        {
            if (values.Select(v => v.Value).Distinct().Count() != 1) continue;
            if (statistics.Table(kind) is not { } table || table.Cell(row, column) is not { Value: { } inTable } cell) continue;
            if (values[0].Value == inTable) continue;
            var templateRow = StatisticsTemplate.Row(kind, row)!;
            var templateColumn = StatisticsTemplate.Column(kind, row, column, table.Version)!;
            findings.Add(Findings.StatisticsTextMismatch(kind, templateRow, templateColumn, values[0].Value, inTable, values[0].Line, cell.Source.Line));
        }
    }

    /// <summary>
    /// A table's cells by row, each row's cells by column position: the checks look up several hundred cells of a table
    /// of ~200 (one small array per row instead of a dictionary entry per cell).
    /// </summary>
    private sealed class Grid
    {
        private readonly StatisticsTable table;
        private readonly IReadOnlyList<TemplateColumn> columns;
        private readonly Dictionary<string, StatisticsCell?[]> rows = new(StringComparer.Ordinal);

        public Grid(StatisticsTable table)
        {
            this.table = table;
            columns = table.Kind == StatisticsTableKind.ReviewAndLitigation ? StatisticsTemplate.ReviewColumns : StatisticsTemplate.ApplicationColumns;
            foreach (var cell in table.Cells)
            {
                if (!rows.TryGetValue(cell.Row, out var row)) rows[cell.Row] = row = new StatisticsCell?[columns.Count];
                if (ColumnIndex(cell.Column) is >= 0 and var c) row[c] ??= cell; // the first, as StatisticsTable.Cell finds it
            }
        }

        public TemplateVersion Version => table.Version;

        public StatisticsCell? Cell(string row, string column) => ColumnIndex(column) switch
        {
            < 0 => table.Cell(row, column),
            var c => rows.TryGetValue(row, out var cells) ? cells[c] : null,
        };

        public decimal? Value(string row, string column) => Cell(row, column)?.Value;

        public bool HasRow(string row) => rows.ContainsKey(row);

        private int ColumnIndex(string key)
        {
            for (var i = 0; i < columns.Count; i++)
                if (columns[i].Key == key) return i;
            return -1;
        }
    }

    private static bool MayStateAFigure(string text) =>
        (text.Contains("申请", StringComparison.Ordinal) || text.Contains("结转", StringComparison.Ordinal)) && text.AsSpan().IndexOfAnyInRange('0', '9') >= 0;

    private sealed record Statement(StatisticsTableKind Kind, string Row, string Column, Regex Pattern, Regex Ambiguous);

    private static readonly Statement[] Statements =
    [
        new(StatisticsTableKind.Applications, "1", "total", NewReceived(), Comparison()),
        new(StatisticsTableKind.Applications, "2", "total", CarriedOver(), CarriedOverComparison()),
        new(StatisticsTableKind.Applications, "4", "total", CarriedForward(), CarriedForwardComparison()),
    ];

    [GeneratedRegex(@"(?:新收|收到)(?:各类|各种)?(?:政府信息公开|信息公开|依申请公开)?申请(?:共计|共|合计|总计|总数)?(?:为)?\s*(?<n>\d+)\s*(?:件|个|份|条)", RegexOptions.CultureInvariant)]
    private static partial Regex NewReceived();

    // A total of new applications "including those carried over", or compared with last year's, is not row 一.
    [GeneratedRegex("(?:其中|含|包括|加上).{0,8}结转|去年|同比|较上年|上年度?(?:共)?收到|以来|累计", RegexOptions.CultureInvariant)]
    private static partial Regex Comparison();

    [GeneratedRegex(@"上年(?:度)?结转(?:的)?(?:政府信息公开)?申请(?:共计|共)?(?:为)?\s*(?<n>\d+)\s*(?:件|个|份|条)", RegexOptions.CultureInvariant)]
    private static partial Regex CarriedOver();

    [GeneratedRegex("去年|同比|较上年", RegexOptions.CultureInvariant)]
    private static partial Regex CarriedOverComparison();

    [GeneratedRegex(@"结转(?:至)?下(?:一)?年度?(?:继续办理)?(?:的)?(?:申请)?(?:共计|共)?(?:为)?\s*(?<n>\d+)\s*(?:件|个|份|条)", RegexOptions.CultureInvariant)]
    private static partial Regex CarriedForward();

    [GeneratedRegex("去年|同比|较上年|上年度?结转下", RegexOptions.CultureInvariant)]
    private static partial Regex CarriedForwardComparison();

    [GeneratedRegex("[。；;！？!?]")]
    private static partial Regex ClauseSplit();

    [GeneratedRegex("年度?报告")]
    private static partial Regex AnnualReportTitle();
}
