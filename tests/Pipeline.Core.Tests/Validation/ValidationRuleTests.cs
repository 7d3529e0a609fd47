using System.Text;
using Pipeline.Core.Model;

namespace Pipeline.Core.Tests.Validation;

/// <summary>Each rule with a failing and a passing case, through the public Analyze entry point.</summary>
public class ValidationRuleTests
{
    private static ReportAnalysis Analyze(string text, AgencyContext? agency = null, AnalysisOptions? options = null) =>
        TestFiles.AnalyzeText(text, agency ?? TestFiles.Beijinggang, options);

    [Fact]
    public void Baseline_report_is_accepted_and_publishable_without_findings()
    {
        var analysis = Analyze(TestFiles.Report());
        Assert.True(analysis.Verdict.Accepted);
        Assert.True(analysis.Verdict.Publishable);
        Assert.Empty(analysis.Verdict.Errors);
        Assert.Empty(analysis.Verdict.Warnings);
    }

    [Fact]
    public void Not_text_names_the_format()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52 };
        var error = Assert.Single(ReportAnalyzer.Analyze(png, "report.txt").Verdict.Errors);
        Assert.Equal("not-text", error.Code);
        Assert.Contains("PNG image", error.MessageEn);
        Assert.Contains("PNG 图片", error.MessageZh);
    }

    [Fact]
    public void Empty_file_is_rejected()
    {
        Assert.True(ReportAnalyzer.Analyze(Array.Empty<byte>(), "a.txt").Verdict.HasError("empty"));
        Assert.True(ReportAnalyzer.Analyze(" \n \n"u8.ToArray(), "a.txt").Verdict.HasError("empty"));
    }

    [Fact]
    public void Chrome_only_page_is_empty()
    {
        var analysis = TestFiles.AnalyzeText("扫一扫在手机打开当前页\n  • 收藏\nTop");
        Assert.True(analysis.Verdict.HasError("empty"));
        Assert.Equal(3, analysis.RemovedLines.Count);
    }

    [Fact]
    public void Undecodable_bytes_are_rejected()
    {
        var bytes = new byte[] { 0x41, 0x80, 0xFF, 0x80, 0xFF, 0x42 };
        Assert.True(ReportAnalyzer.Analyze(bytes, "a.txt").Verdict.HasError("undecodable"));
    }

    [Fact]
    public async Task Too_large_stream_is_rejected_without_reading_it_whole()
    {
        var options = new AnalysisOptions { MaxBytes = 1024 };
        var stream = new CountingStream(Encoding.UTF8.GetBytes(new string('字', 100_000)));
        var analysis = await ReportAnalyzer.AnalyzeAsync(stream, "big.txt", options: options);
        Assert.True(analysis.Verdict.HasError("too-large"));
        Assert.True(stream.BytesRead < 200_000, $"read {stream.BytesRead} bytes");

        var small = await ReportAnalyzer.AnalyzeAsync(new MemoryStream(Encoding.UTF8.GetBytes(TestFiles.Report())), "ok.txt", TestFiles.Beijinggang);
        Assert.True(small.Verdict.Accepted);
    }

    [Fact]
    public void Too_large_buffer_is_rejected_by_the_in_memory_entry_point_too()
    {
        var options = new AnalysisOptions { MaxBytes = 100 };
        var analysis = ReportAnalyzer.Analyze(Encoding.UTF8.GetBytes(TestFiles.Report()), "big.txt", options: options);
        var error = Assert.Single(analysis.Verdict.Errors);
        Assert.Equal("too-large", error.Code);
    }

    [Fact]
    public void Index_code_missing_is_a_warning()
    {
        var analysis = Analyze(TestFiles.Report().Replace("- 索引号:00638229X4/2019-1513549\n", ""));
        Assert.True(analysis.Verdict.Accepted);
        Assert.True(analysis.Verdict.HasWarning("index-code-missing"));
    }

    [Theory]
    [InlineData("鹤政办〔2019〕20号")]
    [InlineData("请填写")]
    [InlineData("00638229X4/2019-12")]
    public void Index_code_malformed_is_an_error_with_its_line(string code)
    {
        var analysis = Analyze(TestFiles.Report(indexCode: code));
        var error = Assert.Single(analysis.Verdict.Errors);
        Assert.Equal("index-code-malformed", error.Code);
        Assert.Equal("line 1", error.Location);
        Assert.Contains(code, error.MessageZh);
    }

    [Fact]
    public void Index_code_foreign_when_organisation_code_differs()
    {
        var other = TestFiles.Beijinggang with { OrganisationCode = "12345678X" };
        Assert.True(Analyze(TestFiles.Report(), other).Verdict.HasError("index-code-foreign"));
        Assert.False(Analyze(TestFiles.Report(), TestFiles.Beijinggang).Verdict.HasError("index-code-foreign"));
        Assert.False(Analyze(TestFiles.Report(), TestFiles.Beijinggang with { OrganisationCode = null }).Verdict.HasError("index-code-foreign"));
    }

    [Theory]
    [InlineData("2019-02-30")]
    [InlineData("1900-01-01")]
    [InlineData("3019-01-01")]
    [InlineData("不详")]
    public void Date_invalid_for_impossible_header_dates(string date)
    {
        var analysis = Analyze(TestFiles.Report(generated: date));
        var error = Assert.Single(analysis.Verdict.Errors);
        Assert.Equal("date-invalid", error.Code);
        Assert.Equal("line 4", error.Location);
    }

    [Fact]
    public void Date_in_the_future_beyond_next_year_is_invalid_by_the_configured_clock()
    {
        var clock = new FixedClock(new DateTimeOffset(2019, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var options = new AnalysisOptions { Clock = clock };
        Assert.True(Analyze(TestFiles.Report(released: "2021-01-01"), options: options).Verdict.HasError("date-invalid"));
        Assert.False(Analyze(TestFiles.Report(released: "2020-01-01"), options: options).Verdict.HasError("date-invalid"));
    }

    [Theory]
    [InlineData("桐柏县文化广电新闻出版局", true)]
    [InlineData("华容县", true)]
    [InlineData("人民政府", true)]
    [InlineData("北景港镇", false)]
    [InlineData("华容县北景港镇人民政府", false)]
    [InlineData("湖南省华容县北景港镇人民政府", false)]
    [InlineData("北景港镇人民政府", false)]
    public void Publisher_mismatch_rejects_another_agency(string publisher, bool mismatch)
    {
        var analysis = Analyze(TestFiles.Report(publisher: publisher));
        Assert.Equal(mismatch, analysis.Verdict.HasError("publisher-mismatch"));
        Assert.Equal(!mismatch, analysis.Verdict.Accepted);
    }

    [Fact]
    public void Publisher_is_not_checked_without_an_agency_context()
    {
        Assert.True(TestFiles.AnalyzeText(TestFiles.Report(publisher: "桐柏县文化广电新闻出版局")).Verdict.Accepted);
    }

    [Fact]
    public void Public_scope_missing_warns_that_the_default_applies()
    {
        var analysis = Analyze(TestFiles.Report().Replace("- 公开范围:主动公开\n", ""));
        var warning = Assert.Single(analysis.Verdict.Warnings);
        Assert.Equal("public-scope-missing", warning.Code);
        Assert.Contains("主动公开", warning.MessageZh);
        Assert.True(analysis.Verdict.Publishable);
        Assert.Equal(MetadataSource.Default, analysis.Metadata.PublicScope.Source);
    }

    [Theory]
    [InlineData("依申请公开")]
    [InlineData("不予公开")]
    [InlineData("内部")]
    public void Not_public_is_accepted_but_never_publishable(string scope)
    {
        var analysis = Analyze(TestFiles.Report(scope: scope));
        Assert.True(analysis.Verdict.Accepted);
        Assert.False(analysis.Verdict.Publishable);
        Assert.True(analysis.Verdict.HasWarning("not-public"));
    }

    [Fact]
    public void Bundled_documents_are_rejected()
    {
        var text = "关于召开推进会通知3篇\n篇一:关于召开推进会通知\n鹤壁市人民政府办公室通知\n正文一。\n篇二:关于召开推进会通知\n大庆市人民政府办公室通知\n正文二。";
        var error = Assert.Single(TestFiles.AnalyzeText(text).Verdict.Errors);
        Assert.Equal("bundled-documents", error.Code);
        Assert.Contains("2, 5", error.MessageEn);
        Assert.False(TestFiles.AnalyzeText("通知\n篇一:只有一篇\n正文。").Verdict.HasError("bundled-documents"));
    }

    [Fact]
    public void Personal_data_holds_the_report_for_review_by_default()
    {
        var analysis = Analyze(TestFiles.Report(body: "联系电话:18598936331。"));
        Assert.True(analysis.Verdict.Accepted);
        Assert.False(analysis.Verdict.Publishable);
        Assert.True(analysis.Verdict.HasWarning("personal-data"));
        Assert.Equal("18598936331", Assert.Single(analysis.PersonalData).Value);
    }

    [Fact]
    public void Personal_data_is_masked_when_publishing_masked()
    {
        var options = new AnalysisOptions { Privacy = PrivacyMode.PublishMasked };
        var analysis = Analyze(TestFiles.Report(body: "联系电话:18598936331。"), options: options);
        Assert.True(analysis.Verdict.Publishable);
        Assert.True(analysis.Verdict.HasWarning("personal-data"));
        var texts = string.Join("\n", analysis.Document.Blocks.OfType<Paragraph>().Select(p => p.Text));
        Assert.Contains("185****6331", texts);
        Assert.DoesNotContain("18598936331", texts);
    }

    [Fact]
    public void No_personal_data_no_warning()
    {
        Assert.False(Analyze(TestFiles.Report(body: "咨询电话:0730-4500137。")).Verdict.HasWarning("personal-data"));
    }

    private static string StatisticsTable(string parent, string first, string second) => TestFiles.Report(body: $"""
        统计表
        统计指标 | 单位 | 统计数 |
        (一)收到申请数 | 件 | {parent} |
        1、当面申请数 | 件 | {first} |
        其中:网上转来 | 件 | 9 |
        2、网络申请数 | 件 | {second} |
        (二)申请办结数 | 件 | 3 |
        """);

    [Fact]
    public void Table_total_mismatch_warns()
    {
        var analysis = Analyze(StatisticsTable("5", "1", "2"));
        var warning = Assert.Single(analysis.Verdict.Warnings);
        Assert.Equal("table-total-mismatch", warning.Code);
        Assert.Contains("(一)收到申请数", warning.MessageZh);
    }

    [Theory]
    [InlineData("3", "1", "2")]
    [InlineData("3", "1", "")] // a sub-item without a figure: nothing to check
    [InlineData("", "1", "2")]
    public void Table_totals_that_add_up_or_are_incomplete_pass(string parent, string first, string second)
    {
        Assert.False(Analyze(StatisticsTable(parent, first, second)).Verdict.HasWarning("table-total-mismatch"));
    }

    [Fact]
    public void Internal_failures_become_an_internal_error_rejection()
    {
        var broken = new AnalysisOptions { Clock = null! };
        var analysis = ReportAnalyzer.Analyze(Encoding.UTF8.GetBytes(TestFiles.Report()), "a.txt", options: broken);
        Assert.False(analysis.Verdict.Accepted);
        Assert.Equal("internal-error", Assert.Single(analysis.Verdict.Errors).Code);
    }

    [Fact]
    public void Every_finding_has_both_languages()
    {
        var analysis = Analyze(TestFiles.Report(indexCode: "bad", generated: "2019-02-30", body: "电话18598936331。"), TestFiles.Beijinggang with { PublisherName = "别的单位" , Aliases = [] });
        Assert.NotEmpty(analysis.Verdict.Errors);
        Assert.All(analysis.Verdict.Errors.Concat(analysis.Verdict.Warnings), f =>
        {
            Assert.Matches("^[a-z]+(-[a-z]+)*$", f.Code);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", f.MessageZh);
            Assert.Matches("[A-Za-z]{3,}", f.MessageEn);
        });
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>A non-seekable stream that counts what was read from it.</summary>
    private sealed class CountingStream(byte[] data) : Stream
    {
        private int _position;
        public long BytesRead => _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
