using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Pipeline.Site.Html;

namespace Pipeline.Site.Statistics;

/// <summary>
/// A report's template tables as JSON (statistics.json beside its page): the report, then each table with every cell
/// by template row and column key, its label, its number (null when blank) and the cell as written.
/// </summary>
public static class StatisticsJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        // Chinese stays readable; HTML-significant characters are still escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Indented = true,
    };

    public static byte[] Report(SiteOptions site, StatisticsRecord record)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(record);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("indexCode", record.IndexCode);
            json.WriteString("title", record.Title);
            json.WriteString("publisher", record.Publisher);
            if (record.Year is { } year) json.WriteNumber("year", year); else json.WriteNull("year");
            json.WriteString("template", StatisticsLabels.Template(record.Statistics.Version));
            json.WriteString("url", PageLayout.AbsoluteUrl(site, SiteUrls.Report(record.Slug)));
            json.WriteString("csv", PageLayout.AbsoluteUrl(site, StatisticsUrls.ReportCsv(record.Slug)));
            if (record.Timeliness is { } t)
            {
                // How timely the report went public (第二十六条, 第四十九条); null: unknown.
                json.WriteStartObject("timeliness");
                WriteDate(json, "generatedDate", t.GeneratedDate);
                WriteDate(json, "releaseDate", t.ReleaseDate);
                if (t.WorkingDays is { } days) json.WriteNumber("workingDays", days); else json.WriteNull("workingDays");
                json.WriteBoolean("workingDaysExact", t.WorkingDays is not null && !t.CalendarMissing);
                if (t.OverLimit is { } over) json.WriteBoolean("overWorkingDayLimit", over); else json.WriteNull("overWorkingDayLimit");
                WriteDate(json, "annualReportDeadline", t.AnnualReportDeadline);
                if (t.AfterDeadline is { } after) json.WriteBoolean("afterAnnualReportDeadline", after); else json.WriteNull("afterAnnualReportDeadline");
                json.WriteEndObject();
            }
            json.WriteStartArray("tables");
            foreach (var table in record.Statistics.Tables)
            {
                json.WriteStartObject();
                json.WriteString("table", StatisticsLabels.Key(table.Kind));
                json.WriteString("title", StatisticsLabels.Title(table.Kind));
                json.WriteString("template", StatisticsLabels.Template(table.Version));
                json.WriteStartArray("cells");
                foreach (var cell in table.Cells)
                {
                    json.WriteStartObject();
                    json.WriteString("row", cell.Row);
                    json.WriteString("rowLabel", StatisticsLabels.Row(table.Kind, cell.Row));
                    json.WriteString("column", cell.Column);
                    json.WriteString("columnLabel", StatisticsLabels.Column(table.Kind, cell.Row, cell.Column, table.Version));
                    if (cell.Value is { } value) json.WriteNumber("value", value); else json.WriteNull("value");
                    if (cell.Written is { } written) json.WriteString("written", written); else json.WriteNull("written");
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteDate(Utf8JsonWriter json, string name, DateOnly? date)
    {
        if (date is { } d) json.WriteString(name, d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        else json.WriteNull(name);
    }
}
