using System.Text;
using Pipeline.Core.Model;
using Pipeline.Core.Statistics;
using Pipeline.Core.Validation;

namespace Pipeline.Core.Tests.Statistics;

/// <summary>Each statistics check with a report that breaks it (the finding names the row, the column and both numbers) and one that keeps it.</summary>
public class StatisticsChecksTests
{
    private static ReportAnalysis Analyze(TemplateReport report, TemplateReport.Shape shape = TemplateReport.Shape.Tabs) =>
        ReportAnalyzer.Analyze(report.Bytes(shape), "report.txt");

    private static IEnumerable<Finding> Statistics(ReportAnalysis analysis) =>
        analysis.Verdict.Warnings.Where(w => w.Code.StartsWith("statistics-", StringComparison.Ordinal));

    [Fact]
    public void A_consistent_report_has_no_statistics_finding()
    {
        var analysis = Analyze(new TemplateReport());
        Assert.Empty(Statistics(analysis));
        Assert.True(analysis.Verdict.Publishable);
    }

    [Fact]
    public void Row_total_not_the_sum_of_the_applicant_columns()
    {
        var report = new TemplateReport();
        report.SetApplication("1.本机关不掌握", 6, "5"); // 2 + 1 + 0 + 0 + 1 + 0 = 4
        var findings = Statistics(Analyze(report)).ToList();
        var row = Assert.Single(findings, f => f.Code == "statistics-row-total-mismatch");
        Assert.Contains("1.本机关不掌握相关政府信息", row.MessageZh);
        Assert.Contains("“总计”列为 5", row.MessageZh);
        Assert.Contains("之和为 4", row.MessageZh);
        Assert.Contains("3.4.1", row.MessageEn);
        Assert.NotNull(row.Location);
    }

    [Fact]
    public void Outcome_total_not_the_sum_of_the_outcomes()
    {
        var report = new TemplateReport();
        report.SetApplication("（七）总计", 0, "11");
        report.SetApplication("（七）总计", 6, "14"); // the row itself still adds up
        report.SetApplication("四、", 0, "0");
        report.SetApplication("四、", 6, "0"); // and 一+二 = 三（七）+四 still holds
        var findings = Statistics(Analyze(report)).ToList();
        var outcome = Assert.Single(findings, f => f.Code == "statistics-outcome-total-mismatch" && f.MessageEn.Contains("(natural-person)"));
        Assert.Contains("“（七）总计”为 11", outcome.MessageZh);
        Assert.Contains("各项之和为 10", outcome.MessageZh);
        Assert.Contains(findings, f => f.Code == "statistics-outcome-total-mismatch" && f.MessageEn.Contains("(total)"));
        Assert.DoesNotContain(findings, f => f.Code is "statistics-balance-mismatch" or "statistics-row-total-mismatch");
    }

    [Fact]
    public void Received_plus_carried_over_not_handled_plus_carried_forward()
    {
        var report = new TemplateReport();
        report.SetApplication("四、", 0, "3");
        report.SetApplication("四、", 6, "3");
        var findings = Statistics(Analyze(report)).ToList();
        Assert.Equal(2, findings.Count); // natural-person and total; the other columns hold
        Assert.All(findings, f => Assert.Equal("statistics-balance-mismatch", f.Code));
        var finding = findings[0];
        // Natural persons: 10 + 1 = 11, but 10 + 3 = 13 (the total column likewise: 14 vs 16).
        Assert.Contains("“自然人”列：第一项加第二项之和为 11（10 + 1），第三项（七）总计加第四项之和为 13（10 + 3）", finding.MessageZh);
        Assert.Contains("natural-person", finding.MessageEn);
    }

    [Fact]
    public void Review_group_total_not_the_sum_of_its_results()
    {
        var report = new TemplateReport();
        report.Review[9] = "3"; // 未经复议直接起诉: 1 + 0 + 0 + 1 = 2
        var finding = Assert.Single(Statistics(Analyze(report)));
        Assert.Equal("statistics-review-total-mismatch", finding.Code);
        Assert.Contains("“未经复议直接起诉”：“总计”为 3，但结果维持、结果纠正、其他结果、尚未审结之和为 2", finding.MessageZh);
        Assert.Contains("litigation-direct", finding.MessageEn);
    }

