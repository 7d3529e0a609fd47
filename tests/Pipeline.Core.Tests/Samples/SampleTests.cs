using System.Text;
using Pipeline.Core.Model;

namespace Pipeline.Core.Tests.Samples;

/// <summary>The five real uploads in samples/ with their expected metadata, outline and verdict.</summary>
public class SampleTests
{
    private static ReportAnalysis Analyze(string prefix, AgencyContext? agency = null, AnalysisOptions? options = null) =>
        ReportAnalyzer.Analyze(TestFiles.SampleBytes(prefix), Path.GetFileName(TestFiles.Sample(prefix)), agency, options);

    private static string[] Outline(ReportAnalysis a) => a.Document.Headings.Select(h => $"{h.Level}:{h.DisplayText}").ToArray();

    [Fact]
    public void Sample_000_one_line_body_without_header()
    {
        var a = Analyze("000", AgencyContext.FromName("桐柏县文化广电新闻出版局"));

        Assert.True(a.Verdict.Accepted);
        Assert.True(a.Verdict.Publishable);
        // Made 2018-12-05, no release date: published today at the earliest, years past the 20 working days.
        Assert.Equal(["index-code-missing", "public-scope-missing", "published-late"], a.Verdict.Warnings.Select(w => w.Code).Order());
        Assert.Equal("桐柏县文广新局 2018年度政府信息与政务公开工作总结", a.Metadata.Title.Value);
        Assert.Equal(("桐柏县文化广电新闻出版局", MetadataSource.Context), (a.Metadata.Publisher.Value, a.Metadata.Publisher.Source));
        Assert.Equal((new DateOnly(2018, 12, 5), MetadataSource.Inferred), (a.Metadata.GeneratedDate.Value, a.Metadata.GeneratedDate.Source));
        Assert.Null(a.Metadata.ReleaseDate.Value);
        Assert.Null(a.Metadata.IndexCode.Value);

        var outline = Outline(a);
        Assert.Equal("1:一、工作概述", outline[0]);
        Assert.Equal("2:(一)围绕建设法治政府全面推进政务公开", outline[1]);
        Assert.Contains("1:八、其他需要报告的事项", outline);
        Assert.Equal(11, outline.Count(o => o.StartsWith("1:")));
        Assert.Equal(["桐柏县文化广电新闻出版局"], a.Document.Signature!.Organisations);
        Assert.Equal("stray-separator", Assert.Single(a.RemovedLines).Reason);
    }

    [Fact]
    public void Sample_000_without_context_infers_publisher_from_signature()
    {
        var a = Analyze("000");
        Assert.True(a.Verdict.Accepted);
        Assert.Equal(("桐柏县文化广电新闻出版局", MetadataSource.Inferred), (a.Metadata.Publisher.Value, a.Metadata.Publisher.Source));
    }

    [Fact]
    public void Sample_001_header_split_title_table_and_personal_data()
    {
        var a = Analyze("001", TestFiles.Beijinggang);

        Assert.True(a.Verdict.Accepted, string.Join("; ", a.Verdict.Errors.Select(e => e.Message)));
        Assert.False(a.Verdict.Publishable); // held for privacy review
        Assert.Equal(["personal-data"], a.Verdict.Warnings.Select(w => w.Code));
        // The staff contact line's mobile is held; the office mailbox in "如对本年度报告有疑问,请与…办公室联系(…电子邮箱:…)"
        // is the organisation's published contact, not personal data (issue 9, "False privacy holds").
        Assert.Equal(["mobile:18598936331"], a.PersonalData.Select(p => $"{p.Kind}:{p.Value}").Order());

        var m = a.Metadata;
        Assert.Equal("00638229X4/2019-1513549", m.IndexCode.Value);
        Assert.Equal(("北景港镇", MetadataSource.Document), (m.Publisher.Value, m.Publisher.Source));
        Assert.Equal(new DateOnly(2019, 3, 12), m.GeneratedDate.Value);
        Assert.Equal(new DateOnly(2019, 3, 12), m.ReleaseDate.Value);
        Assert.Equal(("全部公开", PublicScope.Public), (m.PublicScope.Value, m.PublicScopeNormalized));
        Assert.Equal("华容县北景港镇2018年度政府信息公开工作年度报告", m.Title.Value);

        Assert.Equal(["1:一、概述", "1:二、主要做法", "3:1、强化责任,确保政务公开组织到位", "3:2、完善制度,确保政务公开工作有章可循",
            "3:3、突出重点,不断拓宽政务公开的内容", "3:4、探索形式,构筑政务公开的立体网络", "1:三、存在问题", "1:四、下步措施"], Outline(a));

        var table = Assert.Single(a.Document.Tables).Table;
        Assert.Equal(["统计指标", "单位", "统计数"], table.Header[0]);
        Assert.Equal("北景港镇政府信息公开情况统计表 (2018年度)", table.Caption);
        Assert.Equal(["(一)主动公开政府信息数 (不同渠道和方式公开相同信息计1条)", "条", "147"], table.Rows[1]);
        Assert.Equal(["1、政府公报公开政府信息数", "条", null], table.Rows[5]);
        Assert.Contains(table.Rows, r => r[0] == "(三)接受培训人员数" && r[2] == "34");
        Assert.All(table.Rows, r => Assert.Equal(3, r.Count));
        Assert.Contains(table.Notes, n => n.StartsWith("联系电话"));

        Assert.Equal(new DateOnly(2019, 3, 11), a.Document.Signature!.Date);
        Assert.Contains(a.Document.Blocks, b => b is AttachmentNote);
    }

