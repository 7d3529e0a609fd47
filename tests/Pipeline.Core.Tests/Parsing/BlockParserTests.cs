using Pipeline.Core.Decoding;
using Pipeline.Core.Model;
using Pipeline.Core.Parsing;

namespace Pipeline.Core.Tests.Parsing;

public class BlockParserTests
{
    private static ParseResult Parse(params string[] lines) =>
        BlockParser.Parse(lines.Select((t, i) => new SourceLine(i + 1, t)).ToList());

    [Fact]
    public void Title_split_over_two_lines_is_joined()
    {
        var result = Parse("华容县北景港镇2018年度政府", "信息公开工作年度报告", "华容县北景港镇人民政府政务公开领导小组办公室", "一、概述");
        Assert.Equal("华容县北景港镇2018年度政府信息公开工作年度报告", result.Document.Title);
        Assert.IsType<Paragraph>(result.Document.Blocks[0]);
    }

    [Fact]
    public void Complete_title_is_not_joined_with_the_next_line()
    {
        var result = Parse("平凉市2018年政府信息公开工作年度报告", "工作总结", "正文。");
        Assert.Equal("平凉市2018年政府信息公开工作年度报告", result.Document.Title);
    }

    [Fact]
    public void Title_glued_to_a_one_line_body_is_separated()
    {
        var body = "根据《中华人民共和国政府信息公开条例》要求,我局认真对政务公开和政府信息公开工作进行全面回顾总结,现总结如下。";
        var result = Parse("桐柏县文广新局2018年度政府信息公开工作总结 " + body);
        Assert.Equal("桐柏县文广新局2018年度政府信息公开工作总结", result.Document.Title);
        Assert.Equal(body, Assert.IsType<Paragraph>(result.Document.Blocks[0]).Text);
    }

    [Theory]
    [InlineData("一、概述", 1, "一、", "概述")]
    [InlineData("(一)围绕建设法治政府全面推进政务公开", 2, "(一)", "围绕建设法治政府全面推进政务公开")]
    [InlineData("（二）强化制度建设", 2, "（二）", "强化制度建设")]
    [InlineData("1.政府网站", 3, "1.", "政府网站")]
    [InlineData("1、强化责任,确保政务公开组织到位", 3, "1、", "强化责任,确保政务公开组织到位")]
    [InlineData("(1)公开方式", 4, "(1)", "公开方式")]
    public void Numbered_short_lines_are_headings(string line, int level, string number, string text)
    {
        var heading = Assert.IsType<Heading>(Parse("标题报告", line).Document.Blocks[0]);
        Assert.Equal((level, number, text), (heading.Level, heading.Number, heading.Text));
    }

    [Theory]
    [InlineData("(一)强化组织领导。围绕贯彻落实《甘肃省2018年政务公开工作要点》,结合平凉实际,印发了工作要点。")]
    [InlineData("1.推进政策执行更加阳光透明。把公开透明作为政府工作的基本要求,坚持以公开为常态、不公开为例外,推进重大决策预公开。")]
    [InlineData("一、全年主动公开政府信息147条,其中主动公开规范性文件97条,通过网站、政报等渠道发布和更新各类信息124条")]
    public void Numbered_long_sentences_are_not_headings(string line)
    {
        var result = Parse("标题报告", line);
        Assert.Empty(result.Document.Headings);
        Assert.IsType<Paragraph>(result.Document.Blocks[0]);
    }

    [Fact]
    public void Chapters_push_other_levels_down()
    {
        var result = Parse("标题报告", "第一章 总则", "一、目的", "(一)范围");
        Assert.Equal([(1, "第一章"), (2, "一、"), (3, "(一)")], result.Document.Headings.Select(h => (h.Level, h.Number!)));
    }

    [Fact]
    public void One_line_body_is_split_into_its_sections()
    {
        var line = "现将工作总结如下。 一、工作概述 2018年,我局严格按照要求,逐条核对,认真梳理本单位政府信息公开工作情况,扎实推进政府信息公开工作。 (一)围绕建设法治政府全面推进政务公开 1.推进政策执行更加阳光透明。把公开透明作为政府工作的基本要求,坚持以公开为常态。 2.建立随机抽查信息公开机制。全面实施监管,及时公示抽查事项清单、检查结果等信息。 二、主动公开政府信息情况 本年度通过县政府网站群主动公开信息100余条。";
        var result = Parse("桐柏县文广新局 2018年度政府信息与政务公开工作总结", line);
        Assert.Equal(["一、工作概述", "(一)围绕建设法治政府全面推进政务公开", "二、主动公开政府信息情况"], result.Document.Headings.Select(h => h.DisplayText));
        Assert.Equal("现将工作总结如下。", Assert.IsType<Paragraph>(result.Document.Blocks[0]).Text);
        Assert.Contains(result.Document.Blocks, b => b is ListBlock { Ordered: true, Items.Count: 2 });
    }