    [Fact]
    public void Blank_operands_are_not_checked()
    {
        var report = new TemplateReport();
        report.SetApplication("1.本机关不掌握", 0, "—");
        report.Review[0] = "—";
        Assert.Empty(Statistics(Analyze(report)).Select(f => f.MessageEn));
    }

    [Fact]
    public void Text_stating_another_number_than_the_table()
    {
        var report = new TemplateReport { Statement = "2023年，本机关收到政府信息公开申请12件，均按时答复。" };
        var finding = Assert.Single(Statistics(Analyze(report)));
        Assert.Equal("statistics-text-mismatch", finding.Code);
        Assert.Contains("为 12", finding.MessageZh);
        Assert.Contains("“总计”列为 13", finding.MessageZh);
    }

    [Theory]
    [InlineData("2023年，本机关收到政府信息公开申请13件，均按时答复。")] // agrees
    [InlineData("2023年共收到政府信息公开申请14件（含上年结转1件）。")] // includes the carried-over: not row 一
    [InlineData("2023年收到政府信息公开申请12件，较上年减少3件。")] // a comparison: left alone
    public void Text_that_agrees_or_is_ambiguous_passes(string statement)
    {
        Assert.Empty(Statistics(Analyze(new TemplateReport { Statement = statement })));
    }

    [Fact]
    public void A_template_era_report_without_its_tables()
    {
        var text = string.Join("\n", TemplateReport.Title, "一、总体情况", "本年度工作稳步推进。", "二、主动公开政府信息情况", "全年主动公开政府信息320条。", "三、收到和处理政府信息公开申请情况", "本年度未收到申请。");
        var findings = Statistics(ReportAnalyzer.Analyze(Encoding.UTF8.GetBytes(text), "a.txt")).ToList();
        Assert.Equal(3, findings.Count(f => f.Code == "statistics-table-missing"));
        Assert.Contains("2023 年度", findings[0].MessageZh);
    }

    [Fact]
    public void A_report_before_the_template_or_no_annual_report_is_not_asked_for_tables()
    {
        var before = string.Join("\n", "青岚县人民政府2018年政府信息公开工作年度报告", "一、概述", "本年度工作稳步推进。");
        var notice = string.Join("\n", "青岚县人民政府办公室关于2023年政务公开工作要点的通知", "一、总体要求", "全面推进政务公开。");
        Assert.Empty(Statistics(ReportAnalyzer.Analyze(Encoding.UTF8.GetBytes(before), "a.txt")));
        Assert.Empty(Statistics(ReportAnalyzer.Analyze(Encoding.UTF8.GetBytes(notice), "b.txt")));
    }

    [Fact]
    public void Last_years_carried_forward_against_this_years_carried_over()
    {
        var lastYear = new TemplateReport();
        lastYear.SetApplication("四、", 0, "2");
        lastYear.SetApplication("四、", 6, "2");
        lastYear.SetApplication("（七）总计", 0, "9");
        lastYear.SetApplication("（七）总计", 6, "12");
        lastYear.SetApplication("（一）予以公开", 0, "4");
        lastYear.SetApplication("（一）予以公开", 6, "5");
        var previous = Analyze(lastYear).Document.Statistics!;
        var current = Analyze(new TemplateReport()).Document.Statistics!;

        var findings = StatisticsChecks.CompareCarryOver(previous, 2022, current);
        Assert.Equal(2, findings.Count); // natural-person and total: 2 carried forward, 1 carried over
        Assert.All(findings, f => Assert.Equal("statistics-carry-over-mismatch", f.Code));
        Assert.Contains("本年“二、上年结转政府信息公开申请数量”为 1，但 2022 年度报告“四、结转下年度继续办理”为 2", findings[0].MessageZh);
        Assert.Empty(StatisticsChecks.CompareCarryOver(current, 2022, current));
    }

    [Fact]
    public void The_old_parent_equals_its_items_check_no_longer_runs_on_template_tables()
    {
        var report = new TemplateReport();
        Assert.DoesNotContain(Analyze(report).Verdict.Warnings, w => w.Code == "table-total-mismatch");
    }
}
