using System.Text;
using Pipeline.Core.Decoding;
using Xunit.Abstractions;

namespace Pipeline.Core.Tests.Formats;

/// <summary>
/// PDFs made during the run by the programs agencies use (LibreOffice exporting a Word document, Chromium printing a
/// page with a CJK font) read as the text of the same report does: metadata, title, outline, paragraphs, table cells.
/// </summary>
public sealed class PdfReadingTests(ITestOutputHelper output)
{
    private static readonly Lazy<Reading> TextReading = new(() =>
        Reading.Of(Reading.Analyze(Encoding.UTF8.GetBytes(FormatReport.Text()), "report.txt")));

    [Theory]
    [InlineData(FormatDocx.Footer.Dashes)]
    [InlineData(FormatDocx.Footer.ChinesePageOfPages)]
    public void A_word_report_exported_by_LibreOffice_reads_as_its_text(FormatDocx.Footer footer)
    {
        var pdf = Producers.LibreOffice(FormatDocx.Report(footer), ".docx", "pdf", ".pdf");
        var analysis = Reading.Analyze(pdf, "report.pdf");
        Dump(analysis);
        Assert.Equal("pdf", analysis.Encoding);
        Reading.AssertSame(TextReading.Value, Reading.Of(analysis), $"LibreOffice ({footer})");
    }

    [Fact]
    public void A_page_printed_by_Chromium_reads_as_its_text()
    {
        var pdf = Producers.ChromiumPdf(FormatReport.PrintableHtml());
        var analysis = Reading.Analyze(pdf, "report.pdf");
        Dump(analysis);
        Reading.AssertSame(TextReading.Value, Reading.Of(analysis), "Chromium");
    }

    [Fact]
    public void Running_headers_footers_and_page_numbers_are_not_in_the_reading()
    {
        var pdf = Producers.LibreOffice(FormatDocx.Report(FormatDocx.Footer.ChinesePageOfPages), ".docx", "pdf", ".pdf");
        var decoded = TextDecoder.Decode(pdf);
        Assert.True(decoded.Success);
        Assert.DoesNotContain(decoded.Lines, l => l.Text.Contains("页 共") || l.Text.Contains("第 1 页"));
        // The title is the running header of every page; it is read once, as the title.
        Assert.Single(decoded.Lines, l => l.Text == FormatReport.Title);
    }

    [Fact]
    public void Every_sample_pasted_into_Word_and_exported_reads_as_the_sample()
    {
        foreach (var sample in TestFiles.AllSamples())
        {
            var text = File.ReadAllText(sample);
            var lines = text.Split('\n').Select(l => l.TrimEnd('\r'));
            var pdf = Producers.LibreOffice(FormatDocx.FromLines(lines), ".docx", "pdf", ".pdf");
            var fromText = Reading.Of(ReportAnalyzer.Analyze(File.ReadAllBytes(sample), Path.GetFileName(sample)));
            var fromPdf = Reading.Of(ReportAnalyzer.Analyze(pdf, Path.GetFileNameWithoutExtension(sample) + ".pdf"));
            Assert.Equal(fromText.Accepted, fromPdf.Accepted);
            Assert.Equal((sample, fromText.Title), (sample, fromPdf.Title));
            Assert.Equal((sample, fromText.IndexCode), (sample, fromPdf.IndexCode));
            Assert.Equal((sample, fromText.Publisher), (sample, fromPdf.Publisher));
            Assert.Equal(fromText.Headings, fromPdf.Headings);
        }
    }

    private void Dump(ReportAnalysis analysis)
    {
        output.WriteLine($"accepted={analysis.Verdict.Accepted} title={analysis.Document.Title}");
        foreach (var f in analysis.Verdict.Errors.Concat(analysis.Verdict.Warnings)) output.WriteLine($"  {f.Code}: {f.MessageEn}");
        foreach (var b in analysis.Document.Blocks) output.WriteLine("  " + b);
    }
}
