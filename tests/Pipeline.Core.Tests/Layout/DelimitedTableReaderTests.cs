using Pipeline.Core.Decoding;
using Pipeline.Core.Layout;

namespace Pipeline.Core.Tests.Layout;

public class DelimitedTableReaderTests
{
    private static List<SourceLine> Lines(params string[] text) => text.Select((t, i) => new SourceLine(i + 1, t)).ToList();

    [Fact]
    public void Markdown_pipe_table_has_its_header_above_the_separator_and_no_empty_first_column()
    {
        var result = DelimitedTableReader.Read(Lines("二、主动公开政府信息情况", "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |", "|---|---|---|---|", "| 规章 | 3 | 0 | 15 |", "| 行政规范性文件 | 61 | 2 | 130 |", "三、收到和处理政府信息公开申请情况"));
        Assert.Equal(3, result.Count);
        var table = result[1].Table!;
        Assert.Equal(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], table.Header.Single());
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(["规章", "3", "0", "15"], table.Rows[0]);
    }

    [Fact]
    public void A_separator_after_every_row_still_makes_only_the_first_row_the_header()
    {
        var result = DelimitedTableReader.Read(Lines("| 信息内容 | 本年处理决定数量 |", "|---|---|", "| 行政许可 | 550 |", "|---|---|", "| 行政处罚 | 12 |", "|---|---|"));
        var table = Assert.Single(result).Table!;
        Assert.Single(table.Header);
        Assert.Equal(2, table.Rows.Count);
    }

    [Fact]
    public void Tab_separated_rows_copied_from_word_become_one_table_not_headings()
    {
        var result = DelimitedTableReader.Read(Lines("本列数据的勾稽关系\t自然人\t商业企业\t总计", "一、本年新收政府信息公开申请数量\t12\t1\t13", "二、上年结转政府信息公开申请数量\t0\t0\t0"));
        var table = Assert.Single(result).Table!;
        Assert.Equal("自然人", table.Header[0][1]);
        Assert.Equal("一、本年新收政府信息公开申请数量", table.Rows[0][0]);
    }

    [Fact]
    public void Space_aligned_pdf_layout_rows_become_a_table()
    {
        var result = DelimitedTableReader.Read(Lines("信息内容    本年制发件数    本年废止件数    现行有效件数", "规章          0          0       0", "行政规范性文件          0          5       5"));
        var table = Assert.Single(result).Table!;
        Assert.Equal(["规章", "0", "0", "0"], table.Rows[0]);
    }

    [Fact]
    public void Sentences_and_flattened_cell_per_line_tables_are_left_alone()
    {
        var lines = Lines("全年公开信息 1136 条，均在法定期限内答复。", "统计数 |", "|||");
        Assert.Equal(lines, DelimitedTableReader.Read(lines));
    }
}
