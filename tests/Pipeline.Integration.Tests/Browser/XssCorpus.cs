using System.Text;

namespace Pipeline.Integration.Tests.Browser;

/// <summary>
/// Script-injection payloads (issue 6) and hostile uploads carrying them. Every payload that could run sets a
/// <c>__xss</c> probe on the window (or its parent) and calls alert, so a test sees any execution two ways.
/// </summary>
public static class XssCorpus
{
    public static readonly IReadOnlyList<string> Payloads =
    [
        "<script>window.__xss=1;alert(1)</script>",
        "\"><img src=x onerror=\"window.__xss=2;alert(1)\">",
        "'><svg onload=window.__xss=3;alert(1)>",
        "javascript:window.__xss=4;alert(1)",
        "</title><script>window.__xss=5;alert(1)</script>",
        "{{constructor.constructor('window.__xss=6;alert(1)')()}}",
        "<iframe srcdoc=\"<script>parent.__xss=7;parent.alert(1)</script>\"></iframe>",
        "'-alert(1)-'\";window.__xss=8;//",
        "\\u003cscript\\u003ewindow.__xss=9;alert(1)\\u003c/script\\u003e",
        "＜script＞window.__xss=10;alert(1)＜/script＞",
        "&lt;script&gt;window.__xss=11;alert(1)&lt;/script&gt;",
        "&#60;img src=x onerror=window.__xss=12;alert(1)&#62;",
        "<a href=\"javascript:window.__xss=13;alert(1)\">点此查看</a>",
        "--><!]]><ScRiPt>window.__xss=14;alert(1)</sCrIpT>",
        "<math><mtext></form><form><mglyph><style></math><img src onerror=window.__xss=15;alert(1)>",
        "<details open ontoggle=window.__xss=16;alert(1)>",
    ];

    /// <summary>
    /// The same attacks short enough, and free of sentence punctuation (';'), for a line to still read as a section
    /// heading (<c>HeadingClassifier</c>: at most 40 characters after the numbering). They call alert only.
    /// </summary>
    public static readonly IReadOnlyList<string> HeadingPayloads =
    [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "'><svg onload=alert(1)>",
        "javascript:alert(1)",
        "</title><script>alert(1)</script>",
        "{{$on.constructor('alert(1)')()}}",
        "<iframe srcdoc=\"<svg onload=alert(1)>\">",
        "'-alert(1)-'\"-alert(1)-\"",
        "\\u003cscript\\u003ealert(1)",
        "＜script＞alert(1)＜/script＞",
        "&ltscript&gtalert(1)&lt/script&gt",
        "&#60img src=x onerror=alert(1)&#62",
        "<a href=\"javascript:alert(1)\">x</a>",
        "--><ScRiPt>alert(1)</sCrIpT>",
        "<math><style><img src onerror=alert(1)>",
        "<details open ontoggle=alert(1)>",
    ];

    /// <summary>The registered agency the hostile uploads come from (config/agencies.json).</summary>
    public const string Agency = "pingliang";
    private const string Publisher = "平凉市人民政府";

    /// <summary>Index code of the report carrying payload <paramref name="index"/> (valid for the agency).</summary>
    public static string IndexCode(int index) => $"01362021X2/2025-{9000 + index:D5}";

    /// <summary>A blob-name-safe file name that still carries the payload (only '/' and '\' are replaced).</summary>
    public static string FileName(int index) => $"xss{index:D2}-{Payloads[index].Replace('/', '∕').Replace('\\', '＼')}.txt";

    /// <summary>
    /// A report shaped like the real ones (header block, title, numbered sections, a flattened statistics table,
    /// signature) with the payload in the publisher line, title, a paragraph and table cells, and its short form in a
    /// section heading.
    /// </summary>
    public static byte[] Report(int index)
    {
        var payload = Payloads[index];
        var text = new StringBuilder()
            .Append("- 索引号:").Append(IndexCode(index)).Append('\n')
            .Append("- 发布机构:").Append(payload).Append(Publisher).Append('\n')
            .Append("- 公开范围:主动公开\n")
            .Append("- 生成日期:2025-06-01\n")
            .Append("平凉市2025年政府信息公开工作年度报告").Append(payload).Append('\n')
            .Append("一、").Append(HeadingPayloads[index]).Append('\n')
            .Append("本年度按照条例要求推进政府信息公开工作。").Append(payload).Append("相关情况如下。\n")
            .Append("二、主动公开政府信息情况\n")
            .Append("指标 | ").Append(payload).Append(" | 数量 |\n")
            .Append("主动公开信息 | ").Append(payload).Append(" | 120 |\n")
            .Append("依申请公开 | 办结 | 8 |\n")
            .Append("三、存在的主要问题及改进情况\n信息公开的及时性仍需加强,下一步将完善工作机制。\n")
            .Append(Publisher).Append('\n')
            .Append("2025年6月1日\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A hostile index-code line: the validator must reject it or assign a code, never echo it as markup.</summary>
    public static byte[] ReportWithHostileIndexCode() => Encoding.UTF8.GetBytes(
        "- 索引号:<script>window.__xss=20;alert(1)</script>\n- 公开范围:主动公开\n- 生成日期:2025-06-02\n" +
        "平凉市2025年政务公开工作情况报告\n一、总体情况\n本年度持续推进政务公开工作,公开质量稳步提升。\n" +
        "二、下一步工作\n继续完善公开机制,提高公开实效。\n" + Publisher + "\n2025年6月2日\n");
}
