using Pipeline.Core.Model;
using Pipeline.Core.Statistics;

namespace Pipeline.Core.Validation;

// Findings of the national template's statistics tables (StatisticsChecks). Each names the table, the row and the
// column by the template's own wording and key, and both numbers, so a clerk can find the cell and fix it.
public static partial class Findings
{
    private static string TableZh(StatisticsTableKind kind) => kind switch
    {
        StatisticsTableKind.ProactiveDisclosure => "“二、主动公开政府信息情况”统计表",
        StatisticsTableKind.Applications => "“三、收到和处理政府信息公开申请情况”统计表",
        _ => "“四、政府信息公开行政复议、行政诉讼情况”统计表",
    };

    private static string TableEn(StatisticsTableKind kind) => kind switch
    {
        StatisticsTableKind.ProactiveDisclosure => "the section 二 table (proactive disclosure)",
        StatisticsTableKind.Applications => "the section 三 table (applications received and handled)",
        _ => "the section 四 table (administrative review and litigation)",
    };

    private static string N(decimal value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    private static string ColumnZh(TemplateColumn column) => column.Group is { } group ? $"{group}·{column.Label}" : column.Label;

    /// <summary>Section 三, one column: 一 + 二 must equal 三（七）总计 + 四 (the template's own rule in its corner cell).</summary>
    public static Finding StatisticsBalanceMismatch(TemplateColumn column, decimal received, decimal carriedOver, decimal total, decimal carriedForward, int? line) => new("statistics-balance-mismatch",
        $"{TableZh(StatisticsTableKind.Applications)}{LineZh(line)}“{ColumnZh(column)}”列：第一项加第二项之和为 {N(received + carriedOver)}（{N(received)} + {N(carriedOver)}），第三项（七）总计加第四项之和为 {N(total + carriedForward)}（{N(total)} + {N(carriedForward)}），两者应相等。请核对该列数字。",
        $"In {TableEn(StatisticsTableKind.Applications)}{LineEn(line)}, column \"{column.LabelEn}\" ({column.Key}): rows 一 + 二 add up to {N(received + carriedOver)} ({N(received)} + {N(carriedOver)}) but 三（七）总计 + 四 add up to {N(total + carriedForward)} ({N(total)} + {N(carriedForward)}); the template requires them to be equal. Check the column.",
        At(line));

    /// <summary>Section 三, one column: （七）总计 must equal （一）+（二）+ the items of （三）–（六）.</summary>
    public static Finding StatisticsOutcomeTotalMismatch(TemplateColumn column, decimal total, decimal sum, int? line) => new("statistics-outcome-total-mismatch",
        $"{TableZh(StatisticsTableKind.Applications)}{LineZh(line)}“{ColumnZh(column)}”列：“（七）总计”为 {N(total)}，但（一）至（六）各项之和为 {N(sum)}。请核对该列数字。",
        $"In {TableEn(StatisticsTableKind.Applications)}{LineEn(line)}, column \"{column.LabelEn}\" ({column.Key}): row （七）总计 (3.7) is {N(total)} but （一）–（六） and their items add up to {N(sum)}. Check the column.",
        At(line));

    /// <summary>Section 三, one row: 总计 must equal the six applicant columns.</summary>
    public static Finding StatisticsRowTotalMismatch(TemplateRow row, decimal total, decimal sum, int? line) => new("statistics-row-total-mismatch",
        $"{TableZh(StatisticsTableKind.Applications)}{LineZh(line)}“{StatisticsTemplate.Display(row)}”行：“总计”列为 {N(total)}，但自然人和法人或其他组织各列之和为 {N(sum)}。请核对该行数字。",
        $"In {TableEn(StatisticsTableKind.Applications)}{LineEn(line)}, row \"{StatisticsTemplate.Display(row)}\" ({row.Key}, {row.Name}): the 总计 (total) column is {N(total)} but the six applicant columns add up to {N(sum)}. Check the row.",
        At(line));

    /// <summary>Section 四, one group: 结果维持 + 结果纠正 + 其他结果 + 尚未审结 must equal 总计.</summary>
    public static Finding StatisticsReviewTotalMismatch(TemplateRow group, decimal total, decimal sum, int? line) => new("statistics-review-total-mismatch",
        $"{TableZh(StatisticsTableKind.ReviewAndLitigation)}{LineZh(line)}“{group.Label}”：“总计”为 {N(total)}，但结果维持、结果纠正、其他结果、尚未审结之和为 {N(sum)}。请核对数字。",
        $"In {TableEn(StatisticsTableKind.ReviewAndLitigation)}{LineEn(line)}, group \"{group.LabelEn}\" ({group.Key}): 总计 (total) is {N(total)} but upheld + corrected + other + pending add up to {N(sum)}. Check the figures.",
        At(line));

    /// <summary>A template-era annual report (2019 on) in which one of the three statistics tables was not found.</summary>
    public static Finding StatisticsTableMissing(StatisticsTableKind kind, int year) => new("statistics-table-missing",
        $"这是 {year} 年度的政府信息公开工作年度报告，应按国家统一格式附{TableZh(kind)}，但未找到或未能读取该表。请按格式填报该表（表格或每行一项均可）后重新上传。",
        $"This is an annual report for {year}, which the national template requires to include {TableEn(kind)}, but the table was not found or could not be read. Add the table in the template's form and upload again.");

    /// <summary>A number the text states for a table cell that the table gives differently.</summary>
    public static Finding StatisticsTextMismatch(StatisticsTableKind kind, TemplateRow row, TemplateColumn column, decimal stated, decimal inTable, int statementLine, int? tableLine) => new("statistics-text-mismatch",
        $"第 {statementLine} 行正文写明“{StatisticsTemplate.Display(row)}”为 {N(stated)}，但{TableZh(kind)}{LineZh(tableLine)}“{StatisticsTemplate.Display(row)}”行“{ColumnZh(column)}”列为 {N(inTable)}。请核对正文与统计表。",
        $"The text on line {statementLine} states {N(stated)} for \"{StatisticsTemplate.Display(row)}\" ({row.Key}), but {TableEn(kind)}{LineEn(tableLine)} gives {N(inTable)} in row {row.Key}, column \"{column.LabelEn}\" ({column.Key}). Check the text against the table.",
        At(statementLine));

    /// <summary>Across years of one agency: last year's 四、结转下年度继续办理 must be this year's 二、上年结转.</summary>
    public static Finding StatisticsCarryOverMismatch(TemplateColumn column, int previousYear, decimal carriedForward, decimal carriedOver, int? line) => new("statistics-carry-over-mismatch",
        $"{TableZh(StatisticsTableKind.Applications)}{LineZh(line)}“{ColumnZh(column)}”列：本年“二、上年结转政府信息公开申请数量”为 {N(carriedOver)}，但 {previousYear} 年度报告“四、结转下年度继续办理”为 {N(carriedForward)}，两者应相等。请核对。",
        $"In {TableEn(StatisticsTableKind.Applications)}{LineEn(line)}, column \"{column.LabelEn}\" ({column.Key}): this year's row 二 (carried over, 2) is {N(carriedOver)} but the {previousYear} report's row 四 (carried forward, 4) is {N(carriedForward)}; they should be equal. Check both reports.",
        At(line));
}
