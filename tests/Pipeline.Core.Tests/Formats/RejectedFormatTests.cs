using System.IO.Compression;
using System.Text;
using Pipeline.Core.Decoding;

namespace Pipeline.Core.Tests.Formats;

/// <summary>Formats the pipeline does not read, and PDFs it must not read, each rejected with a finding that says what to do.</summary>
public sealed class RejectedFormatTests
{
    [Theory]
    [InlineData("WordDocument", "旧版 Word 或 WPS 文字文档")]
    [InlineData("Workbook", "电子表格")]
    [InlineData("PowerPoint Document", "演示文稿")]
    public void Compound_files_are_named_with_the_menu_path_to_docx_or_pdf(string stream, string formatZh)
    {
        // An OLE2 header followed by a directory entry naming the stream in UTF-16, as .doc/.wps/.xls/.ppt files have.
        var bytes = new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.Concat(new byte[504]).Concat(Encoding.Unicode.GetBytes(stream)).Concat(new byte[64]).ToArray();
        var analysis = ReportAnalyzer.Analyze(bytes, "report.doc");
        var finding = Assert.Single(analysis.Verdict.Errors);
        Assert.Equal("legacy-format", finding.Code);
        Assert.Contains(formatZh, finding.MessageZh);
        Assert.Contains("文件", finding.MessageZh);
        Assert.Contains("File", finding.MessageEn);
    }

    [Fact]
    public void A_word_document_tells_both_wps_and_word_menu_paths()
    {
        var finding = Pipeline.Core.Validation.Findings.LegacyFormat(LegacyFormatKind.WordBinary);
        Assert.Contains("WPS 文字", finding.MessageZh);
        Assert.Contains("另存为", finding.MessageZh);
        Assert.Contains("Word 文档（*.docx）", finding.MessageZh);
        Assert.Contains("WPS Writer", finding.MessageEn);
        Assert.Contains("Save As", finding.MessageEn);
    }

    [Theory]
    [InlineData("xl/workbook.xml", "电子表格")]
    [InlineData("ppt/presentation.xml", "演示文稿")]
    [InlineData("OFD.xml", "OFD")]
    [InlineData("reports/a.docx", "压缩包")]
    public void Zip_packages_are_named(string entry, string formatZh)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry(entry).Open()))
            writer.Write("<x/>");
        var finding = Assert.Single(ReportAnalyzer.Analyze(ms.ToArray(), "upload.zip").Verdict.Errors);
        Assert.Equal("legacy-format", finding.Code);
        Assert.Contains(formatZh, finding.MessageZh);
    }

    [Fact]
    public void Rtf_is_not_read_as_text()
    {
        var finding = Assert.Single(ReportAnalyzer.Analyze(Encoding.ASCII.GetBytes(@"{\rtf1\ansi\ansicpg936 {\fonttbl} report}"), "report.rtf").Verdict.Errors);
        Assert.Equal("legacy-format", finding.Code);
        Assert.Contains("RTF", finding.MessageZh);
    }

    [Fact]
    public void A_scan_is_rejected_with_what_to_upload_instead()
    {
        // A page holding only an image, printed by Chromium without its header and footer: a PDF with no text layer.
        var png = Convert.ToBase64String(File.ReadAllBytes(Directory.GetFiles("/usr/share/icons", "*.png", SearchOption.AllDirectories).First()));
        var pdf = Producers.ChromiumPdf($"<html><body><img src=\"data:image/png;base64,{png}\" width=\"500\"></body></html>", headerAndFooter: false);
        var finding = Assert.Single(ReportAnalyzer.Analyze(pdf, "scan.pdf").Verdict.Errors);
        Assert.Equal("pdf-no-text", finding.Code);
        Assert.Contains("扫描件", finding.MessageZh);
        Assert.Contains("Word", finding.MessageEn);
    }

    [Fact]
    public void A_pdf_with_an_open_password_is_rejected()
    {
        const string options = """pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}""";
        var pdf = Producers.LibreOffice(FormatDocx.Report(), ".docx", options, ".pdf");
        var finding = Assert.Single(ReportAnalyzer.Analyze(pdf, "locked.pdf").Verdict.Errors);
        Assert.Equal("pdf-encrypted", finding.Code);
    }

    [Fact]
    public void A_truncated_pdf_is_rejected_or_read_never_thrown()
    {
        var pdf = Producers.LibreOffice(FormatDocx.Report(), ".docx", "pdf", ".pdf");
        foreach (var cut in new[] { 10, pdf.Length / 3, pdf.Length / 2, pdf.Length - 200 })
        {
            var analysis = ReportAnalyzer.Analyze(pdf[..cut], "cut.pdf");
            Assert.DoesNotContain(analysis.Verdict.Errors, e => e.Code == "internal-error");
            if (!analysis.Verdict.Accepted) Assert.NotEmpty(analysis.Verdict.Errors);
        }
    }
}
