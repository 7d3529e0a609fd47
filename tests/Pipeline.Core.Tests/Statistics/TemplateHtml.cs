using System.Net;
using System.Text;

namespace Pipeline.Core.Tests.Statistics;

/// <summary>The template report as a CMS page: its tables as HTML with rowspan and colspan.</summary>
public static class TemplateHtml
{
    public static string Page(TemplateReport report)
    {
        var sb = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
            .Append(TemplateReport.Title).Append("</title></head><body><div class=\"article\">");
        sb.Append("<h1>").Append(TemplateReport.Title).Append("</h1>");
        P(sb, "一、总体情况");
        P(sb, "2023年，本机关认真贯彻《中华人民共和国政府信息公开条例》，全面推进政务公开工作。");
        P(sb, "二、主动公开政府信息情况");
        Table(sb, TemplateGrid.Proactive(report));
        P(sb, "三、收到和处理政府信息公开申请情况");
        P(sb, report.Statement);
        Table(sb, TemplateGrid.Applications(report));
        P(sb, "四、政府信息公开行政复议、行政诉讼情况");
        Table(sb, TemplateGrid.Review(report));
        P(sb, "五、存在的主要问题及改进情况");
        P(sb, "政策解读形式仍较单一，下一步将推行图解和视频解读。");
        P(sb, "六、其他需要报告的事项");
        P(sb, "本年度未收取信息处理费。");
        P(sb, "青岚县人民政府办公室");
        P(sb, "2024年1月20日");
        return sb.Append("</div></body></html>").ToString();
    }

    private static void P(StringBuilder sb, string text) => sb.Append("<p>").Append(WebUtility.HtmlEncode(text)).Append("</p>\n");

    private static void Table(StringBuilder sb, List<List<GridCell>> rows)
    {
        sb.Append("<table border=\"1\">");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            foreach (var cell in row)
            {
                sb.Append("<td");
                if (cell.ColSpan > 1) sb.Append(" colspan=\"").Append(cell.ColSpan).Append('"');
                if (cell.RowSpan > 1) sb.Append(" rowspan=\"").Append(cell.RowSpan).Append('"');
                sb.Append('>').Append(WebUtility.HtmlEncode(cell.Text)).Append("</td>");
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</table>\n");
    }
}
