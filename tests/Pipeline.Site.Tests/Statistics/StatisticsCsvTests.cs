using System.Text;
using Pipeline.Core.Statistics;
using Pipeline.Site.Statistics;

namespace Pipeline.Site.Tests.Statistics;

public sealed class StatisticsCsvTests
{
    private static StatisticsRecord Record(string publisher, string written) => new("X/2024-1", "x-2024-1", "标题", publisher, "p_x", 2024, 1,
        new ReportStatistics(TemplateVersion.Template2021,
            [new StatisticsTable(StatisticsTableKind.Applications, TemplateVersion.Template2021, 3,
                [new StatisticsCell("1", "total", Figures.Parse(written), written, new CellSource(3, 2, 8))])]));

    [Fact]
    public void Text_from_the_upload_that_a_spreadsheet_would_run_is_defused_and_separators_are_quoted()
    {
        var line = Assert.Single(StatisticsCsv.Lines(Record("=HYPERLINK(\"http://x\",\"点我\"),局", "1,234")));
        Assert.StartsWith("X/2024-1,\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\"),局\",2024,2021,applications,1,", line, StringComparison.Ordinal);
        Assert.EndsWith(",total,总计,1234,\"1,234\"", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_figure_as_written_is_not_altered()
    {
        var line = Assert.Single(StatisticsCsv.Lines(Record("青岚县人民政府", "-3")));
        Assert.EndsWith(",-3,-3", line, StringComparison.Ordinal);
    }

    [Fact]
    public void The_file_starts_with_a_bom_and_the_header()
    {
        var bytes = StatisticsCsv.Report(Record("青岚县人民政府", "5"));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.StartsWith(StatisticsCsv.Header + "\r\n", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3), StringComparison.Ordinal);
    }
}
