using System.Text;
using Pipeline.Core.Decoding;
using Xunit.Abstractions;

namespace Pipeline.Core.Tests.Formats;

/// <summary>
/// Web pages read as the text of the same report: a disclosure portal's page (GB2312, chrome, metadata table, scripts),
/// and the Word document saved as a web page by LibreOffice.
/// </summary>
public sealed class HtmlReadingTests(ITestOutputHelper output)
{
    private static readonly Lazy<Reading> TextReading = new(() =>
        Reading.Of(Reading.Analyze(Encoding.UTF8.GetBytes(FormatReport.Text()), "report.txt")));

    [Fact]
    public void A_portal_page_in_gb2312_reads_as_its_text()
    {
        var analysis = Reading.Analyze(GovernmentPage.Gb2312(), "report.html");
        foreach (var b in analysis.Document.Blocks) output.WriteLine(b.ToString());
        Assert.StartsWith("html/gb18030", analysis.Encoding);
        Reading.AssertSame(TextReading.Value, Reading.Of(analysis), "portal page");
    }

    [Fact]
    public void Chrome_scripts_and_comments_are_not_in_the_lines()
    {
        var decoded = TextDecoder.Decode(GovernmentPage.Gb2312());
        Assert.True(decoded.Success);
        var text = string.Join("\n", decoded.Lines.Select(l => l.Text));
        foreach (var chrome in new[] { "网站首页", "当前位置", "信息公开目录", "分享到", "相关链接", "2022年政府信息公开", "打印本页", "网站标识码", "统计代码", "请升级", "doZoom", "_hmt" })
            Assert.DoesNotContain(chrome, text);
        Assert.Equal("索引号：" + FormatReport.IndexCode, decoded.Lines[0].Text);
    }

    [Fact]
    public void A_word_report_saved_as_a_web_page_by_LibreOffice_reads_as_its_text()
    {
        var html = Producers.LibreOffice(FormatDocx.Report(), ".docx", "html:HTML (StarWriter)", ".html");
        var analysis = Reading.Analyze(html, "report.html");
        foreach (var b in analysis.Document.Blocks) output.WriteLine(b.ToString());
        Reading.AssertSame(TextReading.Value, Reading.Of(analysis), "LibreOffice web page");
    }

    [Fact]
    public void Merged_cells_keep_their_place()
    {
        const string page = """
            <html><head><meta charset="utf-8"></head><body><div id="zoom"><p>二、统计情况如下表所示,数据截至年底。本表反映全年办理情况。</p>
            <table><thead><tr><th rowspan="2">项目</th><th colspan="2">申请人</th><th rowspan="2">总计</th></tr><tr><th>自然人</th><th>法人</th></tr></thead>
            <tbody><tr><td>新收申请</td><td>3</td><td>1</td><td>4</td></tr></tbody></table></div></body></html>
            """;
        var decoded = TextDecoder.Decode(Encoding.UTF8.GetBytes(page));
        var table = Assert.Single(decoded.Lines, l => l.IsTable).Table!;
        Assert.Equal(2, table.Header.Count);
        Assert.Equal(["项目", "申请人", null, "总计"], table.Header[0]);
        Assert.Equal([null, "自然人", "法人", null], table.Header[1]);
        Assert.Equal(["新收申请", "3", "1", "4"], table.Rows[0]);
    }

    [Fact]
    public void Text_that_mentions_tags_is_still_text()
    {
        var decoded = TextDecoder.Decode(Encoding.UTF8.GetBytes("北景港镇年度报告\n正文提到 <html> 与 <script> 标签。\n"));
        Assert.Equal("utf-8", decoded.EncodingName);
    }
}
