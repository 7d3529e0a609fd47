using System.Globalization;
using System.Text.RegularExpressions;
using Pipeline.Core.Model;

namespace Pipeline.Core.Validation;

/// <summary>A parent row whose figure is not the sum of its numbered sub-rows.</summary>
public sealed record TotalMismatch(string ParentLabel, decimal ParentValue, decimal ChildSum, int ChildCount);

/// <summary>
/// Checks statistics tables: a parent row "(一)收到申请数" must equal the sum of the numbered rows under it
/// ("1、当面申请数", "2、…") when the parent and every sub-row have a figure and the numbering runs 1..n without gaps.
/// "其中:" rows are breakdowns of a sub-row and are skipped. Empty cells mean "not reported", so nothing is checked.
/// </summary>
public static partial class TableTotals
{
    public static IReadOnlyList<TotalMismatch> Check(Table table)
    {
        var mismatches = new List<TotalMismatch>();
        var valueColumn = ValueColumn(table);
        if (valueColumn <= 0) return mismatches;

        var rows = table.Rows;
        for (var r = 0; r < rows.Count; r++)
        {
            var label = rows[r][0];
            if (label is null || !Parent().IsMatch(label)) continue;

            var children = new List<decimal?>();
            var expectedNumber = 1;
            var c = r + 1;
            for (; c < rows.Count; c++)
            {
                var childLabel = rows[c][0] ?? "";
                if (childLabel.StartsWith("其中", StringComparison.Ordinal)) continue;
                var child = Child().Match(childLabel);
                if (!child.Success || int.Parse(child.Groups["n"].ValueSpan) != expectedNumber) break;
                children.Add(Number(rows[c][valueColumn]));
                expectedNumber++;
            }
            if (children.Count < 2 || Number(rows[r][valueColumn]) is not { } parentValue || children.Any(v => v is null)) continue;
            var sum = children.Sum(v => v!.Value);
            if (sum != parentValue) mismatches.Add(new TotalMismatch(label, parentValue, sum, children.Count));
        }
        return mismatches;
    }

    /// <summary>The figures column: the header cell naming a count (统计数/数量/合计…), else the last column.</summary>
    private static int ValueColumn(Table table)
    {
        if (table.ColumnCount < 2) return -1;
        if (table.Header.Count > 0)
            for (var i = table.Header[0].Count - 1; i > 0; i--)
                if (table.Header[0][i] is { } h && ValueHeader().IsMatch(h)) return i;
        return table.ColumnCount - 1;
    }

    private static decimal? Number(string? cell) =>
        cell is not null && decimal.TryParse(cell.Replace(",", "").Replace("，", "").Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    [GeneratedRegex(@"^[(（][一二三四五六七八九十]{1,3}[)）]")]
    private static partial Regex Parent();

    [GeneratedRegex(@"^(?<n>\d{1,2})[、.．]")]
    private static partial Regex Child();

    [GeneratedRegex(@"统计数|数量|数值|合计|总计|数据|件数|金额")]
    private static partial Regex ValueHeader();
}
