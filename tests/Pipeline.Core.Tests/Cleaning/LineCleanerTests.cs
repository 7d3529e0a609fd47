using Pipeline.Core.Cleaning;
using Pipeline.Core.Decoding;

namespace Pipeline.Core.Tests.Cleaning;

public class LineCleanerTests
{
    private static CleanResult Clean(params string[] lines) =>
        LineCleaner.Clean(lines.Select((t, i) => new SourceLine(i + 1, t)).ToList());

    [Theory]
    [InlineData("时间: 2022-12-30 11:25", "page-date")]
    [InlineData("  • 时间:2020-11-10 09:30", "page-date")]
    [InlineData("  • 字体: [ ] [ ] [ ]", "page-toolbar")]
    [InlineData("字体:[大] [中] [小]", "page-toolbar")]
    [InlineData("  • 收藏", "page-toolbar")]
    [InlineData("  • 分享:", "page-toolbar")]
    [InlineData("【打印本页】 【关闭窗口】", "page-toolbar")]
    [InlineData("Top", "page-toolbar")]
    [InlineData("扫一扫在手机打开当前页", "share-prompt")]
    [InlineData("  • 当前位置 首页 >专题范文 > 公文范文 >", "breadcrumb")]
    [InlineData("九九文秘网 - www.nagforex.cn 2024年05月12日 17:51 星期日", "site-banner")]
    [InlineData("  • 热门搜索:", "site-search")]
    [InlineData("推荐访问:关于召开政务公开重点工作推进会通知 政务公开 推进 重点", "recommendations")]
    [InlineData("版权所有:华容县人民政府 湘ICP备05001234号", "copyright-footer")]
    [InlineData("来源:网友投稿 发布时间:2022-11-17 18:30:03", "source-line")]
    public void Chrome_lines_are_removed_with_a_reason(string line, string reason)
    {
        var result = Clean("平凉市2018年政府信息公开工作年度报告", line, "一、概述");
        var removed = Assert.Single(result.Removed);
        Assert.Equal(reason, removed.Reason);
        Assert.Equal(2, removed.LineNumber);
        Assert.Equal(["平凉市2018年政府信息公开工作年度报告", "一、概述"], result.Lines.Select(l => l.Text));
    }

    [Theory]
    [InlineData("我局对群众关注的热点问题及时收藏、分享、转发相关政策解读,取得良好效果。")]
    [InlineData("时间紧、任务重,全镇上下齐心协力完成了各项工作。")]
    [InlineData("当前位置偏远的村组也设置了公开栏,方便群众查阅政务信息,全年共设置公开栏18处,覆盖全部行政村。")]
    [InlineData("首页")]
    [InlineData("二O一九年三月十一日")]
    public void Real_content_that_mentions_chrome_words_is_kept(string line)
    {
        var result = Clean("标题", line);
        Assert.Empty(result.Removed);
        Assert.Equal(2, result.Lines.Count);
    }

    [Fact]
    public void Page_date_is_kept_for_metadata_inference()
    {
        var result = Clean("标题", "时间: 2022-12-30 11:25", "正文。");
        var date = Assert.Single(result.PageDates);
        Assert.Equal("2022-12-30", date.DateText);
        Assert.Equal(2, date.LineNumber);
    }

    [Fact]
    public void Duplicated_body_is_kept_once()
    {
        string[] body = ["平凉市2018年政府信息公开工作年度报告", "一、概述", "2018年,平凉市围绕贯彻落实条例。", "二、主动公开政府信息情况", "全年主动公开政府信息96000条。"];
        var result = Clean([.. body, "扫一扫在手机打开当前页", .. body.Select(l => "  " + l)]);
        Assert.Equal(body, result.Lines.Select(l => l.Text));
        Assert.Equal(5, result.Removed.Count(r => r.Reason == "duplicate-body"));
        Assert.Equal(7, result.Removed.First(r => r.Reason == "duplicate-body").LineNumber);
    }

    [Fact]
    public void Repeated_short_phrases_are_not_a_duplicated_body()
    {
        var result = Clean("标题", "一、概述", "做好公开工作。", "二、做法", "一、概述", "做好公开工作。");
        Assert.DoesNotContain(result.Removed, r => r.Reason == "duplicate-body");
    }

    [Fact]
    public void Stray_pipe_line_is_removed_but_table_separators_stay()
    {
        var result = Clean("桐柏县文化广电新闻出版局 2018年12月5日", "|");
        Assert.Equal("stray-separator", Assert.Single(result.Removed).Reason);

        var table = Clean("统 计 指 标 |", "单位 |", "统计数 |", "|||", "一、主动公开情况 |", "|||||");
        Assert.Empty(table.Removed);
    }

    [Fact]
    public void Blank_lines_are_dropped_without_being_reported()
    {
        var result = Clean("标题", "", "   ", "\u3000", "正文。");
        Assert.Equal(["标题", "正文。"], result.Lines.Select(l => l.Text));
        Assert.Empty(result.Removed);
    }
}
