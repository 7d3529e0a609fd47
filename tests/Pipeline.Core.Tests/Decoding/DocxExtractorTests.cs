using System.Diagnostics;
using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Pipeline.Core.Model;
using Paragraph = DocumentFormat.OpenXml.Wordprocessing.Paragraph;
using WTable = DocumentFormat.OpenXml.Wordprocessing.Table;

namespace Pipeline.Core.Tests.Decoding;

public class DocxExtractorTests
{
    /// <summary>Builds a real .docx with OpenXml: a header table of index metadata, paragraphs, and a statistics table.</summary>
    public static byte[] BuildDocx(bool withHeaderTable = true, string? mobile = null)
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            if (withHeaderTable)
                body.Append(Table(
                    ["索引号", "00638229X4/2019-1513549", "发布机构", "北景港镇"],
                    ["公开范围", "主动公开", "生成日期", "2019-03-12"]));
            body.Append(Para("华容县北景港镇2018年度政府信息公开工作年度报告"));
            body.Append(Para("一、概述"));
            body.Append(Para("镇成立专门工作机构,设置公开查阅点8处。" + (mobile is null ? "" : "联系电话:" + mobile)));
            body.Append(Para("二、统计情况"));
            body.Append(Table(["统计指标", "单位", "统计数"], ["(一)收到申请数", "件", "3"], ["1、当面申请数", "件", "1"], ["2、网络申请数", "件", ""]));
            body.Append(Para("华容县北景港镇人民政府"));
            body.Append(Para("2019年3月11日"));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return ms.ToArray();
    }

    private static Paragraph Para(string text) => new(new Run(new Text(text)));

    private static WTable Table(params string[][] rows)
    {
        var table = new WTable();
        foreach (var row in rows)
            table.Append(new TableRow(row.Select(c => new TableCell(new Paragraph(new Run(new Text(c)))))));
        return table;
    }

    [Fact]
    public void Docx_paragraphs_and_real_table_are_ingested()
    {
        var analysis = ReportAnalyzer.Analyze(BuildDocx(), "report.docx", TestFiles.Beijinggang);

        Assert.Equal("docx", analysis.Encoding);
        Assert.True(analysis.Verdict.Accepted, string.Join("; ", analysis.Verdict.Errors.Select(e => e.Message)));
        Assert.Equal("华容县北景港镇2018年度政府信息公开工作年度报告", analysis.Document.Title);
        Assert.Equal(["一、概述", "二、统计情况"], analysis.Document.Headings.Select(h => h.DisplayText));

        var table = Assert.Single(analysis.Document.Tables).Table;
        Assert.Equal(["统计指标", "单位", "统计数"], table.Header[0]);
        Assert.Equal(3, table.Rows.Count);
        Assert.Null(table.Rows[2][2]); // empty stays empty

        Assert.Equal("00638229X4/2019-1513549", analysis.Metadata.IndexCode.Value);
        Assert.Equal(MetadataSource.Document, analysis.Metadata.Publisher.Source);
        Assert.Equal(new DateOnly(2019, 3, 12), analysis.Metadata.GeneratedDate.Value);
        Assert.Equal(["华容县北景港镇人民政府"], analysis.Document.Signature!.Organisations);
    }

    [Fact]
    public void Personal_data_in_docx_paragraphs_is_found_and_masked()
    {
        var options = new AnalysisOptions { Privacy = PrivacyMode.PublishMasked };
        var analysis = ReportAnalyzer.Analyze(BuildDocx(mobile: "18598936331"), "report.docx", TestFiles.Beijinggang, options);
        Assert.Single(analysis.PersonalData);
        Assert.Contains(analysis.Document.Blocks.OfType<Pipeline.Core.Model.Paragraph>(), p => p.Text.Contains("185****6331"));
    }

    [Fact]
    public void Zip_bomb_docx_is_rejected_quickly()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var stream = zip.CreateEntry("[Content_Types].xml").Open())
                stream.Write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"u8);
            var entry = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize);
            using var bomb = entry.Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 200; i++) bomb.Write(zeros); // 200 MB of zeros, ~200 KB compressed
        }
        var bytes = ms.ToArray();
        Assert.True(bytes.Length < 1024 * 1024);

        var watch = Stopwatch.StartNew();
        var analysis = ReportAnalyzer.Analyze(bytes, "bomb.docx");
        watch.Stop();

        Assert.False(analysis.Verdict.Accepted);
        var error = Assert.Single(analysis.Verdict.Errors);
        Assert.Equal("not-text", error.Code);
        Assert.Contains("zip bomb", error.MessageEn);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Deeply_nested_docx_is_rejected_before_openxml_recurses_into_it()
    {
        const string w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        var xml = $"<w:document xmlns:w=\"{w}\"><w:body><w:p>" + string.Concat(Enumerable.Repeat("<w:r>", 20_000))
                  + string.Concat(Enumerable.Repeat("</w:r>", 20_000)) + "</w:p></w:body></w:document>";
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        using (var stream = zip.CreateEntry("word/document.xml").Open())
            stream.Write(System.Text.Encoding.UTF8.GetBytes(xml));

        // On a thread-pool thread (small stack), as the hosts run it: a stack overflow would kill the test process.
        var analysis = await Task.Run(() => ReportAnalyzer.Analyze(ms.ToArray(), "nested.docx"));
        var error = Assert.Single(analysis.Verdict.Errors);
        Assert.Equal("not-text", error.Code);
        Assert.Contains("nest", error.MessageEn);
    }

    [Fact]
    public void Docx_with_too_many_entries_is_rejected()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("word/document.xml");
            for (var i = 0; i < 1100; i++) zip.CreateEntry($"word/media/{i}.bin");
        }
        var analysis = ReportAnalyzer.Analyze(ms.ToArray(), "many.docx");
        Assert.True(analysis.Verdict.HasError("not-text"));
    }

    [Fact]
    public void Damaged_docx_is_undecodable_not_a_crash()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        using (var stream = zip.CreateEntry("word/document.xml").Open())
            stream.Write("<not really xml"u8);
        var analysis = ReportAnalyzer.Analyze(ms.ToArray(), "broken.docx");
        Assert.False(analysis.Verdict.Accepted);
        Assert.Contains(analysis.Verdict.Errors, e => e.Code is "undecodable" or "not-text");
    }
}
