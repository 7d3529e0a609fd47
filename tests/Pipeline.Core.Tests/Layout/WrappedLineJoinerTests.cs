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
}
