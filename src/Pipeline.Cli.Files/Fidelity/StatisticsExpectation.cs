using System.Globalization;
using System.Text.Json;
using Pipeline.Core.Statistics;

namespace Pipeline.Cli.Fidelity;

/// <summary>
/// The template statistics a careful reader finds in a document (<c>"statistics"</c> of an expectation file), compared
/// cell by cell with what the analyser read. <c>null</c>: no template table can be read (none, or flattened beyond
/// recovery). An object: <c>"version"</c> (2019 or 2021, optional) and <c>"cells"</c>, each <c>"&lt;table&gt;
/// &lt;row&gt; &lt;column&gt;": value</c> — table 二, 三 or 四; row and column by template key or label as the template writes
/// it, or by a numbering the table uses once (<c>"三 一 总计"</c>, <c>"三 （七） 自然人"</c>, <c>"三 3.3.1 总计"</c>,
/// <c>"四 行政复议 总计"</c>, <c>"二 规章 本年制发件数"</c>); value a number, or
/// <c>null</c> for a cell left blank (—, /, empty).
/// </summary>
public static class StatisticsExpectation
{
    public const string Field = "statistics";

    /// <summary>One scored item per expected cell (and per expected version, and for an expected null).</summary>
    public static IEnumerable<(string Field, string? Found, string? Expected, bool Right)> Compare(ReportStatistics? found, JsonElement expected)
    {
        if (expected.ValueKind == JsonValueKind.Undefined) yield break;
        if (expected.ValueKind == JsonValueKind.Null)
        {
            var none = found is null || found.Tables.Count == 0;
            yield return (Field, none ? null : $"{found!.Tables.Sum(t => t.Cells.Count)} cells in {found.Tables.Count} tables", "no template table", none);
            yield break;
        }
        TemplateVersion? edition = null;
        if (expected.TryGetProperty("version", out var version) && version.ValueKind != JsonValueKind.Null)
        {
            var want = "Template" + version.ToString();
            edition = Enum.TryParse<TemplateVersion>(want, out var v) ? v : throw new InvalidDataException($"statistics version \"{version}\": 2019 or 2021");
            var have = found?.Version.ToString() ?? "none";
            yield return (Field, "version " + have, "version " + want, have == want);
        }
        if (!expected.TryGetProperty("cells", out var cells)) yield break;
        foreach (var cell in cells.EnumerateObject())
        {
            var (kind, row, column) = Resolve(cell.Name, edition ?? found?.Version);
            var want = cell.Value.ValueKind == JsonValueKind.Null ? (decimal?)null : cell.Value.GetDecimal();
            var have = found?.Table(kind)?.Cell(row, column);
            var right = have is not null && have.Value == want;
            yield return (Field, $"{cell.Name}: {(have is null ? "no cell" : Show(have.Value))}", $"{cell.Name}: {Show(want)}", right);
        }
    }

    private static string Show(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "blank";

    /// <summary>"三 3.7 总计" → (Applications, "3.7", "total"); an unknown name is an error in the expectation file.</summary>
    public static (StatisticsTableKind Kind, string Row, string Column) Resolve(string name, TemplateVersion? version)
    {
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3) throw new InvalidDataException($"statistics cell \"{name}\": expected \"<table> <row> <column>\"");
        var kind = parts[0] switch
        {
            "二" => StatisticsTableKind.ProactiveDisclosure,
            "三" => StatisticsTableKind.Applications,
            "四" => StatisticsTableKind.ReviewAndLitigation,
            _ => throw new InvalidDataException($"statistics cell \"{name}\": table must be 二, 三 or 四"),
        };
        var rows = StatisticsTemplate.Rows(kind);
        var byNumber = rows.Where(r => r.Number?.TrimEnd('、', '.') == parts[1]).ToList();
        var row = rows.FirstOrDefault(r => parts[1] == r.Key || parts[1] == r.Label || parts[1] == StatisticsTemplate.Display(r))
            ?? (byNumber.Count == 1 ? byNumber[0] : null) // "一", "（七）": numbers used once in the table
            ?? throw new InvalidDataException($"statistics cell \"{name}\": no row \"{parts[1]}\" in table {parts[0]}");
        IEnumerable<TemplateColumn> columns = kind switch
        {
            StatisticsTableKind.Applications => StatisticsTemplate.ApplicationColumns,
            StatisticsTableKind.ReviewAndLitigation => StatisticsTemplate.ReviewColumns,
            _ => version is TemplateVersion.Template2019 or TemplateVersion.Template2021
                ? StatisticsTemplate.ProactiveColumns(row.Key, version.Value)
                : StatisticsTemplate.ProactiveColumns(row.Key, TemplateVersion.Template2021).Concat(StatisticsTemplate.ProactiveColumns(row.Key, TemplateVersion.Template2019)),
        };
        var column = columns.FirstOrDefault(c => parts[2] == c.Key || parts[2] == c.Label)
            ?? throw new InvalidDataException($"statistics cell \"{name}\": no column \"{parts[2]}\" in row {row.Key}");
        return (kind, row.Key, column.Key);
    }
}
