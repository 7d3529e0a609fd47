using System.Text;
using Pipeline.Core.Statistics;
using Pipeline.Storage;

namespace Pipeline.Core.Tests.Statistics;

public class StatisticsJsonTests
{
    [Fact]
    public void The_parsed_document_keeps_its_statistics_through_json()
    {
        var analysis = ReportAnalyzer.Analyze(new TemplateReport().Bytes(TemplateReport.Shape.Tabs), "report.txt");
        var json = ParsedReportJson.Serialize(analysis);
        var text = Encoding.UTF8.GetString(json);
        Assert.Contains("\"version\": \"template2021\"", text);
        Assert.Contains("\"column\": \"natural-person\"", text);

        var back = ParsedReportJson.Deserialize(json)!;
        var before = analysis.Document.Statistics!;
        var after = back.Document.Statistics!;
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Tables.Select(t => t.Kind), after.Tables.Select(t => t.Kind));
        Assert.Equal(before.Tables.SelectMany(t => t.Cells), after.Tables.SelectMany(t => t.Cells));
    }

    [Fact]
    public void Parsed_json_stored_before_statistics_existed_still_reads()
    {
        var analysis = ReportAnalyzer.Analyze(new TemplateReport().Bytes(TemplateReport.Shape.Tabs), "report.txt");
        var old = analysis with { Document = analysis.Document with { Statistics = null } };
        var json = ParsedReportJson.Serialize(old);
        Assert.DoesNotContain("statistics", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
        var back = ParsedReportJson.Deserialize(json)!;
        Assert.Null(back.Document.Statistics);
        Assert.Equal(analysis.Document.Blocks.Count, back.Document.Blocks.Count);
    }
}
