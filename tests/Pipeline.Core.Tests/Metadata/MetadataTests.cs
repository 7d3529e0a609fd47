using Pipeline.Core.Decoding;
using Pipeline.Core.Metadata;
using Pipeline.Core.Model;

namespace Pipeline.Core.Tests.Metadata;

public class HeaderBlockReaderTests
{
    private static HeaderBlock Read(params string[] lines) =>
        HeaderBlockReader.Read(lines.Select((t, i) => new SourceLine(i + 1, t)).ToList());

    [Theory]
    [InlineData("- 索引号:00638229X4/2019-1513549")]
    [InlineData("索引号:00638229X4/2019-1513549")]
    [InlineData("索 引 号：00638229X4/2019-1513549")]
    [InlineData("• 索引号 : 00638229X4/2019-1513549")]
    [InlineData("索引号 | 00638229X4/2019-1513549 |")]
    public void Index_code_label_variants(string line)
    {
        var header = Read(line, "标题", "正文。");
        Assert.Equal("00638229X4/2019-1513549", header.First(HeaderKey.IndexCode)!.Value);
        Assert.Equal(["标题", "正文。"], header.BodyLines.Select(l => l.Text));
    }

    [Fact]
    public void Several_pairs_on_one_line_and_a_header_after_the_title()
    {
        var header = Read("某某报告", "索引号:00638229X4/2019-1 发布机构:北景港镇", "公开方式:政府网站;公开范围:全部公开", "正文。");
        Assert.Equal("北景港镇", header.First(HeaderKey.Publisher)!.Value);
        Assert.Equal("全部公开", header.First(HeaderKey.PublicScope)!.Value);
        Assert.Equal("政府网站", header.First(HeaderKey.PublicMethod)!.Value);
        Assert.Equal(["某某报告", "正文。"], header.BodyLines.Select(l => l.Text));
    }

    [Fact]
    public void Labels_inside_the_body_are_not_a_header()
    {
        var header = Read("标题", "正文第一段。", "第二段。", "第三段。", "第四段。", "第五段。", "索引号:00638229X4/2019-1");
        Assert.Empty(header.Fields);
        Assert.Equal(7, header.BodyLines.Count);
    }
}

public class DateTextTests
{
    [Theory]
    [InlineData("2018年12月5日", 2018, 12, 5)]
    [InlineData("二O一九年三月十一日", 2019, 3, 11)]
    [InlineData("二〇二〇年一月十五日", 2020, 1, 15)]
    [InlineData("二〇二〇年十二月三十一日", 2020, 12, 31)]
    [InlineData("2022-12-30", 2022, 12, 30)]
    [InlineData("2022-12-30 11:25", 2022, 12, 30)]
    [InlineData("20221230", 2022, 12, 30)]
    [InlineData("2019.10.11", 2019, 10, 11)]
    [InlineData("2019/3/1", 2019, 3, 1)]
    public void Parses_the_ways_dates_are_written(string text, int y, int m, int d)
    {
        Assert.True(DateText.TryParseWhole(text, out var parts));
        Assert.Equal(new DateOnly(y, m, d), DateText.ToDate(parts, 2030));
    }

    [Theory]
    [InlineData("2019-02-30")]
    [InlineData("1900-01-01")]
    [InlineData("2099-01-01")]
    [InlineData("2019-13-01")]
    public void Impossible_or_implausible_dates_have_no_value(string text)
    {
        Assert.True(DateText.TryParseWhole(text, out var parts));
        Assert.Null(DateText.ToDate(parts, 2027));
    }
}

public class IndexCodeAndScopeTests
{
    [Theory]
    [InlineData("00638229X4/2019-1513549")]
    [InlineData("006382294/2019-00001")]
    [InlineData("00638229-4/2019-0001")]
    [InlineData("11430623MB1234567X/2021-00012")]
    [InlineData("006382294-2019-0001")]
    [InlineData("006382294/2019_00000001")]
    [InlineData("００６３８２２９４／２０１９－０００１")]
    public void Accepts_real_index_code_variants(string code) => Assert.True(IndexCode.TryParse(code, 2027, out _));

