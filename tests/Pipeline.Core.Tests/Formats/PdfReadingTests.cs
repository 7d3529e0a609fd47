using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Pipeline.Core.Decoding;
using Pipeline.Core.Model;
using Xunit.Abstractions;
using Paragraph = Pipeline.Core.Model.Paragraph;

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

    /// <summary>
    /// The shape of reports that title their sections without numbering and let the type say what a heading is
    /// (for example the 工作概况 / 主要做法 reports many county offices write in Word): title 22 pt bold, section
    /// headings 16 pt bold, body 12 pt, a bold 12 pt line of its own as a subsection, a short plain closing line.
    /// </summary>
    [Fact]
    public void Unnumbered_headings_set_in_larger_or_bold_type_are_the_outline()
    {
        const string title = "北景港镇2023年政务公开工作总结";
        string[] overview =
        [
            "2023年,我镇认真落实上级关于政务公开工作的部署,把公开作为转变作风、服务群众的重要抓手,明确分管领导和具体经办人员,做到有人管事、有人办事,全年未发生因公开不及时引起的投诉。",
            "全年通过县政府网站乡镇专栏发布各类信息一百余条,在村务公开栏同步张贴涉及群众切身利益的事项,群众查阅信息更加方便。",
        ];
        string[] practice =
        [
            "一是规范发布流程,信息发布前由经办人初审、分管领导复审,确保内容准确、发布及时。",
            "二是加强政策解读,对重要文件同步制作图文解读,用群众听得懂的话讲清楚政策要点和办理渠道。",
        ];
        const string subsection = "便民服务";
        const string service = "在便民服务中心设置政府信息查阅点,安排专人值守,为前来查阅的群众提供指引和帮助,全年接待查阅二十余人次。";
        const string closing = "以上为本年度工作情况";

        var body = new List<OpenXmlElement> { FormatDocx.Para(title, size: 44, bold: true, center: true) };
        body.Add(FormatDocx.Para("工作概况", size: 32, bold: true));
        body.AddRange(overview.Select(p => FormatDocx.Para(p, size: 24, indent: true)));
        body.Add(FormatDocx.Para("主要做法", size: 32, bold: true));
        body.AddRange(practice.Select(p => FormatDocx.Para(p, size: 24, indent: true)));
        body.Add(FormatDocx.Para(subsection, size: 24, bold: true));
        body.Add(FormatDocx.Para(service, size: 24, indent: true));
        body.Add(FormatDocx.Para(closing, size: 24, indent: true));
        body.Add(FormatDocx.Para("华容县北景港镇人民政府", size: 24, right: true));
        body.Add(FormatDocx.Para("2024年1月20日", size: 24, right: true));

        var pdf = Producers.LibreOffice(Docx(body), ".docx", "pdf", ".pdf");
        // The decoder ranks the type: the title's 22 pt is level 1, 16 pt level 2, bold body type level 3.
        var decoded = TextDecoder.Decode(pdf);
        Assert.Equal([$"1:{title}", "2:工作概况", "2:主要做法", "3:便民服务"],
            decoded.Lines.Where(l => l.MarkedHeadingLevel > 0).Select(l => $"{l.MarkedHeadingLevel}:{l.Text}"));
        var analysis = Reading.Analyze(pdf, "report.pdf");
        Dump(analysis);

        Assert.Equal(title, analysis.Document.Title);
        Assert.Equal(["1:工作概况", "1:主要做法", "2:便民服务"], analysis.Document.Headings.Select(h => $"{h.Level}:{h.DisplayText}"));
        var paragraphs = analysis.Document.Blocks.OfType<Paragraph>().Select(p => p.Text.Replace(" ", "")).ToList();
        foreach (var text in overview.Concat(practice).Append(service).Append(closing))
            Assert.Contains(text, paragraphs);
    }

    /// <summary>A one-section A4 Word document holding <paramref name="content"/>.</summary>
    private static byte[] Docx(IEnumerable<OpenXmlElement> content)
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            foreach (var element in content) body.Append(element);
            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1440, Bottom = 1440, Left = 1588, Right = 1474, Header = 851, Footer = 992 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return ms.ToArray();
    }

    private void Dump(ReportAnalysis analysis)
    {
        output.WriteLine($"accepted={analysis.Verdict.Accepted} title={analysis.Document.Title}");
        foreach (var f in analysis.Verdict.Errors.Concat(analysis.Verdict.Warnings)) output.WriteLine($"  {f.Code}: {f.MessageEn}");
        foreach (var b in analysis.Document.Blocks) output.WriteLine("  " + b);
    }
}
