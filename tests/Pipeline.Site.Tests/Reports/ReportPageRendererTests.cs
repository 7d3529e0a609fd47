using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Pipeline.Core;
using Pipeline.Core.Model;
using Pipeline.Site;
using Pipeline.Site.Html;
using Pipeline.Site.Reports;

namespace Pipeline.Site.Tests.Reports;

public sealed class ReportPageRendererTests
{
    private static readonly SiteOptions Site = new();

    private const string Hostile = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>javascript:alert(3)' onmouseover='x";

    private static ReportPageModel HostileModel()
    {
        var table = new Table(Hostile, [[Hostile, "数量"]], [[Hostile, "12,345"], [null, "-3.5%"], ["合计", null]], [Hostile]);
        var document = new ReportDocument(Hostile,
        [
            new Heading(2, "（一）", Hostile),
            new Paragraph(Hostile),
            new Heading(1, "一、", Hostile),
            new ListBlock(true, [Hostile, "第二项"]),
            new AttachmentNote(Hostile),
            new TableBlock(table),
            new Heading(3, null, "\u0001控制字符"),
        ], new Signature([Hostile], Hostile, new DateOnly(2019, 3, 11)));
        var metadata = new PageMetadata(Hostile, "00638229X4/2019-1513549" + Hostile, Hostile, new DateOnly(2019, 3, 1), Hostile,
            new DateOnly(2019, 3, 11), new DateOnly(2019, 4, 1), 2);
        return new ReportPageModel(document, metadata);
    }

    private static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    [Fact]
    public void Hostile_input_in_every_field_never_becomes_markup()
    {
        var html = ReportPageRenderer.Render(HostileModel(), Site);
        var dom = Parse(html);

        Assert.Empty(dom.QuerySelectorAll("script"));
        Assert.Empty(dom.QuerySelectorAll("img"));
        foreach (var element in dom.All)
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{element.LocalName} has {attribute.Name}");
                Assert.DoesNotContain("javascript:", attribute.Value, StringComparison.OrdinalIgnoreCase);
            }
        // The text survives, as text.
        Assert.Contains(Hostile, dom.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain('\u0001', html);
    }