    [Theory]
    [InlineData("鹤政办〔2019〕20号")]
    [InlineData("00638229X4/〔2019〕-1513549")]
    [InlineData("abc")]
    [InlineData("00638229X4/2019-12")]
    [InlineData("00638229X4/1899-1234")]
    [InlineData("00638229X4/2019-123456789")]
    public void Rejects_garbage(string code) => Assert.False(IndexCode.TryParse(code, 2027, out _));

    [Theory]
    [InlineData("主动公开", PublicScope.Public)]
    [InlineData("全部公开", PublicScope.Public)]
    [InlineData("公开", PublicScope.Public)]
    [InlineData("依申请公开", PublicScope.NotPublic)]
    [InlineData("不予公开", PublicScope.NotPublic)]
    [InlineData("不公开", PublicScope.NotPublic)]
    [InlineData("内部", PublicScope.NotPublic)]
    [InlineData("部分公开", PublicScope.NotPublic)]
    [InlineData("涉密", PublicScope.NotPublic)]
    [InlineData("政府网站", PublicScope.Unknown)]
    public void Public_scope_is_normalised(string written, PublicScope expected) => Assert.Equal(expected, PublicScopes.Normalize(written));
}

public class MetadataExtractorTests
{
    [Fact]
    public void Header_values_have_document_source()
    {
        var m = TestFiles.AnalyzeText(TestFiles.Report()).Metadata;
        Assert.Equal(("00638229X4/2019-1513549", MetadataSource.Document), (m.IndexCode.Value, m.IndexCode.Source));
        Assert.Equal(("北景港镇", MetadataSource.Document), (m.Publisher.Value, m.Publisher.Source));
        Assert.Equal(new DateOnly(2019, 3, 12), m.GeneratedDate.Value);
        Assert.Equal(new DateOnly(2019, 3, 12), m.ReleaseDate.Value);
        Assert.Equal(("主动公开", PublicScope.Public), (m.PublicScope.Value, m.PublicScopeNormalized));
        Assert.Equal("华容县北景港镇2018年度政府信息公开工作年度报告", m.Title.Value);
    }

    [Fact]
    public void Without_header_publisher_comes_from_context_then_signature()
    {
        const string text = "某局2018年度工作总结\n一、概述\n正文。\n桐柏县文化广电新闻出版局 2018年12月5日";
        var withContext = TestFiles.AnalyzeText(text, AgencyContext.FromName("桐柏县文化广电新闻出版局")).Metadata;
        Assert.Equal(MetadataSource.Context, withContext.Publisher.Source);

        var inferred = TestFiles.AnalyzeText(text).Metadata;
        Assert.Equal(("桐柏县文化广电新闻出版局", MetadataSource.Inferred), (inferred.Publisher.Value, inferred.Publisher.Source));
        Assert.Equal((new DateOnly(2018, 12, 5), MetadataSource.Inferred), (inferred.GeneratedDate.Value, inferred.GeneratedDate.Source));
        Assert.Equal(MetadataSource.None, inferred.ReleaseDate.Source); // never inferred from the signature
        Assert.Equal(MetadataSource.Default, inferred.PublicScope.Source);
    }

    [Fact]
    public void Page_time_line_gives_the_release_date()
    {
        var m = TestFiles.AnalyzeText("某区工作总结\n时间: 2022-12-30 11:25\n正文。").Metadata;
        Assert.Equal((new DateOnly(2022, 12, 30), MetadataSource.Inferred), (m.ReleaseDate.Value, m.ReleaseDate.Source));
    }

    [Fact]
    public void Scope_prefers_public_scope_over_a_channel_in_public_method()
    {
        var m = TestFiles.AnalyzeText("- 公开方式:政府网站\n- 公开属性:依申请公开\n标题报告\n正文。").Metadata;
        Assert.Equal(("依申请公开", PublicScope.NotPublic), (m.PublicScope.Value, m.PublicScopeNormalized));
    }
}
