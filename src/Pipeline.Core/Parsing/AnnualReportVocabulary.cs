using System.Text.RegularExpressions;

namespace Pipeline.Core.Parsing;

/// <summary>
/// The fixed wording of 政府信息公开工作年度报告: the section titles of the 2008 format and of the national templates
/// of 2019 and 2021 (国办公开办函〔2019〕60号, 〔2021〕30号), and the row labels of the template's statistics tables.
/// Knowing them lets the reader end a section title that runs straight into its text ("一、总体情况2019年，我县…") and
/// keep a table row that starts 一、 or （一） from becoming a section heading.
/// </summary>
public static class AnnualReportVocabulary
{
    /// <summary>
    /// Section titles as agencies write them, each pattern covering the usual variants (的, 工作, 和/及, 情况/措施).
    /// Anchored at the start of the text after the section number.
    /// </summary>
    private static readonly Regex[] SectionTitlePatterns =
    [
        new(@"^(?:总体情况|概\s*述|基本情况)", RegexOptions.CultureInvariant),
        new(@"^(?:政府信息)?主动公开(?:政府信息)?(?:的)?(?:工作)?情况", RegexOptions.CultureInvariant),
        new(@"^收到和处理政府信息公开申请(?:的)?情况", RegexOptions.CultureInvariant),
        new(@"^(?:政府信息)?依申请公开(?:政府信息)?(?:的)?(?:工作)?情况", RegexOptions.CultureInvariant),
        new(@"^(?:政府信息公开(?:的)?)?收费及减免(?:的)?情况", RegexOptions.CultureInvariant),
        new(@"^(?:因政府信息公开(?:申请)?)?(?:申请)?(?:提起)?行政复议、(?:提起)?行政诉讼(?:和申诉)?(?:的)?情况", RegexOptions.CultureInvariant),
        new(@"^政府信息公开行政法?复议、行政诉讼(?:的)?情况", RegexOptions.CultureInvariant),
        new(@"^(?:政府信息公开工作)?(?:存在的)?主要问题(?:和|及|与)改进(?:情况|措施)", RegexOptions.CultureInvariant),
        new(@"^其他需要报告的事项", RegexOptions.CultureInvariant),
        new(@"^工作人员及信息公开事务支出情况", RegexOptions.CultureInvariant),
        new(@"^\S{0,24}?政府信息公开(?:工作)?(?:情况)?统计表", RegexOptions.CultureInvariant),
    ];

    /// <summary>The section title <paramref name="text"/> starts with (the longest that matches), or null.</summary>
    public static string? SectionTitleAtStart(ReadOnlySpan<char> text)
    {
        var window = text[..Math.Min(text.Length, 60)].ToString();
        string? best = null;
        foreach (var pattern in SectionTitlePatterns)
            if (pattern.Match(window) is { Success: true } m && (best is null || m.Length > best.Length)) best = m.Value;
        return best;
    }

    /// <summary>Row labels of the template tables (after their numbering), which are table rows wherever they stand.</summary>
    private static readonly string[] TableRowLabels =
    [
        "本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量", "本年度办理结果", "结转下年度继续办理",
        "予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理", "总计", "属于国家秘密",
        "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益", "属于三类内部事务信息", "属于四类过程性信息",
        "属于行政执法案卷", "属于行政查询事项", "本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确",
        "信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请", "要求行政机关确认或重新出具已获取信息",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "其他", "规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费",
    ];

    /// <summary>True when the text ends with one of the template tables' row labels of four characters or more.</summary>
    public static bool EndsWithTableRowLabel(ReadOnlySpan<char> text)
    {
        text = text.TrimEnd(" \u3000\t");
        foreach (var label in TableRowLabels)
            if (label.Length >= 2 && text.EndsWith(label, StringComparison.Ordinal) && (label.Length >= 4 || label == "总计")) return true;
        return false;
    }

    /// <summary>True when the text after a row's numbering is one of the template tables' row labels.</summary>
    public static bool IsTableRowLabel(ReadOnlySpan<char> rest)
    {
        rest = rest.Trim(" \u3000\t");
        foreach (var label in TableRowLabels)
        {
            if (!rest.StartsWith(label, StringComparison.Ordinal)) continue;
            var after = rest[label.Length..];
            // The label alone, or followed by the row's figures ("本年新收政府信息公开申请数量 21 0 0 … 21").
            if (after.IsEmpty || label.Length >= 4 && (after.Length <= 2 || after.IndexOfAnyExcept(" \u3000\t0123456789.,%-") < 0))
                return true;
        }
        return false;
    }
}