    [Fact]
    public void Pipe_table_becomes_a_real_table_with_caption_notes_and_null_cells()
    {
        var result = Parse(
            "报告标题报告", "北景港镇政府信息公开情况统计表", "(2018年度)", "填报单位(盖章):北景港镇人民政府",
            "统 计 指 标 |", "单位 |", "统计数 |", "|||",
            "一、主动公开情况 |", "|||||",
            "(一)主动公开政府信息数 |", "条 |", "147 |", "|||",
            "1、政府公报公开政府信息数 |", "条 |", "||||",
            "单位负责人:向俊英 审核人:徐春娥 填报人:刘志鹏");
        var table = Assert.Single(result.Document.Tables).Table;
        Assert.Equal("北景港镇政府信息公开情况统计表 (2018年度)", table.Caption);
        Assert.Equal(["统计指标", "单位", "统计数"], table.Header[0]);
        Assert.Equal(["一、主动公开情况", null, null], table.Rows[0]);
        Assert.Equal(["(一)主动公开政府信息数", "条", "147"], table.Rows[1]);
        Assert.Equal(["1、政府公报公开政府信息数", "条", null], table.Rows[2]);
        Assert.Equal(["填报单位(盖章):北景港镇人民政府", "单位负责人:向俊英 审核人:徐春娥 填报人:刘志鹏"], table.Notes);
        Assert.Empty(result.Document.Headings);
    }

    [Fact]
    public void Markdown_style_pipe_rows_are_read_as_whole_rows()
    {
        var table = Assert.Single(Parse("标题报告", "指标 | 单位 | 数量 |", "收到申请数 | 件 | 3 |", "办结数 | 件 | |").Document.Tables).Table;
        Assert.Equal(["收到申请数", "件", "3"], table.Rows[0]);
        Assert.Equal(["办结数", "件", null], table.Rows[1]);
    }

    [Theory]
    [InlineData(new[] { "桐柏县文化广电新闻出版局 2018年12月5日" }, new[] { "桐柏县文化广电新闻出版局" }, "2018年12月5日", 2018, 12, 5)]
    [InlineData(new[] { "南充市高坪区人民政府", "20221230" }, new[] { "南充市高坪区人民政府" }, "20221230", 2022, 12, 30)]
    [InlineData(new[] { "二O一九年三月十一日" }, new string[0], "二O一九年三月十一日", 2019, 3, 11)]
    [InlineData(new[] { "华容县北景港镇人民政府", "二〇二〇年一月十五日" }, new[] { "华容县北景港镇人民政府" }, "二〇二〇年一月十五日", 2020, 1, 15)]
    public void Signature_block_is_recognised(string[] tail, string[] organisations, string dateText, int y, int m, int d)
    {
        var result = Parse(["标题报告", "一、概述", "正文内容。", .. tail]);
        var signature = Assert.IsType<Signature>(result.Document.Signature);
        Assert.Equal(organisations, signature.Organisations);
        Assert.Equal(dateText, signature.DateText);
        Assert.Equal(new DateOnly(y, m, d), signature.Date);
        Assert.Equal("正文内容。", Assert.IsType<Paragraph>(result.Document.Blocks[^1]).Text);
    }

    [Fact]
    public void A_body_ending_in_a_sentence_has_no_signature()
    {
        Assert.Null(Parse("标题报告", "一、概述", "正文内容截至2018年12月5日。").Document.Signature);
    }

    [Fact]
    public void Attachment_note_and_bullets()
    {
        var result = Parse("标题报告", "附件:北景港镇政府信息公开情况统计表", "• 第一项", "• 第二项");
        Assert.Equal("附件:北景港镇政府信息公开情况统计表", Assert.IsType<AttachmentNote>(result.Document.Blocks[0]).Text);
        var list = Assert.IsType<ListBlock>(result.Document.Blocks[1]);
        Assert.False(list.Ordered);
        Assert.Equal(["第一项", "第二项"], list.Items);
    }

    [Fact]
    public void Short_numbered_sentences_form_an_ordered_list_and_long_ones_stay_paragraphs()
    {
        var list = Parse("标题报告", "1、认识不够到位,工作被动应付。", "2、工作力度不大,进展不快。");
        Assert.Equal(2, Assert.IsType<ListBlock>(list.Document.Blocks[0]).Items.Count);

        var longOne = new string('长', 120) + "。";
        var mixed = Parse("标题报告", "1、认识不够到位,工作被动应付。", "2、" + longOne);
        Assert.All(mixed.Document.Blocks, b => Assert.IsType<Paragraph>(b));
    }
}
