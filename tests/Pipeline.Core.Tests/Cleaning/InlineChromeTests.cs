using System.Text;
using Pipeline.Core.Cleaning;
using Pipeline.Core.Decoding;
using Pipeline.Site.Search;

namespace Pipeline.Core.Tests.Cleaning;

public class InlineChromeTests
{
    // The shape of a CMS page saved as one line (the pingtan.gov.cn archive's page.txt files): breadcrumb, title,
    // 来源/时间, share buttons and view switches, a "相关链接： -->" leftover, the title again, the body, 附件下载.
    private const string OneLinePage =
        "当前位置： 首页政务公开政府信息公开政府信息公开年报 青岚县地方税务局2013年信息公开年度报告 来源：青岚县人民政府 " +
        "时间：2014-02-25 00:00 微信 微博 QQ空间 全真版 文字版 文件下载 相关链接： --> 青岚县地方税务局2013年 信息公开年度报告 " +
        "根据《中华人民共和国政府信息公开条例》的规定，特向社会公布本局2013年度信息公开年度报告。通过微信公众号、微博等平台发布信息120条。 附件下载";

    [Fact]
    public void Chrome_inside_a_one_line_body_is_removed_and_its_date_and_source_kept()
    {
        var result = LineCleaner.Clean([new SourceLine(1, OneLinePage)]);
        var text = Assert.Single(result.Lines).Text;
        foreach (var chrome in new[] { "当前位置", "QQ空间", "全真版", "文字版", "文件下载", "附件下载", "-->", "相关链接", "来源：", "时间：" })
            Assert.DoesNotContain(chrome, text);
        Assert.Contains("通过微信公众号、微博等平台发布信息120条。", text); // content words joined to prose stay
        Assert.Equal("2014-02-25", Assert.Single(result.PageDates).DateText);
        Assert.Equal("青岚县人民政府", Assert.Single(result.PageSources).Name);
        Assert.All(result.Removed, r => Assert.Equal("inline-chrome", r.Reason));
    }

    [Fact]
    public void A_one_line_report_reads_its_title_once_its_date_and_no_chrome()
    {
        var analysis = TestFiles.AnalyzeText(OneLinePage + "\n");
        Assert.Equal("青岚县地方税务局2013年信息公开年度报告", analysis.Metadata.Title.Value);
        Assert.Equal(new DateOnly(2014, 2, 25), analysis.Metadata.ReleaseDate.Value);
        var page = analysis.Document.Title + "\n" + ReportSearchText.Of(analysis.Document);
        Assert.DoesNotContain("信息公开年度报告 根据", page);
        Assert.StartsWith("根据《中华人民共和国政府信息公开条例》", analysis.Document.Blocks.OfType<Model.Paragraph>().First().Text);
    }
}

public class MarkupAndArchiverLineTests
{
    [Theory]
    [InlineData("<!--[if !supportLists]-->7、<!--[endif]-->加强培训", "7、加强培训")]
    [InlineData("<p style=\"text-indent:2em\">全年公开信息&nbsp;120&nbsp;条。</p>", "全年公开信息 120 条。")]
    [InlineData("收费金额<5万元的事项", "收费金额<5万元的事项")]
    [InlineData("《条例》第二十条", "《条例》第二十条")]
    public void Markup_is_removed_and_text_kept(string input, string expected) =>
        Assert.Equal(expected, MarkupStripper.Strip(input));

    [Theory]
    [InlineData("— 1 —", "page-number")]
    [InlineData("-2-", "page-number")]
    [InlineData("第1页 共7页", "page-number")]
    [InlineData("==================== 正文 ====================", "archiver-marker")]
    [InlineData("正文", "archiver-marker")]
    [InlineData("页面链接与图片详见 links.tsv(同目录)", "archiver-marker")]
    [InlineData("东陵市人民政府门户网站首页 > 政务公开 > 年度报告", "breadcrumb")]
    [InlineData("一、部门主要职能 ……………………………… 3", "table-of-contents")]
    public void Archiver_and_pdf_lines_are_chrome(string line, string reason) =>
        Assert.Equal(reason, LineCleaner.ChromeReason(line, out _));

    [Theory]
    [InlineData("全年共受理申请 1 件，办结 1 件。")]
    [InlineData("第一章 总则")]
    [InlineData("收入 > 支出 的情况下应当说明原因。")]
    public void Content_lines_are_not_chrome(string line) => Assert.Null(LineCleaner.ChromeReason(line, out _));

    [Fact]
    public void An_html_comment_spanning_lines_hides_everything_inside_it()
    {
        var lines = new[] { "正文第一段。", "<!--<div class=\"banner\">", "<a href=\"/\">首页</a>", "</div>-->", "正文第二段。" };
        var result = LineCleaner.Clean(lines.Select((t, i) => new SourceLine(i + 1, t)).ToList());
        Assert.Equal(["正文第一段。", "正文第二段。"], result.Lines.Select(l => l.Text));
    }

    [Fact]
    public void Markdown_marks_are_taken_off_and_heading_levels_kept()
    {
        var analysis = TestFiles.AnalyzeText("# 东陵市2024年政府信息公开工作年度报告\n\n## 一、总体情况\n\n**2024年**，东陵市持续推进政务公开。\n\n## 二、主动公开政府信息情况\n\n全年公开信息 **300** 条。\n");
        Assert.Equal("东陵市2024年政府信息公开工作年度报告", analysis.Metadata.Title.Value);
        Assert.Equal(["一、总体情况", "二、主动公开政府信息情况"], analysis.Document.Headings.Select(h => h.DisplayText));
        Assert.DoesNotContain("*", analysis.Document.Title + "\n" + ReportSearchText.Of(analysis.Document));
    }

    [Fact]
    public void An_unnumbered_markdown_heading_is_a_section_under_the_title()
    {
        var analysis = TestFiles.AnalyzeText("# 东陵市科委2024年政府信息公开工作年度报告\n\n根据条例编制本报告。\n\n## 工作机制保障\n\n设立政务公开协调小组。\n\n### 一是制度建设\n\n完善审核流程。\n");
        Assert.Equal([(1, "工作机制保障"), (2, "一是制度建设")], analysis.Document.Headings.Select(h => (h.Level, h.DisplayText)));
    }
}
