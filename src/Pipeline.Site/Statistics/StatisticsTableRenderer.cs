using Pipeline.Core.Statistics;
using Pipeline.Site.Html;

namespace Pipeline.Site.Statistics;

/// <summary>
/// Renders a template table from the model (never from the text): real header structure (thead, th with scope, the
/// two-level applicant header of section 三), each table in a scroll box a keyboard can reach (tabindex=0, named by
/// its caption) whose first column stays in view on a phone, header rows repeated on every printed page (site.css).
/// Cells show the figure as the report wrote it; blank stays blank.
/// </summary>
public static class StatisticsTableRenderer
{
    /// <summary>The section 二 blocks of the template: which rows share a header, under which article item.</summary>
    private static readonly (string Caption, string[] Rows)[] ProactiveBlocks =
    [
        ("第二十条第（一）项", ["regulations", "normative-documents"]),
        ("第二十条第（五）项", ["licensing", "other-services"]),
        ("第二十条第（六）项", ["penalties", "enforcement"]),
        ("第二十条第（八）项", ["fees"]),
        ("第二十条第（九）项", ["procurement"]),
    ];

    public static void Write(HtmlWriter html, StatisticsTable table)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(table);
        switch (table.Kind)
        {
            case StatisticsTableKind.Applications: WriteApplications(html, table); break;
            case StatisticsTableKind.ReviewAndLitigation: WriteReview(html, table); break;
            default: WriteProactive(html, table); break;
        }
    }

    private static void Begin(HtmlWriter html, string id, string caption)
    {
        html.Raw("<div class=\"table-wrap stats-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"").Raw(id).Raw("\">\n")
            .Raw("<table class=\"data stats\">\n<caption id=\"").Raw(id).Raw("\">").Text(caption).Raw("</caption>\n");
    }

    private static void End(HtmlWriter html) => html.Raw("</tbody>\n</table>\n</div>\n");

    private static void Figure(HtmlWriter html, StatisticsCell? cell) =>
        html.Raw("<td class=\"num\">").Text(cell?.Written).Raw("</td>");

    private static void WriteApplications(HtmlWriter html, StatisticsTable table)
    {
        const string id = "stat-applications";
        Begin(html, id, StatisticsLabels.Title(table.Kind));
        var applicants = StatisticsTemplate.ApplicantColumns;
        var organisations = applicants.Where(c => c.Group is not null).ToList();
        html.Raw("<colgroup><col></colgroup><colgroup><col></colgroup><colgroup span=\"").Number(organisations.Count).Raw("\"></colgroup><colgroup><col></colgroup>\n")
            .Raw("<thead>\n<tr><th scope=\"col\" rowspan=\"2\">项目<span class=\"stats-rule\">（第一项加第二项之和，等于第三项加第四项之和）</span></th>");
        foreach (var column in applicants.Where(c => c.Group is null))
            html.Raw("<th scope=\"col\" rowspan=\"2\">").Text(column.Label).Raw("</th>");
        html.Raw("<th scope=\"colgroup\" colspan=\"").Number(organisations.Count).Raw("\">").Text(organisations[0].Group).Raw("</th>")
            .Raw("<th scope=\"col\" rowspan=\"2\">").Text(StatisticsTemplate.Total.Label).Raw("</th></tr>\n<tr>");
        foreach (var column in organisations) html.Raw("<th scope=\"col\">").Text(column.Label).Raw("</th>");
        html.Raw("</tr>\n</thead>\n<tbody>\n");
        foreach (var row in StatisticsTemplate.ApplicationRows.Where(r => r.In(table.Version)))
        {
            var depth = row.Key.Count(c => c == '.');
            var grouping = !row.HasCells || (row.Key == "3.6" && !table.HasRow("3.6"));
            html.Raw("<tr><th scope=\"row\" class=\"lv").Number(depth).Raw("\">").Text(StatisticsTemplate.Display(row)).Raw("</th>");
            if (grouping)
            {
                html.Raw("<td colspan=\"").Number(StatisticsTemplate.ApplicationColumns.Count).Raw("\"></td></tr>\n");
                continue;
            }
            foreach (var column in StatisticsTemplate.ApplicationColumns) Figure(html, table.Cell(row.Key, column.Key));
            html.Raw("</tr>\n");
        }
        End(html);
    }

    private static void WriteReview(HtmlWriter html, StatisticsTable table)
    {
        const string id = "stat-review";
        Begin(html, id, StatisticsLabels.Title(table.Kind));
        html.Raw("<thead>\n<tr><th scope=\"col\">类别</th>");
        foreach (var column in StatisticsTemplate.ReviewColumns) html.Raw("<th scope=\"col\">").Text(column.Label).Raw("</th>");
        html.Raw("</tr>\n</thead>\n<tbody>\n");
        foreach (var row in StatisticsTemplate.ReviewRows)
        {
            html.Raw("<tr><th scope=\"row\">").Text(StatisticsLabels.Row(table.Kind, row.Key)).Raw("</th>");
            foreach (var column in StatisticsTemplate.ReviewColumns) Figure(html, table.Cell(row.Key, column.Key));
            html.Raw("</tr>\n");
        }
        End(html);
    }

    private static void WriteProactive(HtmlWriter html, StatisticsTable table)
    {
        html.Raw("<div class=\"stats-group\" role=\"group\" aria-labelledby=\"stat-proactive\">\n<p class=\"stats-group-title\" id=\"stat-proactive\">")
            .Text(StatisticsLabels.Title(table.Kind)).Raw("</p>\n");
        var index = 0;
        foreach (var (caption, keys) in ProactiveBlocks)
        {
            var rows = keys.Select(k => StatisticsTemplate.Row(table.Kind, k)!).Where(r => r.In(table.Version)).ToList();
            if (rows.Count == 0 || !rows.Any(r => table.HasRow(r.Key))) continue;
            var columns = StatisticsTemplate.ProactiveColumns(rows[0].Key, table.Version);
            var id = "stat-proactive-" + (++index).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Begin(html, id, caption);
            html.Raw("<thead>\n<tr><th scope=\"col\">信息内容</th>");
            foreach (var column in columns) html.Raw("<th scope=\"col\">").Text(column.Label).Raw("</th>");
            html.Raw("</tr>\n</thead>\n<tbody>\n");
            foreach (var row in rows)
            {
                html.Raw("<tr><th scope=\"row\">").Text(row.Label).Raw("</th>");
                foreach (var column in columns) Figure(html, table.Cell(row.Key, column.Key));
                html.Raw("</tr>\n");
            }
            End(html);
        }
        html.Raw("</div>\n");
    }
}
