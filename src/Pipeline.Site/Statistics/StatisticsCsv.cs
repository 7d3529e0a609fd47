using System.Text;
using Pipeline.Core.Statistics;

namespace Pipeline.Site.Statistics;

/// <summary>
/// Template tables as CSV (RFC 4180, UTF-8 with a BOM so spreadsheet programs read the Chinese), one line per cell.
/// A report's file and a year's dataset have the same columns, and the dataset's lines are exactly the lines of the
/// per-report files of that year, in publish order.
/// </summary>
public static class StatisticsCsv
{
    public const string Header = "index_code,publisher,year,template,table,row,row_label,column,column_label,value,written";

    private static readonly UTF8Encoding Utf8Bom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>One report's cells.</summary>
    public static byte[] Report(StatisticsRecord record) => Encode([record]);

    /// <summary>Every cell of the given reports (a year's dataset).</summary>
    public static byte[] Dataset(IEnumerable<StatisticsRecord> records) => Encode(records);

    /// <summary>The data lines (no header) of one report.</summary>
    public static IEnumerable<string> Lines(StatisticsRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        foreach (var table in record.Statistics.Tables)
            foreach (var cell in table.Cells)
            {
                var line = new StringBuilder(160);
                Field(line, record.IndexCode, text: true).Append(',');
                Field(line, record.Publisher, text: true).Append(',');
                line.Append(record.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(',');
                line.Append(StatisticsLabels.Template(table.Version)).Append(',');
                line.Append(StatisticsLabels.Key(table.Kind)).Append(',');
                Field(line, cell.Row, text: false).Append(',');
                Field(line, StatisticsLabels.Row(table.Kind, cell.Row), text: false).Append(',');
                Field(line, cell.Column, text: false).Append(',');
                Field(line, StatisticsLabels.Column(table.Kind, cell.Row, cell.Column, table.Version), text: false).Append(',');
                line.Append(cell.Value is { } v ? StatisticsLabels.Figure(v) : "").Append(',');
                Field(line, cell.Written, text: true);
                yield return line.ToString();
            }
    }

    private static byte[] Encode(IEnumerable<StatisticsRecord> records)
    {
        var text = new StringBuilder(Header).Append("\r\n");
        foreach (var record in records)
            foreach (var line in Lines(record)) text.Append(line).Append("\r\n");
        return [.. Utf8Bom.GetPreamble(), .. Utf8Bom.GetBytes(text.ToString())];
    }

    /// <summary>
    /// A field, quoted when it holds a separator, quote or line break. Text from the upload that a spreadsheet would
    /// run as a formula (=, +, -, @ first) gets a leading apostrophe; figures are never altered.
    /// </summary>
    private static StringBuilder Field(StringBuilder line, string? value, bool text)
    {
        if (string.IsNullOrEmpty(value)) return line;
        if (text && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !Figures.IsFigure(value)) value = "'" + value;
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0) return line.Append(value);
        return line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
