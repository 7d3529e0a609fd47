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
}
