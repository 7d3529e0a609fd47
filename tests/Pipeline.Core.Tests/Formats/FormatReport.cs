using System.Net;
using System.Text;

namespace Pipeline.Core.Tests.Formats;

/// <summary>
/// One annual report (written for these tests, in the national template's shape) that every format test renders the
/// way its producer would: plain text, a Word document, a Chromium page, a CMS page. Each rendering must read the same.
/// Known limit, found by these tests: Chromium's PDF maps the Noto CJK glyph that 户 shares with 戶 to U+6236 (戶) in
/// its ToUnicode table, so "门户" reads back as "门戶"; the text avoids that word rather than hide the mapping.
/// </summary>
public static class FormatReport
{
    public const string IndexCode = "00638229X4/2024-0012";
    public const string Publisher = "北景港镇";
    public const string Scope = "主动公开";
    public const string Generated = "2024-01-20";
    public const string Title = "华容县北景港镇2023年政府信息公开工作年度报告";

    public static readonly (string Label, string Value)[] Metadata =
        [("索引号", IndexCode), ("发布机构", Publisher), ("公开范围", Scope), ("生成日期", Generated)];

    /// <summary>The body: headings (numbered as the template numbers them) and paragraphs; null marks where the table goes.</summary>
    public static readonly string?[] Body =
    [
        "本报告依据《中华人民共和国政府信息公开条例》和国务院办公厅有关通知要求编制,内容包括总体情况、主动公开、依申请公开、行政复议和行政诉讼、存在的问题及改进情况和其他需要报告的事项。本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
        "一、总体情况",
        "2023年,北景港镇坚持以公开为常态、不公开为例外,围绕群众关心的热点问题,全面推进决策、执行、管理、服务和结果公开,持续加强政策解读与回应关切,政务公开的质量和实效稳步提升。镇政府明确由党政综合办公室承担日常工作,配备兼职工作人员两名,并在便民服务中心设置政府信息查阅点一处,方便群众就近查阅。",
        "(一)主动公开情况",
        "全年通过县政府网站乡镇专栏主动公开政府信息一百四十七条,其中机构职能类十二条,财政预决算类九条,乡村振兴类三十八条,民生保障类五十五条,其他类三十三条。重要政策文件同步发布图文解读,便于群众理解。对涉及群众切身利益的征地补偿、低保救助等事项,在村务公开栏同步张贴,确保应公开尽公开。",
        "(二)依申请公开情况",
        "全年收到政府信息公开申请十六件,均在法定期限内答复,未发生逾期答复情况。申请内容主要涉及土地征收补偿标准和危房改造补助名单。",
        "二、收到和处理政府信息公开申请情况",
        null,
        "三、存在的主要问题及改进情况",
        "一是公开内容的深度还不够,部分信息只公开结果、不公开过程;二是政策解读的形式较为单一。下一步,我镇将加强业务培训,丰富解读形式,推动政务公开工作再上新台阶。对群众反映集中的问题,建立台账,逐项整改,按季度通报整改进展,接受社会监督。",
        "四、其他需要报告的事项",
        "本年度未收取信息处理费。",
    ];

    public static readonly string[][] Table =
    [
        ["申请情况", "自然人", "法人或其他组织", "总计"],
        ["一、本年新收政府信息公开申请数量", "12", "4", "16"],
        ["二、上年结转政府信息公开申请数量", "1", "0", "1"],
        ["三、本年度办理结果", "13", "4", "17"],
        ["四、结转下年度继续办理", "0", "0", "0"],
    ];

    public static readonly string[] Signature = ["华容县北景港镇人民政府", "2024年1月20日"];

    /// <summary>The report as a text upload (sample 001's shape: "- label:value" header lines, title, body, pipe table).</summary>
    public static string Text()
    {
        var sb = new StringBuilder();
        foreach (var (label, value) in Metadata) sb.Append("- ").Append(label).Append(':').Append(value).Append('\n');
        sb.Append(Title).Append('\n');
        foreach (var block in Body)
        {
            if (block is null)
                foreach (var row in Table) sb.Append(string.Join(" | ", row)).Append(" |\n");
            else sb.Append(block).Append('\n');
        }
        foreach (var line in Signature) sb.Append(line).Append('\n');
        return sb.ToString();
    }

    /// <summary>An HTML rendering with the CJK font, for Chromium's print to PDF (its own header and footer stay on).</summary>
    public static string PrintableHtml()
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>").Append(Title).Append("</title>");
        sb.Append("<style>body{font-family:'Noto Serif CJK SC','Noto Sans CJK SC',serif;font-size:16px;line-height:1.6;margin:0 24px}")
          .Append("h1{text-align:center;font-size:22px}p{text-indent:2em;margin:0 0 8px}table{border-collapse:collapse;margin:8px 0}")
          .Append("td,th{border:1px solid #000;padding:2px 6px}.meta td{border:1px solid #000}.sig{text-align:right;text-indent:0}</style></head><body>");
        sb.Append("<table class=\"meta\">");
        for (var i = 0; i < Metadata.Length; i += 2)
            sb.Append("<tr><td>").Append(Metadata[i].Label).Append("</td><td>").Append(WebUtility.HtmlEncode(Metadata[i].Value))
              .Append("</td><td>").Append(Metadata[i + 1].Label).Append("</td><td>").Append(WebUtility.HtmlEncode(Metadata[i + 1].Value)).Append("</td></tr>");
        sb.Append("</table><h1>").Append(Title).Append("</h1>");
        foreach (var block in Body)
        {
            if (block is null) sb.Append(HtmlTable());
            else sb.Append("<p>").Append(WebUtility.HtmlEncode(block)).Append("</p>");
        }
        foreach (var line in Signature) sb.Append("<p class=\"sig\">").Append(line).Append("</p>");
        return sb.Append("</body></html>").ToString();
    }

    public static string HtmlTable()
    {
        var sb = new StringBuilder("<table>");
        foreach (var (row, r) in Table.Select((row, r) => (row, r)))
        {
            sb.Append("<tr>");
            foreach (var cell in row) sb.Append(r == 0 ? "<th>" : "<td>").Append(cell).Append(r == 0 ? "</th>" : "</td>");
            sb.Append("</tr>");
        }
        return sb.Append("</table>").ToString();
    }
}
