using AngleSharp.Html.Parser;
using Pipeline.Core.Model;
using Pipeline.Site;
using Pipeline.Site.Catalog;
using Pipeline.Site.Html;
using Pipeline.Site.Reports;

namespace Pipeline.Site.Tests.Reports;

/// <summary>Issue 15 items 1, 3 and 6 in the generated HTML (the browser suite checks what Chromium makes of it).</summary>
public sealed class PageFaultTests
{
    private static readonly SiteOptions Site = new();

    private static AngleSharp.Dom.IDocument Render(ReportDocument document, PageMetadata meta) =>
        new HtmlParser().ParseDocument(ReportPageRenderer.Render(new ReportPageModel(document, meta), Site));

    private static PageMetadata Meta(string publisher = "北景港镇", string? listPublisher = "华容县北景港镇人民政府") =>
        new("标题", "00638229X4/2019-1513549", publisher, new DateOnly(2019, 3, 1), "主动公开", new DateOnly(2026, 12, 2), null, 1, listPublisher);

    [Theory]
    [InlineData("（一）主动公开政府信息情况")]
    [InlineData("(二)依申请公开")]
    [InlineData("1、认识不够到位")]
    [InlineData("2.工作机制")]
    [InlineData("３．全角数字")]
    [InlineData("①第一项")]
    [InlineData("一是加强领导")]
    [InlineData("第三条 规定")]
    [InlineData("• 要点")]
    public void An_item_that_carries_its_own_number_is_recognised(string item) => Assert.True(ListItemMarks.HasOwnMark(item));

    [Theory]
    [InlineData("主动公开政府信息情况")]
    [InlineData("2019年共收到申请")]
    [InlineData("一般性问题")]
    public void An_item_without_its_own_number_is_not(string item) => Assert.False(ListItemMarks.HasOwnMark(item));

    [Fact]
    public void A_list_whose_items_carry_their_numbers_is_numbered_once_by_the_text()
    {
        var document = new ReportDocument("标题",
        [
            new ListBlock(true, ["（一）主动公开", "（二）依申请公开"]),
            new ListBlock(true, ["1、认识不够到位", "2、机制不健全"]),
            new ListBlock(true, ["没有编号的第一项", "没有编号的第二项"]),
        ], null);

        var lists = Render(document, Meta()).QuerySelectorAll("article ol:not(nav ol)").ToList();

        Assert.Equal(3, lists.Count);
        Assert.Equal("own-marks", lists[0].GetAttribute("class"));
        Assert.Equal("own-marks", lists[1].GetAttribute("class"));
        Assert.Null(lists[2].GetAttribute("class"));
        Assert.Equal("（一）主动公开", lists[0].QuerySelector("li")!.TextContent);
    }

    [Fact]
    public void The_grid_shows_the_registered_publisher_and_the_page_links_to_its_list()
    {
        var dom = Render(ReportDocument.Empty, Meta());

        var cells = dom.QuerySelectorAll("table.meta th").ToDictionary(th => th.TextContent, th => th.NextElementSibling!.TextContent);
        Assert.Equal("华容县北景港镇人民政府", cells["发布机构"]);
        Assert.DoesNotContain("北景港镇<", dom.DocumentElement.OuterHtml.Replace("华容县北景港镇人民政府<", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("2026-12-02", cells["发布日期"]);
        Assert.Equal("2019-03-01", cells["生成日期"]);
        Assert.NotNull(dom.QuerySelector("a[href='/years/2026/']"));
    }

    [Fact]
    public void A_report_listed_under_the_name_it_writes_shows_that_name()
    {
        var cells = Render(ReportDocument.Empty, Meta("湘潭市人民政府", null)).QuerySelectorAll("table.meta th")
            .ToDictionary(th => th.TextContent, th => th.NextElementSibling!.TextContent);
        Assert.Equal("湘潭市人民政府", cells["发布机构"]);
    }

    [Fact]
    public void The_front_page_title_names_the_site_once_and_other_pages_add_it()
    {
        static string? TitleOf(string pageTitle)
        {
            using var writer = new StringWriter();
            var html = new HtmlWriter(writer);
            PageLayout.Begin(html, Site, pageTitle, "/");
            PageLayout.End(html, Site);
            return new HtmlParser().ParseDocument(writer.ToString()).Title;
        }

        // The front page passes the site title as its own (SitePages.FrontPage).
        Assert.Equal("政府信息公开", TitleOf(Site.SiteTitle));
        Assert.Equal("按年份浏览 - 政府信息公开", TitleOf("按年份浏览"));
    }

    [Fact]
    public void List_years_follow_the_day_a_report_went_public_not_its_generated_date()
    {
        var calendar = SiteCalendar.For(Site);
        var live = new DateTimeOffset(2026, 12, 1, 17, 0, 0, TimeSpan.Zero); // 2 December 01:00 in Beijing
        var entry = new SiteEntry("c/2018-1", "c-2018-1", "t", "p", "p", new DateOnly(2018, 5, 6), "主动公开", null, null, 1, 1, live);

        Assert.Equal(2026, entry.ListYear(calendar));
        Assert.Null(entry.DisplayDate); // never the 生成日期 under the 发布日期 label
        Assert.Equal(2026, (entry with { ReleaseDate = calendar.DateOf(live) }).ListYear(calendar));
        Assert.Equal(new DateOnly(2026, 12, 2), calendar.DateOf(live));
        Assert.Equal("2026-12-02 01:00:00 +08:00", calendar.Show(live));
    }

    [Theory]
    [InlineData("修订说明：更正统计数字。", "更正统计数字。")]
    [InlineData("修订说明: 补充附件", "补充附件")]
    [InlineData("修订说明：", null)]
    [InlineData("本次修订说明如下", null)]
    public void A_revision_note_line_in_the_document_is_read(string line, string? expected) =>
        Assert.Equal(expected, RevisionNote.FromDocument(new ReportDocument("t", [new Paragraph("正文。"), new Paragraph(line)], null)));

    [Fact]
    public void The_version_history_lists_versions_newest_first_with_their_notes_escaped()
    {
        var meta = Meta() with
        {
            Version = 2,
            Revised = new DateOnly(2026, 12, 5),
            Versions = [new PageVersion(1, new DateOnly(2026, 12, 2), null), new PageVersion(2, new DateOnly(2026, 12, 5), "更正<script>数字")],
        };
        var dom = Render(ReportDocument.Empty, meta);

        var items = dom.QuerySelectorAll("section.versions li").Select(li => li.TextContent).ToList();
        Assert.Equal(["2026-12-05 第2版：更正<script>数字", "2026-12-02 第1版：首次发布"], items);
        Assert.Null(dom.QuerySelector("section.versions script"));
    }
}