    [Fact]
    public void Sample_001_is_publishable_when_masked()
    {
        var a = Analyze("001", TestFiles.Beijinggang, new AnalysisOptions { Privacy = PrivacyMode.PublishMasked });
        Assert.True(a.Verdict.Publishable);
        var allText = string.Join("\n", a.Document.Blocks.Select(b => b switch
        {
            Paragraph p => p.Text,
            TableBlock t => string.Join("\n", t.Table.Notes),
            _ => "",
        }));
        Assert.Contains("185****6331", allText);
        Assert.DoesNotContain("18598936331", allText);
        Assert.Contains("1952846433@qq.com", allText); // the office's published mailbox stays as written
    }

    [Fact]
    public void Sample_002_web_page_with_time_line_and_numeric_signature_date()
    {
        var a = Analyze("002", AgencyContext.FromName("南充市高坪区人民政府"));
        Assert.True(a.Verdict.Accepted);
        Assert.True(a.Verdict.Publishable);
        Assert.Equal("南充市高坪区人民政府2022年深化政务公开促进基层政府治理能力提升工作总结", a.Metadata.Title.Value);
        Assert.Equal((new DateOnly(2022, 12, 30), MetadataSource.Inferred), (a.Metadata.ReleaseDate.Value, a.Metadata.ReleaseDate.Source));
        Assert.Equal(new DateOnly(2022, 12, 30), a.Metadata.GeneratedDate.Value);
        Assert.Equal(5, Outline(a).Length);
        Assert.All(Outline(a), o => Assert.StartsWith("1:", o));
        Assert.Equal(["南充市高坪区人民政府"], a.Document.Signature!.Organisations);
        Assert.Equal("20221230", a.Document.Signature.DateText);
        Assert.Equal(["page-date", "share-prompt"], a.RemovedLines.Select(r => r.Reason));
    }

    [Fact]
    public void Sample_003_chrome_and_duplicated_body_removed()
    {
        var a = Analyze("003");
        Assert.True(a.Verdict.Accepted);
        Assert.Equal("平凉市2018年政府信息公开工作年度报告", a.Metadata.Title.Value);
        Assert.Equal(new DateOnly(2020, 11, 10), a.Metadata.ReleaseDate.Value);
        Assert.Equal(["一、概述", "二、主动公开政府信息情况", "三、政府信息依申请公开办理情况", "四、政府信息公开的收费及减免情况",
            "五、因政府信息公开申请行政复议、提起行政诉讼的情况", "六、政府信息公开工作机构、人员、经费情况", "七、政府信息公开工作存在的主要问题及改进措施"],
            a.Document.Headings.Select(h => h.DisplayText));
        Assert.Equal(1, a.Document.Blocks.OfType<Paragraph>().Count(p => p.Text.StartsWith("(一)强化组织领导")));
        Assert.Contains(a.RemovedLines, r => r.Reason == "duplicate-body");
        Assert.Equal(["page-date", "page-toolbar", "page-toolbar", "page-toolbar"], a.RemovedLines.Take(4).Select(r => r.Reason));
    }

    [Fact]
    public void Sample_004_bundle_is_rejected()
    {
        var a = Analyze("004");
        Assert.False(a.Verdict.Accepted);
        Assert.False(a.Verdict.Publishable);
        Assert.Equal("bundled-documents", Assert.Single(a.Verdict.Errors).Code);
        // The three "正文" lines that introduce each bundled piece are a content farm's markers, not text.
        Assert.Equal(["site-banner", "site-search", "breadcrumb", "source-line", "archiver-marker", "archiver-marker", "archiver-marker", "recommendations", "page-toolbar"], a.RemovedLines.Select(r => r.Reason));
    }

    public static TheoryData<string> SamplePrefixes => new() { "000", "001", "002", "003", "004" };

    [Theory]
    [MemberData(nameof(SamplePrefixes))]
    public void Gb18030_and_utf16_encodings_give_the_identical_analysis(string prefix)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = File.ReadAllText(TestFiles.Sample(prefix), Encoding.UTF8);
        var reference = Summary(ReportAnalyzer.Analyze(Encoding.UTF8.GetBytes(text), "x.txt"));

        var gb = Encoding.GetEncoding(54936);
        Assert.Equal(reference, Summary(ReportAnalyzer.Analyze(gb.GetBytes(text), "x.txt")));
        foreach (var utf16 in new[] { new UnicodeEncoding(false, true), new UnicodeEncoding(true, true) })
        {
            Assert.Equal(reference, Summary(ReportAnalyzer.Analyze(utf16.GetPreamble().Concat(utf16.GetBytes(text)).ToArray(), "x.txt")));
            Assert.Equal(reference, Summary(ReportAnalyzer.Analyze(utf16.GetBytes(text), "x.txt"))); // without BOM
        }
        var crlf = Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n"));
        Assert.Equal(reference, Summary(ReportAnalyzer.Analyze(crlf, "x.txt")));
    }

    /// <summary>Everything but the encoding name, length and hash, as comparable text.</summary>
    private static string Summary(ReportAnalysis a) => string.Join("\n",
        a.Verdict.Accepted, a.Verdict.Publishable,
        string.Join(",", a.Verdict.Errors.Concat(a.Verdict.Warnings).Select(f => f.Code + f.Message)),
        a.Metadata.ToString(),
        string.Join("|", a.Document.Blocks.Select(b => b switch
        {
            TableBlock t => "T" + string.Join(";", t.Table.Rows.Select(r => string.Join(",", r))),
            ListBlock l => "L" + string.Join(";", l.Items),
            _ => b.ToString(),
        })),
        a.Document.Title, a.Document.Signature?.DateText,
        string.Join("|", a.RemovedLines), string.Join("|", a.PersonalData));
}
