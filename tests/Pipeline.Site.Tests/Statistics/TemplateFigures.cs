using System.Text;
using Pipeline.Core;
using Pipeline.Core.Statistics;

namespace Pipeline.Site.Tests.Statistics;

/// <summary>
/// A 2021-template annual report written for these tests (tab-separated tables, as Word copies them into text), its
/// figures chosen per test and consistent with the template's rules; analysed by the real analyser, so the statistics
/// the site publishes are the model analysis produced.
/// </summary>
internal sealed record TemplateFigures(int Year, int Received, int CarriedOver, int Disclosed, int Unavailable, int ReviewCorrected, int LitigationCorrected, string Fees = "12.5")
{
    public int CarriedForward => Received + CarriedOver - Disclosed - Unavailable;

    /// <param name="header">Lines before the title (索引号, 公开范围, 发布日期 …), as uploads carry them.</param>
    public string Text(string agency, string header = "")
    {
        var sb = new StringBuilder(header);
        sb.AppendLine(agency + Year + "年政府信息公开工作年度报告");
        sb.AppendLine("一、总体情况");
        sb.AppendLine(Year + "年，本机关依照条例推进政务公开，各项工作按计划完成。");
        sb.AppendLine("二、主动公开政府信息情况");
        Row(sb, "第二十条第（一）项");
        Row(sb, "信息内容", "本年制发件数", "本年废止件数", "现行有效件数");
        Row(sb, "规章", "0", "0", "1");
        Row(sb, "行政规范性文件", "2", "1", "9");
        Row(sb, "第二十条第（五）项");
        Row(sb, "信息内容", "本年处理决定数量");
        Row(sb, "行政许可", "30");
        Row(sb, "第二十条第（六）项");
        Row(sb, "信息内容", "本年处理决定数量");
        Row(sb, "行政处罚", "15");
        Row(sb, "行政强制", "2");
        Row(sb, "第二十条第（八）项");
        Row(sb, "信息内容", "本年收费金额（单位：万元）");
        Row(sb, "行政事业性收费", Fees);
        sb.AppendLine("三、收到和处理政府信息公开申请情况");
        Row(sb, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况");
        Row(sb, "", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计");
        Row(sb, ["一、本年新收政府信息公开申请数量", .. Seven(Received)]);
        Row(sb, ["二、上年结转政府信息公开申请数量", .. Seven(CarriedOver)]);
        Row(sb, ["三、本年度办理结果", "（一）予以公开", .. Seven(Disclosed)]);
        Row(sb, ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", .. Seven(0)]);
        Row(sb, "（三）不予公开");
        foreach (var label in new[] { "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项" })
            Row(sb, [label, .. Seven(0)]);
        Row(sb, "（四）无法提供");
        Row(sb, ["1.本机关不掌握相关政府信息", .. Seven(Unavailable)]);
        Row(sb, ["2.没有现成信息需要另行制作", .. Seven(0)]);
        Row(sb, ["3.补正后申请内容仍不明确", .. Seven(0)]);
        Row(sb, "（五）不予处理");
        foreach (var label in new[] { "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息" })
            Row(sb, [label, .. Seven(0)]);
        Row(sb, "（六）其他处理");
        Row(sb, ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", .. Seven(0)]);
        Row(sb, ["2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", .. Seven(0)]);
        Row(sb, ["3.其他", .. Seven(0)]);
        Row(sb, ["（七）总计", .. Seven(Disclosed + Unavailable)]);
        Row(sb, ["四、结转下年度继续办理", .. Seven(CarriedForward)]);
        sb.AppendLine("四、政府信息公开行政复议、行政诉讼情况");
        Row(sb, "行政复议", "行政诉讼");
        Row(sb, "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉");
        Row(sb, "1", N(ReviewCorrected), "0", "0", N(1 + ReviewCorrected), "0", N(LitigationCorrected), "0", "0", N(LitigationCorrected), "0", "0", "0", "0", "0");
        sb.AppendLine("五、存在的主要问题及改进情况");
        sb.AppendLine("解读形式仍较单一，下一步将增加图解。");
        sb.AppendLine("六、其他需要报告的事项");
        sb.AppendLine("本年度未收取信息处理费。");
        sb.AppendLine(agency);
        sb.AppendLine((Year + 1) + "年1月20日");
        return sb.ToString();
    }

    /// <summary>The statistics the real analyser reads from <see cref="Text"/>.</summary>
    public ReportStatistics Analyse(string agency)
    {
        var analysis = ReportAnalyzer.Analyze(Encoding.UTF8.GetBytes(Text(agency)), "report.txt");
        return analysis.Document.Statistics ?? throw new InvalidOperationException("the analyser read no template table");
    }

    private static string N(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string[] Seven(int naturalPerson) => [N(naturalPerson), "0", "0", "0", "0", "0", N(naturalPerson)];

    private static void Row(StringBuilder sb, params string[] cells) => sb.AppendLine(string.Join('\t', cells));
}
