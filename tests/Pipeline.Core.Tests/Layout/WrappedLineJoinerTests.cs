using Pipeline.Core.Decoding;
using Pipeline.Core.Layout;

namespace Pipeline.Core.Tests.Layout;

public class WrappedLineJoinerTests
{
    private static List<SourceLine> Lines(params string[] text) => text.Select((t, i) => new SourceLine(i + 1, t)).ToList();

    // Lines as pdftotext writes an A4 page of 30 characters a line: spaces inside Chinese, sentences broken mid-word.
    private static readonly string[] PdfText =
    [
        "一、总体情况",
        "2023 年，青岚县人民政府坚持以人民为中心的发展思想，全面",
        "贯彻落实《条例》相关规范要求，不断完善政府信息公开制度，建",
        "立健全政府信息公开保障机制，始终将政务公开工作摆在重要位",
        "置。",
        "（一）主动公开情况。主要通过政府门户网站主动公开政府文件、",
        "项目审批、通知公告等各类政府信息，全年主动公开政府信息 1136",
        "条。",
        "（二）依申请公开情况。进一步规范依申请公开流程，畅通依申请",
        "公开受理渠道，全年受理政府信息公开申请 21 件，均在法定期限",
        "内答复。",
    ];

    [Fact]
    public void Hard_wrapped_lines_become_paragraphs_and_numbered_lines_start_new_ones()
    {
        var joined = WrappedLineJoiner.Join(Lines(PdfText)).Select(l => l.Text).ToList();
        Assert.Equal(4, joined.Count);
        Assert.Equal("一、总体情况", joined[0]);
        Assert.StartsWith("2023年，青岚县人民政府", joined[1]);
        Assert.EndsWith("摆在重要位置。", joined[1]);
        Assert.Contains("全年主动公开政府信息1136条。", joined[2]);
        Assert.Equal(1, WrappedLineJoiner.Join(Lines(PdfText))[0].Number);
    }

    [Fact]
    public void Documents_whose_lines_are_paragraphs_are_unchanged()
    {
        var lines = Lines("一、总体情况", "本年度我县认真贯彻落实条例。", "全年公开信息 1136 条。", "二、主动公开政府信息情况", "全年制发规范性文件 3 件。");
        Assert.Same(lines, WrappedLineJoiner.Join(lines));
    }

    // A scraper's table, one cell per line with "|||" row ends (sample 001's shape): the long row labels are as wide as
    // the page's prose lines and end mid-sentence, like a wrapped line.
    private static readonly string[] PipeCells =
    [
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 |",
        "1 |",
        "0 |",
        "1 |",
        "|||",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 |",
        "0 |",
        "0 |",
        "0 |",
        "|||",
    ];

    [Fact]
    public void Pipe_table_cells_are_never_joined_to_a_paragraph_or_to_each_other()
    {
        // Were the label glued to its first figure ("…申请|1 |"), the pipe-table reader would close the row after it.
        var joined = WrappedLineJoiner.Join(Lines([.. PdfText, .. PipeCells])).Select(l => l.Text).ToList();
        Assert.Equal(4 + PipeCells.Length, joined.Count);
        Assert.Equal("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请|", joined[4]); // spaces closed up, as in the prose
        Assert.Equal(PipeCells.Skip(1).Take(4), joined.Skip(5).Take(4));
        Assert.EndsWith("摆在重要位置。", joined[1]);

        // Only cells reach the margin: the document is not hard-wrapped at all.
        var cellsOnly = Lines(["一、总体情况", "本年度我县认真贯彻落实条例。", .. PipeCells, .. PipeCells, .. PipeCells]);
        Assert.Same(cellsOnly, WrappedLineJoiner.Join(cellsOnly));
    }
}

public class WrappedLineJoinerMarginTests
{
    private static List<SourceLine> Lines(params string[] text) => text.Select((t, i) => new SourceLine(i + 1, t)).ToList();

    [Fact]
    public void Short_headings_of_one_width_are_no_margin_when_the_title_and_paragraphs_run_past_them()
    {
        // A report with a pipe table (XssCorpus's shape): without its cells, the prose lines that reach 24 columns
        // are three headings of about 28 columns — the "margin" — and a title and two paragraphs that run far past
        // it. Were it taken for hard-wrapped, the heading "一、<script>…" (at that margin, no 。) would swallow the
        // paragraph after it and stop being a heading.
        var lines = Lines(
            "平凉市2025年政府信息公开工作年度报告<script>window.__xss=1;alert(1)</script>",
            "一、<script>alert(1)</script>",
            "本年度按照条例要求推进政府信息公开工作。<script>window.__xss=1;alert(1)</script>相关情况如下。",
            "二、主动公开政府信息情况",
            "指标 | <script>window.__xss=1;alert(1)</script> | 数量 |",
            "主动公开信息 | <script>window.__xss=1;alert(1)</script> | 120 |",
            "依申请公开 | 办结 | 8 |",
            "三、存在的主要问题及改进情况",
            "信息公开的及时性仍需加强,下一步将完善工作机制。",
            "平凉市人民政府",
            "2025年6月1日");
        Assert.Same(lines, WrappedLineJoiner.Join(lines));
    }

    [Fact]
    public void A_stray_line_past_the_margin_leaves_a_hard_wrapped_text_hard_wrapped()
    {
        // One line in the corpus's PDF extracts runs past the margin (a URL, a space-aligned row): still a margin.
        var lines = Lines(
            "2023 年，青岚县人民政府坚持以人民为中心的发展思想，全面",
            "贯彻落实《条例》相关规范要求，不断完善政府信息公开制度，建",
            "立健全政府信息公开保障机制，始终将政务公开工作摆在重要位",
            "置。",
            "主动公开政府文件、项目审批、通知公告等各类政府信息共计一千一百三十六条，较上年增长百分之十二。",
            "进一步规范依申请公开流程，畅通依申请公开受理渠道，全年受",
            "理政府信息公开申请 21 件，均在法定期限内答复，未发生行政",
            "复议和行政诉讼。");
        var joined = WrappedLineJoiner.Join(lines).Select(l => l.Text).ToList();
        Assert.Equal(3, joined.Count);
        Assert.EndsWith("摆在重要位置。", joined[0]);
        Assert.Equal("进一步规范依申请公开流程，畅通依申请公开受理渠道，全年受理政府信息公开申请21件，均在法定期限内答复，未发生行政复议和行政诉讼。", joined[2]);
    }
}
