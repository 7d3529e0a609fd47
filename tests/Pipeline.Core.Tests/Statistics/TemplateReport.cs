using System.Text;

namespace Pipeline.Core.Tests.Statistics;

/// <summary>
/// A 2021-template annual report whose three statistics tables can be written in every shape agencies upload them in
/// (Word copied as tabs, markdown pipes, PDF layout and reading order, scraper pipes, HTML, split across pages). The
/// figures are consistent (every template rule holds) unless a test changes one.
/// </summary>
public sealed class TemplateReport
{
    public const string Title = "青岚县人民政府2023年政府信息公开工作年度报告";

    public static readonly string[] ApplicantHeader = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"];

    /// <summary>Section 三 rows: label as the template writes it, and its seven figures (null for group rows).</summary>
    public List<(string Outer, string Label, string?[]? Figures)> Applications { get; } =
    [
        ("", "一、本年新收政府信息公开申请数量", ["10", "2", "0", "0", "1", "0", "13"]),
        ("", "二、上年结转政府信息公开申请数量", ["1", "0", "0", "0", "0", "0", "1"]),
        ("三、本年度办理结果", "（一）予以公开", ["5", "1", "0", "0", "0", "0", "6"]),
        ("", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ["1", "0", "0", "0", "0", "0", "1"]),
        ("", "（三）不予公开", null),
        ("", "1.属于国家秘密", Zeros()),
        ("", "2.其他法律行政法规禁止公开", Zeros()),
        ("", "3.危及“三安全一稳定”", Zeros()),
        ("", "4.保护第三方合法权益", ["1", "0", "0", "0", "0", "0", "1"]),
        ("", "5.属于三类内部事务信息", Zeros()),
        ("", "6.属于四类过程性信息", Zeros()),
        ("", "7.属于行政执法案卷", Zeros()),
        ("", "8.属于行政查询事项", Zeros()),
        ("", "（四）无法提供", null),
        ("", "1.本机关不掌握相关政府信息", ["2", "1", "0", "0", "1", "0", "4"]),
        ("", "2.没有现成信息需要另行制作", Zeros()),
        ("", "3.补正后申请内容仍不明确", Zeros()),
        ("", "（五）不予处理", null),
        ("", "1.信访举报投诉类申请", Zeros()),
        ("", "2.重复申请", Zeros()),
        ("", "3.要求提供公开出版物", Zeros()),
        ("", "4.无正当理由大量反复申请", Zeros()),
        ("", "5.要求行政机关确认或重新出具已获取信息", Zeros()),
        ("", "（六）其他处理", null),
        ("", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", ["1", "0", "0", "0", "0", "0", "1"]),
        ("", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", Zeros()),
        ("", "3.其他", Zeros()),
        ("", "（七）总计", ["10", "2", "0", "0", "1", "0", "13"]),
        ("", "四、结转下年度继续办理", ["1", "0", "0", "0", "0", "0", "1"]),
    ];

    /// <summary>Section 四: the fifteen figures of 行政复议, 未经复议直接起诉, 复议后起诉 (维持 纠正 其他 尚未审结 总计 each).</summary>
    public string[] Review { get; } = ["2", "1", "0", "0", "3", "1", "0", "0", "1", "2", "0", "0", "0", "0", "0"];

    /// <summary>Section 二: the four sub-tables (sub-heading, column headers, rows).</summary>
    public List<(string Item, string[] Columns, List<(string Label, string[] Figures)> Rows)> Proactive { get; } =
    [
        ("第二十条第（一）项", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], [("规章", ["0", "0", "1"]), ("行政规范性文件", ["3", "1", "12"])]),
        ("第二十条第（五）项", ["信息内容", "本年处理决定数量"], [("行政许可", ["45"])]),
        ("第二十条第（六）项", ["信息内容", "本年处理决定数量"], [("行政处罚", ["120"]), ("行政强制", ["6"])]),
        ("第二十条第（八）项", ["信息内容", "本年收费金额（单位：万元）"], [("行政事业性收费", ["12.5"])]),
    ];

    public string Statement { get; set; } = "2023年，本机关新收政府信息公开申请13件，均按时答复。";

    private static string?[] Zeros() => ["0", "0", "0", "0", "0", "0", "0"];

    public void SetApplication(string labelStart, int column, string? value) =>
        Applications.Single(r => r.Label.StartsWith(labelStart, StringComparison.Ordinal)).Figures![column] = value;

    /// <summary>
    /// The shapes: <see cref="ReadingOrder"/> is pdftotext without -layout on the template's Word layout (corpus b01,
    /// b02): one cell per line, row 一's figures under the header before any label and its label last, （七）总计's figures
    /// followed by 四's, then 四's label; section 四's fifteen figures broken by its header word 总计 before the last. <see cref="SingleSpaced"/> is a PDF's text with every cell single-spaced and a
    /// group's label run into its first item's row ("三、本年度办理结果 （一）予以公开 5 1 0 …", corpus b13, b14).
    /// <see cref="CaptionedReviewTables"/> is markdown pipe tables with section 四 as three small tables each under a
    /// "### 行政复议" caption (an OCR'd county report, corpus b07 and o01).
    /// </summary>
    public enum Shape { Tabs, PipesWithSeparator, PipesNoSeparator, PipesTrailingOnly, PipesBare, SpaceAligned, CellPerLine, ScraperCellPerLine, ReadingOrder, SingleSpaced, CaptionedReviewTables }

    /// <summary>The report as text lines, its tables in <paramref name="shape"/>; <paramref name="pageBreak"/> splits section 三's table over two pages.</summary>
    public string Text(Shape shape, bool pageBreak = false)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Title);
        sb.AppendLine("一、总体情况");
        sb.AppendLine("2023年，本机关认真贯彻《中华人民共和国政府信息公开条例》，全面推进政务公开工作。");
        sb.AppendLine("二、主动公开政府信息情况");
        foreach (var (item, columns, rows) in Proactive)
        {
            WriteRow(sb, shape, [item], header: true, first: true);
            WriteRow(sb, shape, columns, header: true);
            foreach (var (label, figures) in rows)
                // Reading order puts a one-figure row's figure before its label (corpus b01: "480", "行政许可").
                WriteRow(sb, shape, shape == Shape.ReadingOrder && figures.Length == 1 && rows.Count == 1 ? [.. figures, label] : [label, .. figures]);
        }
        sb.AppendLine("三、收到和处理政府信息公开申请情况");
        sb.AppendLine(Statement);
        WriteRow(sb, shape, ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"], header: true, first: true);
        WriteRow(sb, shape, ["", .. ApplicantHeader], header: true);
        var half = Applications.Count / 2;
        string? group = null;
        for (var i = 0; i < Applications.Count; i++)
        {
            var (outer, label, figures) = Applications[i];
            if (pageBreak && i == half)
            {
                sb.AppendLine("— 3 —");
                sb.AppendLine();
            }
            if (shape == Shape.SingleSpaced)
            {
                // The group's label (and 三、本年度办理结果) joins the next row's label, as the merged cells come out of a PDF.
                if (figures is null)
                {
                    group = group is null ? label : group + " " + label;
                    continue;
                }
                var prefix = string.Join(" ", new[] { outer, group }.Where(p => !string.IsNullOrEmpty(p)));
                group = null;
                WriteRow(sb, shape, [prefix.Length > 0 ? prefix + " " + label : label, .. figures]);
                continue;
            }
            if (shape == Shape.ReadingOrder)
            {
                if (i == 0)
                {
                    WriteRow(sb, shape, figures!); // row 一's figures come first, its label last
                    continue;
                }
                if (outer.Length > 0) WriteRow(sb, shape, [outer]);
                if (i == Applications.Count - 2)
                {
                    WriteRow(sb, shape, [label, .. figures!, .. Applications[^1].Figures!]); // （七）总计, then 四's figures
                    WriteRow(sb, shape, [Applications[^1].Label, Applications[0].Label]);
                    break;
                }
            }
            string?[] cells = shape == Shape.Tabs && outer.Length > 0 ? [outer, label, .. figures ?? []] : [label, .. figures ?? []];
            WriteRow(sb, shape, cells);
        }
        sb.AppendLine("四、政府信息公开行政复议、行政诉讼情况");
        if (shape == Shape.CaptionedReviewTables)
        {
            string[] groups = ["行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"];
            for (var g = 0; g < groups.Length; g++)
            {
                sb.AppendLine("### " + groups[g]);
                WriteRow(sb, shape, ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"], header: true);
                WriteRow(sb, shape, Review[(5 * g)..(5 * g + 5)]);
                sb.AppendLine();
            }
        }
        else if (shape == Shape.ReadingOrder)
        {
            // pdftotext emits the last group's tall 总计 header cell after fourteen figures (a real district report, 2023 and 2024).
            WriteRow(sb, shape, ["行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "结果", "维持", "结果", "纠正", "其他", "结果", "尚未", "总 计 结果 结果 其他", "审结", "维持 纠正 结果 审结"]);
            WriteRow(sb, shape, [.. Review[..14], "总计", Review[14]]);
        }
        else
        {
            WriteRow(sb, shape, ["行政复议", "行政诉讼"], header: true, first: true);
            WriteRow(sb, shape, ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"], header: true);
            WriteRow(sb, shape, Review);
        }
        sb.AppendLine("五、存在的主要问题及改进情况");
        sb.AppendLine("政策解读形式仍较单一，下一步将推行图解和视频解读。");
        sb.AppendLine("六、其他需要报告的事项");
        sb.AppendLine("本年度未收取信息处理费。");
        sb.AppendLine("青岚县人民政府办公室");
        sb.AppendLine("2024年1月20日");
        return sb.ToString();
    }

    private static void WriteRow(StringBuilder sb, Shape shape, IReadOnlyList<string?> cells, bool header = false, bool first = false)
    {
        switch (shape)
        {
            case Shape.Tabs:
                sb.AppendLine(string.Join('\t', cells.Select(c => c ?? "")));
                break;
            case Shape.PipesWithSeparator or Shape.CaptionedReviewTables:
                sb.AppendLine("| " + string.Join(" | ", cells.Select(c => c ?? "")) + " |");
                if (header && !first) sb.AppendLine("|" + string.Concat(cells.Select(_ => "---|")));
                break;
            case Shape.PipesNoSeparator:
                sb.AppendLine("| " + string.Join(" | ", cells.Select(c => c ?? "")) + " |");
                break;
            case Shape.PipesTrailingOnly:
                sb.AppendLine(string.Join(" | ", cells.Select(c => c ?? "")) + " |");
                break;
            case Shape.PipesBare:
                sb.AppendLine(string.Join(" | ", cells.Select(c => c ?? "")));
                break;
            case Shape.SpaceAligned:
                sb.AppendLine(string.Join("    ", cells.Select(c => c ?? "")).Trim());
                break;
            case Shape.SingleSpaced:
                sb.AppendLine(string.Join(' ', cells.Where(c => !string.IsNullOrEmpty(c))));
                break;
            case Shape.CellPerLine or Shape.ReadingOrder:
                foreach (var cell in cells) if (!string.IsNullOrEmpty(cell)) sb.AppendLine(cell);
                break;
            case Shape.ScraperCellPerLine:
                foreach (var cell in cells) sb.AppendLine((cell ?? "") + " |");
                sb.AppendLine("|||");
                break;
        }
    }

    public byte[] Bytes(Shape shape, bool pageBreak = false) => Encoding.UTF8.GetBytes(Text(shape, pageBreak));
}