    [Fact]
    public void Page_has_language_policy_one_h1_landmarks_and_ordered_headings()
    {
        var dom = Parse(ReportPageRenderer.Render(HostileModel(), Site));

        Assert.Equal("zh-CN", dom.DocumentElement.GetAttribute("lang"));
        var csp = dom.QuerySelector("meta[http-equiv='Content-Security-Policy']")!.GetAttribute("content");
        Assert.Contains("script-src 'self'", csp);
        Assert.Single(dom.QuerySelectorAll("h1"));
        Assert.NotNull(dom.QuerySelector("header"));
        Assert.NotNull(dom.QuerySelector("main#main"));
        Assert.NotNull(dom.QuerySelector("footer"));
        Assert.Equal("#main", dom.QuerySelector("a.skip")!.GetAttribute("href"));
        Assert.NotNull(dom.QuerySelector("form[role=search][action='/search/'] input[name=q]"));
        Assert.NotNull(dom.QuerySelector("link[rel=stylesheet][href^='/assets/site.']"));

        var previous = 1;
        foreach (var heading in dom.QuerySelectorAll("main h2, main h3, main h4, main h5, main h6").Where(h => h.Id?.StartsWith("sec-") == true))
        {
            var rank = heading.LocalName[1] - '0';
            Assert.True(rank <= previous + 1, $"{heading.LocalName} after h{previous}");
            previous = rank;
        }
        // Table of contents links to generated ids only.
        var tocLinks = dom.QuerySelectorAll("nav.toc a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["#sec-1", "#sec-2", "#sec-3"], tocLinks);
        Assert.All(tocLinks, href => Assert.NotNull(dom.GetElementById(href![1..])));
    }

    [Fact]
    public void Heading_ranks_follow_the_outline_without_skipping()
    {
        Heading H(int level) => new(level, null, "h");
        Assert.Equal([2, 3, 3, 2, 3, 4, 3, 2], ReportPageRenderer.HeadingRanks([H(1), H(3), H(3), H(1), H(2), H(3), H(2), H(1)]));
        Assert.Equal([2, 2, 3], ReportPageRenderer.HeadingRanks([H(3), H(2), H(4)]));
    }

    [Fact]
    public void Metadata_grid_shows_the_index_fields_and_revision()
    {
        var meta = new PageMetadata("标题", "00638229X4/2019-1513549", "华容县北景港镇人民政府", new DateOnly(2019, 3, 1), "主动公开",
            new DateOnly(2019, 3, 11), new DateOnly(2019, 5, 2), 3);
        var dom = Parse(ReportPageRenderer.Render(new ReportPageModel(ReportDocument.Empty, meta), Site));
        var grid = dom.QuerySelector("table.meta")!;
        var labels = grid.QuerySelectorAll("th[scope=row]").Select(th => th.TextContent).ToList();
        Assert.Equal(["索引号", "发布机构", "生成日期", "公开范围", "发布日期", "最后修订"], labels);
        Assert.Contains("00638229X4/2019-1513549", grid.TextContent);
        Assert.Contains("2019-05-02", grid.TextContent);
        Assert.Contains("第3版", grid.TextContent);
        Assert.Equal("/reports/00638229X4-2019-1513549/", new Uri(dom.QuerySelector("link[rel=canonical]")!.GetAttribute("href")!).AbsolutePath);
        Assert.NotNull(dom.QuerySelector($"a[href='/publishers/{Slug.FromPublisher("华容县北景港镇人民政府")}/']"));
        Assert.NotNull(dom.QuerySelector("a[href='/years/2019/']"));
    }

    [Fact]
    public void Tables_have_caption_column_headers_right_aligned_numbers_and_empty_cells()
    {
        var table = new Table("统计表", [["项目", "数量"]], [["主动公开", "1,234"], [null, null], ["比例", "12.5%"]], ["填报单位：办公室"]);
        var dom = Parse(ReportPageRenderer.Render(new ReportPageModel(new ReportDocument("t", [new TableBlock(table)], null),
            new PageMetadata("t", null, null, null, null, null, null)), Site));
        var t = dom.QuerySelector("table.data")!;
        Assert.Equal("统计表", t.QuerySelector("caption")!.TextContent);
        Assert.All(t.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
        var rows = t.QuerySelectorAll("tbody tr").ToList();
        Assert.Equal("num", rows[0].Children[1].ClassName);
        Assert.False(rows[0].Children[0].ClassList.Contains("num"));
        Assert.All(rows[1].Children, cell => Assert.Equal("", cell.InnerHtml));
        Assert.Equal("num", rows[2].Children[1].ClassName);
        Assert.Contains("填报单位", dom.QuerySelector(".table-notes")!.TextContent);
    }

    [Fact]
    public void Buffer_writer_overload_writes_the_same_utf8()
    {
        var model = HostileModel();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        ReportPageRenderer.Render(model, Site, buffer);
        Assert.Equal(ReportPageRenderer.RenderUtf8(model, Site), buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Every_sample_renders_to_a_page_without_input_markup()
    {
        var samples = Directory.GetFiles(Path.Combine(RepoRoot(), "samples"), "*.txt");
        Assert.NotEmpty(samples);
        foreach (var file in samples)
        {
            var analysis = ReportAnalyzer.Analyze(File.ReadAllBytes(file), Path.GetFileName(file), AgencyContext.FromName("测试机构"));
            var html = ReportPageRenderer.Render(new ReportPageModel(analysis.Document, PageMetadata.From(analysis.Metadata, Path.GetFileNameWithoutExtension(file))), Site);
            var dom = Parse(html);
            Assert.Single(dom.QuerySelectorAll("h1"));
            Assert.Empty(dom.QuerySelectorAll("script"));
        }
    }

    [Fact]
    public void Assets_are_fingerprinted_and_referenced()
    {
        Assert.Equal(3, SiteAssets.All.Count);
        Assert.Matches(@"^assets/site\.[0-9a-f]{8}\.css$", SiteAssets.Css.Path);
        Assert.Matches(@"^assets/search\.[0-9a-f]{8}\.js$", SiteAssets.SearchJs.Path);
        Assert.All(SiteAssets.All, a => Assert.NotEmpty(a.Content));
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Pipeline.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}

public sealed class SlugTests
{
    [Theory]
    [InlineData("00638229X4/2019-1513549", "00638229X4-2019-1513549")]
    [InlineData("ABC123", "ABC123")]
    public void Readable_forms_are_kept(string code, string slug) => Assert.Equal(slug, Slug.FromIndexCode(code));

    [Fact]
    public void Codes_that_sanitise_alike_get_different_slugs_deterministically()
    {
        string[] codes = ["00638229X4/2019-1513549", "00638229X4-2019-1513549", "00638229X4/2019/1513549", "索引 1", "索引 2", "<script>", "", "a b"];
        var slugs = codes.Select(Slug.FromIndexCode).ToList();
        Assert.Equal(codes.Length, slugs.Distinct().Count());
        Assert.All(slugs, s => Assert.Matches("^[A-Za-z0-9_-]+$", s));
        Assert.Equal(slugs, codes.Select(Slug.FromIndexCode));
    }
}
