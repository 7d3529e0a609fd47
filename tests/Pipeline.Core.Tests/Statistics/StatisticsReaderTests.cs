using System.Text;
using Pipeline.Core.Model;
using Pipeline.Core.Statistics;

namespace Pipeline.Core.Tests.Statistics;

public class StatisticsReaderTests
{
    private static ReportAnalysis Analyze(byte[] bytes, string name = "report.txt") => ReportAnalyzer.Analyze(bytes, name);

    public static TheoryData<TemplateReport.Shape, bool> Shapes()
    {
        var data = new TheoryData<TemplateReport.Shape, bool>();
        foreach (var shape in Enum.GetValues<TemplateReport.Shape>())
        {
            data.Add(shape, false);
            data.Add(shape, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_shape_yields_the_three_tables_keyed_by_template_row_and_column(TemplateReport.Shape shape, bool pageBreak)
    {
        var analysis = Analyze(new TemplateReport().Bytes(shape, pageBreak));
        AssertTemplateRead(analysis);
    }

    [Fact]
    public void Html_tables_with_rowspan_and_colspan_are_read()
    {
        AssertTemplateRead(Analyze(Encoding.UTF8.GetBytes(TemplateHtml.Page(new TemplateReport())), "report.html"));
    }

    [Fact]
    public void Docx_tables_with_merged_cells_are_read()
    {
        AssertTemplateRead(Analyze(TemplateDocx.Build(new TemplateReport()), "report.docx"));
    }

    internal static void AssertTemplateRead(ReportAnalysis analysis)
    {
        // Row labels 一、… （一）… inside the tables never become sections.
        Assert.Equal(["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"],
            analysis.Document.Headings.Where(h => h.Level == 1).Select(h => h.DisplayText));
        Assert.DoesNotContain(analysis.Document.Headings, h => h.Text.Contains("公开", StringComparison.Ordinal) && h.Level > 1 && h.Number is not null);
        var statistics = analysis.Document.Statistics;
        Assert.NotNull(statistics);
        Assert.Equal(TemplateVersion.Template2021, statistics.Version);

        var applications = statistics.Table(StatisticsTableKind.Applications)!;
        Assert.Equal(13m, applications.Value("1", "total"));
        Assert.Equal(1m, applications.Value("2", "natural-person"));
        Assert.Equal(6m, applications.Value("3.1", "total"));
        Assert.Equal(1m, applications.Value("3.2", "natural-person"));
        Assert.Equal(1m, applications.Value("3.3.4", "total"));
        Assert.Equal(1m, applications.Value("3.4.1", "legal-service"));
        Assert.Equal(1m, applications.Value("3.6.1", "total"));
        Assert.Equal(0m, applications.Value("3.6.3", "total"));
        Assert.Equal(10m, applications.Value("3.7", "natural-person"));
        Assert.Equal(1m, applications.Value("4", "total"));
        Assert.Equal(30 - 5, applications.Cells.Select(c => c.Row).Distinct().Count()); // every row with cells: all but 三 and the four groups
        Assert.Equal("0", applications.Cell("3.3.1", "research")!.Written);

        var review = statistics.Table(StatisticsTableKind.ReviewAndLitigation)!;
        Assert.Equal(3m, review.Value("review", "total"));
        Assert.Equal(1m, review.Value("litigation-direct", "pending"));
        Assert.Equal(0m, review.Value("litigation-after-review", "total"));

        var proactive = statistics.Table(StatisticsTableKind.ProactiveDisclosure)!;
        Assert.Equal(12m, proactive.Value("normative-documents", "in-force"));
        Assert.Equal(1m, proactive.Value("regulations", "in-force"));
        Assert.Equal(45m, proactive.Value("licensing", "decisions"));
        Assert.Equal(6m, proactive.Value("enforcement", "decisions"));
        Assert.Equal(12.5m, proactive.Value("fees", "amount"));

        Assert.All(statistics.Tables.SelectMany(t => t.Cells), c => Assert.NotNull(c.Source.Line));
        Assert.DoesNotContain(analysis.Verdict.Warnings, w => w.Code.StartsWith("statistics-", StringComparison.Ordinal));
    }

    [Fact]
    public void The_2019_template_is_recognised_by_its_columns_and_its_other_handling_row_without_items()
    {
        var lines = new[]
        {
            "青岚县教育局2020年政府信息公开工作年度报告",
            "二、主动公开政府信息情况",
            "第二十条第（一）项",
            "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量",
            "规章\t0\t0\t0",
            "规范性文件\t2\t2\t9",
            "第二十条第（五）项",
            "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
            "行政许可\t12\t-1\t340",
            "其他对外管理服务事项\t3\t0\t25",
            "第二十条第（九）项",
            "信息内容\t采购项目数量\t采购总金额",
            "政府集中采购\t4\t86.3",
            "三、收到和处理政府信息公开申请情况",
            "\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计",
            "（六）其他处理\t1\t0\t0\t0\t0\t0\t1",
            "（七）总计\t1\t0\t0\t0\t0\t0\t1",
        };
        var statistics = Analyze(Encoding.UTF8.GetBytes(string.Join("\n", lines))).Document.Statistics!;
        Assert.Equal(TemplateVersion.Template2019, statistics.Version);
        var proactive = statistics.Table(StatisticsTableKind.ProactiveDisclosure)!;
        Assert.Equal(9m, proactive.Value("normative-documents", "published-total"));
        Assert.Equal(-1m, proactive.Value("licensing", "change"));
        Assert.Equal(340m, proactive.Value("licensing", "decisions"));
        Assert.Equal(25m, proactive.Value("other-services", "decisions"));
        Assert.Equal(86.3m, proactive.Value("procurement", "procurement-amount"));
        Assert.Equal(1m, statistics.Table(StatisticsTableKind.Applications)!.Value("3.6", "total"));
    }

    [Fact]
    public void A_free_form_table_of_an_older_report_stays_a_table_and_is_no_template_table()
    {
        var sample = File.ReadAllBytes(Path.Combine(TestFiles.SamplesDirectory, "001_ae51e28a24af67cf.txt"));
        var analysis = Analyze(sample, "001_ae51e28a24af67cf.txt");
        Assert.NotEmpty(analysis.Document.Tables);
        Assert.Null(analysis.Document.Statistics);
    }

    [Fact]
    public void Blank_cells_stay_blank_and_zero_stays_zero()
    {
        var report = new TemplateReport();
        report.SetApplication("一、", 2, "—");
        var applications = Analyze(report.Bytes(TemplateReport.Shape.Tabs)).Document.Statistics!.Table(StatisticsTableKind.Applications)!;
        var blank = applications.Cell("1", "research")!;
        Assert.Null(blank.Value);
        Assert.Equal("—", blank.Written);
        Assert.Equal(0m, applications.Cell("1", "social-welfare")!.Value);
    }

    [Fact]
    public void A_row_read_twice_with_different_figures_is_left_out_rather_than_guessed()
    {
        var lines = new[]
        {
            "\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计",
            "一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3",
            "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0",
            "一、本年新收政府信息公开申请数量\t4\t0\t0\t0\t0\t0\t4",
        };
        var applications = Analyze(Encoding.UTF8.GetBytes(string.Join("\n", lines))).Document.Statistics!.Table(StatisticsTableKind.Applications)!;
        Assert.False(applications.HasRow("1"));
        Assert.True(applications.HasRow("2"));
    }

    /// <summary>Section 三 as pdftotext's reading order gives it: the header's words, then cells one per line.</summary>
    private static StatisticsTable ReadingOrderApplications(params string[] cells)
    {
        var lines = new List<string> { "三、收到和处理政府信息公开申请情况", "申请人情况" };
        lines.AddRange(TemplateReport.ApplicantHeader);
        lines.AddRange(cells);
        lines.Add("四、政府信息公开行政复议、行政诉讼情况");
        var statistics = Analyze(Encoding.UTF8.GetBytes(TemplateReport.Title + "\n" + string.Join("\n", lines))).Document.Statistics;
        // No row read at all is no table at all.
        return statistics?.Table(StatisticsTableKind.Applications) ?? new StatisticsTable(StatisticsTableKind.Applications, TemplateVersion.Template2021, null, []);
    }

    private static readonly string[] Received = ["3", "0", "0", "0", "0", "0", "3"];
    private static readonly string[] None = ["0", "0", "0", "0", "0", "0", "0"];

    [Fact]
    public void Reading_order_figures_before_a_label_go_to_the_row_the_template_puts_before_the_next()
    {
        // Row 一's figures under the header, its label after the last row: the figures before 二 are 一's.
        var applications = ReadingOrderApplications([.. Received, "二、上年结转政府信息公开申请数量", .. None, "（七）总计", .. Received, "四、结转下年度继续办理", .. None, "一、本年新收政府信息公开申请数量"]);
        Assert.Equal(3m, applications.Value("1", "natural-person"));
        Assert.Equal(3m, applications.Value("1", "total"));
        Assert.Equal(0m, applications.Value("2", "total"));

        // Without 一's label, or with figures that do not fill its columns, nothing is placed there.
        Assert.False(ReadingOrderApplications([.. Received, "二、上年结转政府信息公开申请数量", .. None, "（七）总计", .. Received]).HasRow("1"));
        var six = ReadingOrderApplications(["3", "0", "0", "0", "0", "3", "二、上年结转政府信息公开申请数量", .. None, "一、本年新收政府信息公开申请数量"]);
        Assert.False(six.HasRow("1"));
        Assert.True(six.HasRow("2"));
    }

    [Fact]
    public void Reading_order_figures_of_two_rows_are_split_only_before_the_next_rows_label_alone()
    {
        // （七）总计's figures run into 四's, and 四's label follows alone: the first seven are （七）'s, the next 四's.
        var split = ReadingOrderApplications(["（七）总计", .. Received, "1", "0", "0", "0", "0", "0", "1", "四、结转下年度继续办理"]);
        Assert.Equal(3m, split.Value("3.7", "total"));
        Assert.Equal(1m, split.Value("4", "natural-person"));
        Assert.Equal(1m, split.Value("4", "total"));

        // Followed by another row's label, or with one figure too few, the fourteen are no one's.
        var other = ReadingOrderApplications(["（七）总计", .. Received, "1", "0", "0", "0", "0", "0", "1", "一、本年新收政府信息公开申请数量"]);
        Assert.False(other.HasRow("3.7"));
        Assert.False(other.HasRow("1"));
        // Reading order also interleaves two rows (a real report's （七）总计 line): halves whose 总计 is not their sum are no one's.
        var interleaved = ReadingOrderApplications(["（七）总计", "0", "21", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "21", "四、结转下年度继续办理"]);
        Assert.False(interleaved.HasRow("3.7"));
        Assert.False(interleaved.HasRow("4"));
        var short_ = ReadingOrderApplications(["二、上年结转政府信息公开申请数量", .. None, "（七）总计", .. Received, "0", "0", "0", "0", "0", "1", "四、结转下年度继续办理"]);
        Assert.False(short_.HasRow("3.7"));
        Assert.False(short_.HasRow("4"));
    }

    /// <summary>Section 四 as small markdown tables, each under the caption given.</summary>
    private static StatisticsTable? CaptionedReview(params (string Caption, string[] Header, string[][] Rows)[] tables)
    {
        var sb = new StringBuilder(TemplateReport.Title + "\n四、政府信息公开行政复议、行政诉讼情况\n");
        foreach (var (caption, header, rows) in tables)
        {
            sb.Append("### ").Append(caption).Append('\n');
            sb.Append("| ").Append(string.Join(" | ", header)).Append(" |\n|").Append(string.Concat(header.Select(_ => "---|"))).Append('\n');
            foreach (var row in rows) sb.Append("| ").Append(string.Join(" | ", row)).Append(" |\n");
            sb.Append('\n');
        }
        return Analyze(Encoding.UTF8.GetBytes(sb.ToString()), "report.md").Document.Statistics?.Table(StatisticsTableKind.ReviewAndLitigation);
    }

    private static readonly string[] ReviewHeader = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

    [Fact]
    public void Section_four_as_captioned_tables_is_read_by_caption_and_header()
    {
        var review = CaptionedReview(
            ("行政复议", ReviewHeader, [["4", "1", "0", "2", "7"]]),
            ("行政诉讼（未经复议直接起诉）", ["总计", "结果维持", "结果纠正", "其他结果", "尚未审结"], [["2", "1", "0", "0", "1"]]),
            ("行政诉讼（复议后起诉）", ReviewHeader, [["0", "0", "0", "0", "0"]]))!;
        Assert.Equal(7m, review.Value("review", "total"));
        Assert.Equal(2m, review.Value("review", "pending"));
        Assert.Equal(2m, review.Value("litigation-direct", "total")); // by the header's columns, not their order
        Assert.Equal(1m, review.Value("litigation-direct", "upheld"));
        Assert.Equal(0m, review.Value("litigation-after-review", "total"));
        Assert.Equal(15, review.Cells.Count);
    }

    [Fact]
    public void A_captioned_table_that_names_no_one_group_or_holds_two_rows_of_figures_is_left_out()
    {
        var review = CaptionedReview(
            ("行政诉讼", ReviewHeader, [["1", "0", "0", "0", "1"]]),                               // which of the two?
            ("行政复议", ReviewHeader, [["4", "1", "0", "2", "7"], ["1", "0", "0", "0", "1"]]),        // two rows
            ("行政诉讼（复议后起诉）", ["结果维持", "结果纠正", "其他结果", "总计"], [["0", "0", "0", "0"]])); // a column short
        Assert.Null(review);
    }

    /// <summary>Section 四 in reading order: the header's words one per line, then the given cells one per line.</summary>
    private static StatisticsTable? ReadingOrderReview(params string[] cells)
    {
        string[] header = ["行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "结果", "维持", "结果", "纠正", "其他", "结果", "尚未", "总 计 结果 结果 其他", "审结", "维持 纠正 结果 审结"];
        var text = string.Join("\n", [TemplateReport.Title, "四、政府信息公开行政复议、行政诉讼情况", .. header, .. cells, "五、存在的主要问题及改进情况", "无。"]);
        return Analyze(Encoding.UTF8.GetBytes(text)).Document.Statistics?.Table(StatisticsTableKind.ReviewAndLitigation);
    }

    [Fact]
    public void Section_four_spread_over_rows_is_read_in_order_only_when_each_group_adds_up()
    {
        var review = ReadingOrderReview("1", "1", "0", "0", "2", "1", "0", "0", "0", "1", "2", "0", "1", "0", "总计", "3")!;
        Assert.Equal(2m, review.Value("review", "total"));
        Assert.Equal(1m, review.Value("litigation-direct", "upheld"));
        Assert.Equal(1m, review.Value("litigation-after-review", "other"));
        Assert.Equal(3m, review.Value("litigation-after-review", "total"));

        // A group whose results do not make its 总计 (the document's own slip, or an order that lost the columns), a
        // label other than a header word between the figures, or one figure short: nothing is read.
        Assert.Null(ReadingOrderReview("10", "1", "0", "0", "0", "0", "0", "0", "0", "0", "5", "0", "0", "0", "总计", "0"));
        Assert.Null(ReadingOrderReview("1", "1", "0", "0", "2", "1", "0", "0", "0", "1", "复议后起诉", "2", "0", "1", "0", "3"));
        Assert.Null(ReadingOrderReview("1", "1", "0", "0", "2", "1", "0", "0", "0", "1", "2", "0", "1", "总计", "3"));
    }
}
