using System.Buffers;
using System.Globalization;
using System.Text;
using Pipeline.Core.Model;
using Pipeline.Site.Html;
using Pipeline.Site.Statistics;

namespace Pipeline.Site.Reports;

/// <summary>Renders one report page: metadata grid, title, table of contents, body, signature, related links.</summary>
public static class ReportPageRenderer
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Renders the page as a string.</summary>
    public static string Render(ReportPageModel model, SiteOptions site)
    {
        using var writer = new StringWriter(new StringBuilder(8192 + EstimateLength(model)), CultureInfo.InvariantCulture);
        Render(model, site, writer);
        return writer.ToString();
    }

    /// <summary>Renders the page as UTF-8 bytes (what the site stores).</summary>
    public static byte[] RenderUtf8(ReportPageModel model, SiteOptions site) => Utf8.GetBytes(Render(model, site));

    /// <summary>Renders the page into a UTF-8 buffer writer without an intermediate string.</summary>
    public static void Render(ReportPageModel model, SiteOptions site, IBufferWriter<byte> output)
    {
        using var writer = new BufferTextWriter(output);
        Render(model, site, writer);
    }

    /// <summary>Renders the page into <paramref name="output"/>.</summary>
    public static void Render(ReportPageModel model, SiteOptions site, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(site);
        var html = new HtmlWriter(output);
        var meta = model.Metadata;
        var title = string.IsNullOrWhiteSpace(meta.Title) ? "（无标题）" : meta.Title.Trim();
        var slug = meta.IndexCode is { Length: > 0 } code ? Slug.FromIndexCode(code) : null;

        PageLayout.Begin(html, site, title, slug is null ? null : SiteUrls.Report(slug));
        html.Raw("<article class=\"report\">\n");
        WriteBreadcrumbs(html, meta);
        WriteMetadataGrid(html, meta);
        html.Raw("<h1>").Text(title).Raw("</h1>\n");

        var headings = model.Document.Blocks.OfType<Heading>().ToList();
        var ranks = HeadingRanks(headings);
        if (headings.Count >= 2) WriteTableOfContents(html, headings, ranks);
        WriteBody(html, model.Document, ranks);
        if (model.Document.Signature is { } signature) WriteSignature(html, signature);
        if (meta.Versions is { Count: > 1 } versions || meta.Versions is [{ Note: not null }]) WriteVersions(html, meta.Versions!);
        if (meta.Original is { } original) WriteOriginal(html, original);
        if (slug is not null && model.Document.Statistics is { Tables.Count: > 0 }) StatisticsDownloads.Write(html);
        html.Raw("</article>\n");
        WriteRelated(html, meta, SiteCalendar.For(site));
        PageLayout.End(html, site);
    }

    private static void WriteBreadcrumbs(HtmlWriter html, PageMetadata meta)
    {
        html.Raw("<nav class=\"crumbs\" aria-label=\"当前位置\"><ol><li><a href=\"/\">首页</a></li>");
        if (meta.LinkedPublisher is { } publisher && !string.IsNullOrWhiteSpace(publisher))
            html.Raw("<li><a").Attribute("href", SiteUrls.Publisher(Slug.FromPublisher(publisher))).Raw(">").Text(publisher.Trim()).Raw("</a></li>");
        html.Raw("<li aria-current=\"page\">正文</li></ol></nav>\n");
    }

    /// <summary>The 2×3 bordered grid Chinese disclosure pages show above the title.</summary>
    private static void WriteMetadataGrid(HtmlWriter html, PageMetadata meta)
    {
        html.Raw("<table class=\"meta\">\n<caption class=\"vh\">索引信息</caption>\n<tbody>\n<tr>");
        Cell(html, "索引号", meta.IndexCode);
        // The registered official name (the list the page is on); the name as written stays in the parsed document,
        // its provenance and the search text.
        Cell(html, "发布机构", meta.LinkedPublisher);
        html.Raw("</tr>\n<tr>");
        DateCell(html, "生成日期", meta.GeneratedDate);
        Cell(html, "公开范围", meta.PublicScope);
        html.Raw("</tr>\n<tr>");
        DateCell(html, "发布日期", meta.ReleaseDate);
        if (meta.Version > 1)
        {
            html.Raw("<th scope=\"row\">最后修订</th><td>");
            if (meta.Revised is { } revised) html.Time(revised);
            html.Raw("（第").Number(meta.Version).Raw("版）</td>");
        }
        else
        {
            Cell(html, "版本", "首次发布");
        }
        html.Raw("</tr>\n</tbody>\n</table>\n");
    }

    private static void Cell(HtmlWriter html, string label, string? value) =>
        html.Raw("<th scope=\"row\">").Raw(label).Raw("</th><td>").Text(value?.Trim()).Raw("</td>");

    private static void DateCell(HtmlWriter html, string label, DateOnly? value)
    {
        html.Raw("<th scope=\"row\">").Raw(label).Raw("</th><td>");
        if (value is { } date) html.Time(date);
        html.Raw("</td>");
    }

    /// <summary>
    /// The HTML rank (2..6) of each heading: one below the nearest preceding heading of a smaller level, so the
    /// outline never skips a rank (WCAG heading order) even when a report jumps from 一、 straight to 1、.
    /// </summary>
    public static int[] HeadingRanks(IReadOnlyList<Heading> headings)
    {
        var ranks = new int[headings.Count];
        var open = new Stack<int>();
        for (var i = 0; i < headings.Count; i++)
        {
            while (open.Count > 0 && open.Peek() >= headings[i].Level) open.Pop();
            ranks[i] = Math.Min(2 + open.Count, 6);
            open.Push(headings[i].Level);
        }
        return ranks;
    }

    private static void WriteTableOfContents(HtmlWriter html, List<Heading> headings, int[] ranks)
    {
        html.Raw("<nav class=\"toc\" aria-labelledby=\"toc-title\">\n<h2 id=\"toc-title\">目录</h2>\n<ol>\n");
        for (var i = 0; i < headings.Count; i++)
        {
            var level = Math.Min(ranks[i] - 1, 4);
            html.Raw("<li class=\"lv").Number(level).Raw("\"><a href=\"#sec-").Number(i + 1).Raw("\">")
                .Text(headings[i].DisplayText).Raw("</a></li>\n");
        }
        html.Raw("</ol>\n</nav>\n");
    }

    private static void WriteBody(HtmlWriter html, ReportDocument document, int[] ranks)
    {
        var headingIndex = 0;
        var tableIndex = 0;
        var statistics = StatisticsTableSources.Find(document);
        for (var b = 0; b < document.Blocks.Count; b++)
        {
            var block = document.Blocks[b];
            // A template statistics table is shown from the model, with its real header structure, where it began.
            foreach (var template in statistics.RenderedAt(b)) StatisticsTableRenderer.Write(html, template);
            if (statistics.Replaces(b)) continue;
            switch (block)
            {
                case Heading heading:
                    var rank = ranks[headingIndex];
                    headingIndex++;
                    html.Raw("<h").Number(rank).Raw(" id=\"sec-").Number(headingIndex).Raw("\">").Text(heading.DisplayText)
                        .Raw("</h").Number(rank).Raw(">\n");
                    break;
                case Paragraph paragraph:
                    html.Raw("<p>").Text(paragraph.Text).Raw("</p>\n");
                    break;
                case ListBlock list:
                    WriteList(html, list);
                    break;
                case AttachmentNote note:
                    html.Raw("<p class=\"attachment\">").Text(note.Text).Raw("</p>\n");
                    break;
                case TableBlock table:
                    WriteTable(html, table.Table, ++tableIndex);
                    break;
            }
        }
    }

    /// <summary>
    /// A list whose items carry their own numbers or marks (（一）, 1、, ①, 一是, —) is written with
    /// <c>class="own-marks"</c> (list-style none): the text's numbering is shown once, never under the browser's.
    /// </summary>
    private static void WriteList(HtmlWriter html, ListBlock list)
    {
        var tag = list.Ordered ? "ol" : "ul";
        html.Raw("<").Raw(tag);
        if (list.Items.Count > 0 && list.Items.All(ListItemMarks.HasOwnMark)) html.Raw(" class=\"own-marks\"");
        html.Raw(">\n");
        foreach (var item in list.Items) html.Raw("<li>").Text(item).Raw("</li>\n");
        html.Raw("</").Raw(tag).Raw(">\n");
    }

    private static void WriteTable(HtmlWriter html, Table table, int index)
    {
        var columns = Math.Max(table.ColumnCount, 1);
        html.Raw("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"tbl-").Number(index).Raw("\">\n")
            .Raw("<table class=\"data\">\n<caption id=\"tbl-").Number(index).Raw("\">")
            .Text(string.IsNullOrWhiteSpace(table.Caption) ? "表" + index.ToString(CultureInfo.InvariantCulture) : table.Caption)
            .Raw("</caption>\n");
        if (table.Header.Count > 0)
        {
            html.Raw("<thead>\n");
            foreach (var row in table.Header)
            {
                html.Raw("<tr>");
                for (var c = 0; c < columns; c++)
                    html.Raw("<th scope=\"col\">").Text(c < row.Count ? row[c] : null).Raw("</th>");
                html.Raw("</tr>\n");
            }
            html.Raw("</thead>\n");
        }
        html.Raw("<tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Raw("<tr>");
            for (var c = 0; c < columns; c++)
            {
                var value = c < row.Count ? row[c] : null;
                html.Raw(IsNumeric(value) ? "<td class=\"num\">" : "<td>").Text(value).Raw("</td>");
            }
            html.Raw("</tr>\n");
        }
        html.Raw("</tbody>\n</table>\n</div>\n");
        if (table.Notes.Count > 0)
        {
            html.Raw("<div class=\"table-notes\">\n");
            foreach (var note in table.Notes) html.Raw("<p>").Text(note).Raw("</p>\n");
            html.Raw("</div>\n");
        }
    }

    /// <summary>Numbers, with thousands separators, decimals, sign or percent, are right-aligned.</summary>
    internal static bool IsNumeric(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return false;
        var s = value.AsSpan().Trim();
        if (s[0] is '-' or '+') s = s[1..];
        if (!s.IsEmpty && s[^1] == '%') s = s[..^1];
        if (s.IsEmpty || !char.IsAsciiDigit(s[0]) || !char.IsAsciiDigit(s[^1])) return false;
        var dots = 0;
        foreach (var ch in s)
        {
            if (ch == '.' && ++dots > 1) return false;
            if (!char.IsAsciiDigit(ch) && ch is not ',' and not '.') return false;
        }
        return true;
    }

    private static void WriteSignature(HtmlWriter html, Signature signature)
    {
        html.Raw("<div class=\"signature\">\n");
        foreach (var organisation in signature.Organisations) html.Raw("<p>").Text(organisation).Raw("</p>\n");
        if (signature.DateText is { Length: > 0 } dateText)
        {
            html.Raw("<p>");
            if (signature.Date is { } date) html.Raw("<time datetime=\"").IsoDate(date).Raw("\">").Text(dateText).Raw("</time>");
            else html.Text(dateText);
            html.Raw("</p>\n");
        }
        html.Raw("</div>\n");
    }

    /// <summary>版本记录 (as GOV.UK's page history): every version that went public, newest first, with its date and change note.</summary>
    private static void WriteVersions(HtmlWriter html, IReadOnlyList<PageVersion> versions)
    {
        html.Raw("<section class=\"versions\" aria-labelledby=\"versions-heading\"><h2 id=\"versions-heading\">版本记录</h2>\n<ol class=\"own-marks\">\n");
        foreach (var v in versions.OrderByDescending(v => v.Version))
        {
            html.Raw("<li>");
            if (v.Date is { } date) html.Time(date).Raw(" ");
            html.Raw("第").Number(v.Version).Raw("版：");
            if (!string.IsNullOrWhiteSpace(v.Note)) html.Text(v.Note.Trim());
            else html.Raw(v.Version == 1 ? "首次发布" : "修订（未说明修订内容）");
            html.Raw("</li>\n");
        }
        html.Raw("</ol></section>\n");
    }

    /// <summary>附件下载: the uploaded file beside the page (relative link), its name, format and size.</summary>
    private static void WriteOriginal(HtmlWriter html, OriginalFile original)
    {
        html.Raw("<section class=\"original\" aria-labelledby=\"original-heading\"><h2 id=\"original-heading\">附件下载</h2>\n<p><a")
            .Attribute("href", "original" + original.Extension).Raw(" download").Attribute("type", original.ContentType).Raw(">")
            .Text(original.FileName).Raw("</a>(").Text(original.Format).Raw(",").Text(original.SizeText).Raw(")</p></section>\n");
    }

    private static void WriteRelated(HtmlWriter html, PageMetadata meta, SiteCalendar calendar)
    {
        html.Raw("<nav class=\"related\" aria-label=\"相关列表\"><ul>");
        if (meta.LinkedPublisher is { } publisher && !string.IsNullOrWhiteSpace(publisher))
            html.Raw("<li><a").Attribute("href", SiteUrls.Publisher(Slug.FromPublisher(publisher))).Raw(">")
                .Text(publisher.Trim()).Raw("发布的全部信息</a></li>");
        // Not published yet, so an undated report has no year list to link to.
        if (calendar.ListYear(meta.ReleaseDate, meta.GeneratedDate, publishedAt: null) is { } year)
            html.Raw("<li><a href=\"").Raw(SiteUrls.Year(year)).Raw("\">").Number(year).Raw("年发布的信息</a></li>");
        else
            html.Raw("<li><a href=\"/years/\">按年份浏览</a></li>");
        html.Raw("</ul></nav>\n");
    }

    private static int EstimateLength(ReportPageModel model)
    {
        long length = 0;
        foreach (var block in model.Document.Blocks)
            length += block switch
            {
                Paragraph p => p.Text.Length + 8,
                Heading h => h.Text.Length + 40,
                TableBlock t => (t.Table.Rows.Count + t.Table.Header.Count) * Math.Max(t.Table.ColumnCount, 1) * 24,
                _ => 64,
            };
        return (int)Math.Min(length, 16 * 1024 * 1024);
    }
}
