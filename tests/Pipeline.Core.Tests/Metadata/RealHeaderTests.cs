using Pipeline.Core.Decoding;
using Pipeline.Core.Metadata;
using Pipeline.Core.Model;
using Pipeline.Site.Search;

namespace Pipeline.Core.Tests.Metadata;

/// <summary>Headers as archivers, CMS pages and careless uploads write them.</summary>
public class RealHeaderTests
{
    private static HeaderBlock Read(params string[] lines) =>
        HeaderBlockReader.Read(lines.Select((t, i) => new SourceLine(i + 1, t)).ToList());

    [Fact]
    public void An_archiver_header_is_read_as_metadata_and_kept_off_the_page()
    {
        // The shape of the pingtan.gov.cn archive: title/date/number/publisher/column/URL/local folder, then the body.
        var text = "标题: 青岚县人民政府2012年政府信息公开工作年度报告\n发布时间: 2013-01-16 00:00\n文号: \n发布机构: \n栏目: 政府信息公开年报\n" +
                   "原文链接: https://www.example.gov.cn/zwgk/201301/t20130116_1.htm\n本地目录: zwgk/201301/1_青岚县人民政府2012年政府信息公开工作年度报告\n" +
                   "页面链接与图片详见 links.tsv(同目录)\n==================== 正文 ====================\n本报告根据《条例》编制。\n一、概述\n全年公开信息100条。\n";
        var analysis = TestFiles.AnalyzeText(text);
        Assert.Equal("青岚县人民政府2012年政府信息公开工作年度报告", analysis.Metadata.Title.Value);
        Assert.Equal(new DateOnly(2013, 1, 16), analysis.Metadata.ReleaseDate.Value);
        Assert.Equal("青岚县人民政府", analysis.Metadata.Publisher.Value); // the empty 发布机构 yields to the title
        var page = analysis.Document.Title + "\n" + ReportSearchText.Of(analysis.Document);
        foreach (var chrome in new[] { "栏目", "原文链接", "本地目录", "links.tsv", "====", "文号" })
            Assert.DoesNotContain(chrome, page);
    }

    [Fact]
    public void A_header_below_five_lines_and_past_a_stray_line_is_still_the_header()
    {
        var header = Read("东陵市人民政府门户网站", "首页", "信息公开", "年度报告", "东陵市2020年政府信息公开工作年度报告",
            "索引号:01362021X2/2021-00012", "发布机构:东陵市人民政府办公室", "打印本页", "公开范围:依申请公开", "生成日期:2021-01-20", "正文。");
        Assert.Equal("依申请公开", header.First(HeaderKey.PublicScope)!.Value);
        Assert.Equal("2021-01-20", header.First(HeaderKey.GeneratedDate)!.Value);
        Assert.Contains(header.BodyLines, l => l.Text == "打印本页"); // the stray line is left for the cleaner
    }

    [Fact]
    public void A_value_on_the_line_after_its_label_is_read()
    {
        var header = Read("索引号:00638229X4/2019-1", "公开范围：", "依申请公开", "正文。");
        Assert.Equal("依申请公开", header.First(HeaderKey.PublicScope)!.Value);
        Assert.Equal(["正文。"], header.BodyLines.Select(l => l.Text));
    }

    [Fact]
    public void A_page_release_date_that_is_no_real_date_rejects_the_upload_instead_of_meaning_now()
    {
        var analysis = TestFiles.AnalyzeText("东陵市2020年政府信息公开工作年度报告\n• 时间:2099-01-01 09:30\n全年公开信息12条。\n");
        Assert.False(analysis.Verdict.Accepted);
        Assert.Contains(analysis.Verdict.Errors, e => e.Code == "date-invalid");
    }

    [Theory]
    [InlineData("平潭县人民政府2011年政府信息公开工作年度报告", "平潭县人民政府")]
    [InlineData("2020年东陵市生态环境局政府信息公开工作年度报告", "东陵市生态环境局")]
    [InlineData("青岚县人民政府政府信息公开工作年度报告（2019年）", "青岚县人民政府")]
    [InlineData("平潭综合实验区2019年度政府信息公开工作年度报告", "平潭综合实验区")]
    [InlineData("青岚县人民政府关于印发政务公开工作要点的通知", "青岚县人民政府")]
    [InlineData("东陵金融监管分局行政处罚信息公示表", "东陵金融监管分局")]
    [InlineData("行政处罚信息公示表(江金罚决字〔2025〕12-15号)", null)]
    [InlineData("关于做好政务公开工作的通知", null)]
    public void The_title_names_the_publisher(string title, string? publisher) =>
        Assert.Equal(publisher, PublisherInference.FromTitle(title));

    [Fact]
    public void Title_and_signature_naming_different_bodies_is_a_finding_not_a_silent_choice()
    {
        var analysis = TestFiles.AnalyzeText("青岚县人民政府2019年政府信息公开工作年度报告\n一、总体情况\n全年公开信息12条。\n东陵市生态环境局\n2020年1月20日\n");
        Assert.Equal("青岚县人民政府", analysis.Metadata.Publisher.Value);
        Assert.Equal(["title", "signature"], analysis.Metadata.PublisherCandidates.Select(c => c.From));
        Assert.Contains(analysis.Verdict.Warnings, w => w.Code == "publisher-sources-differ");
    }

    [Fact]
    public void An_abbreviated_title_yields_to_the_full_name_in_the_signature_without_a_finding()
    {
        var analysis = TestFiles.AnalyzeText("青岚县文广新局2018年工作总结\n一、工作概述\n全年开展活动12场。\n青岚县文化广电新闻出版局\n2018年12月5日\n");
        Assert.Equal("青岚县文化广电新闻出版局", analysis.Metadata.Publisher.Value);
        Assert.DoesNotContain(analysis.Verdict.Warnings, w => w.Code == "publisher-sources-differ");
    }

    [Theory]
    [InlineData("二○一二年二月二十日")]
    [InlineData("二〇一二年二月二十日")]
    [InlineData("二O一二年二月二十日")]
    [InlineData("二0一二年二月二十日")]
    [InlineData("二零一二年二月二十日")]
    public void Chinese_numeral_dates_with_every_zero(string text)
    {
        Assert.True(DateText.TryParseWhole(text, out var parts));
        Assert.Equal(new DateOnly(2012, 2, 20), DateText.ToDate(parts, 2030));
    }
}
