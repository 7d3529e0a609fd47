using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Pipeline.Core.Tests.Formats;

/// <summary>
/// Builds .docx files the way a clerk's Word document looks: a bordered metadata table, a large bold centred title,
/// first-line-indented paragraphs, a bordered statistics table, a right-aligned signature, the title as running header
/// and the page number in the footer (— 1 — or 第 1 页 共 N 页).
/// </summary>
public static class FormatDocx
{
    public enum Footer { Dashes, ChinesePageOfPages }

    /// <summary>The <see cref="FormatReport"/> as a Word document.</summary>
    public static byte[] Report(Footer footer = Footer.Dashes)
    {
        var body = new List<OpenXmlElement>();
        var meta = FormatReport.Metadata;
        body.Add(Table([[meta[0].Label, meta[0].Value, meta[1].Label, meta[1].Value], [meta[2].Label, meta[2].Value, meta[3].Label, meta[3].Value]]));
        body.Add(Para(FormatReport.Title, size: 36, bold: true, center: true));
        foreach (var block in FormatReport.Body)
            body.Add(block is null ? Table(FormatReport.Table) : Para(block, indent: !IsHeading(block), bold: IsHeading(block)));
        foreach (var line in FormatReport.Signature) body.Add(Para(line, right: true));
        return Build(body, footer, runningHeader: FormatReport.Title);
    }

    /// <summary>A text upload as a Word document: one paragraph per line, as a clerk pasting the text into Word gets.</summary>
    public static byte[] FromLines(IEnumerable<string> lines, Footer footer = Footer.Dashes) =>
        Build(lines.Select(l => (OpenXmlElement)Para(l)).ToList(), footer, runningHeader: null);

    private static bool IsHeading(string text) => text.StartsWith("一、") || text.StartsWith("二、") || text.StartsWith("三、") || text.StartsWith("四、") || text.StartsWith("(");

    private static byte[] Build(List<OpenXmlElement> content, Footer footer, string? runningHeader)
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            foreach (var element in content) body.Append(element);

            var section = new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1440, Bottom = 1440, Left = 1588, Right = 1474, Header = 851, Footer = 992 });
            var footerPart = main.AddNewPart<FooterPart>();
            footerPart.Footer = new DocumentFormat.OpenXml.Wordprocessing.Footer(footer == Footer.Dashes
                ? new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
                    new Run(new Text("— ") { Space = SpaceProcessingModeValues.Preserve }), Field("PAGE"), new Run(new Text(" —") { Space = SpaceProcessingModeValues.Preserve }))
                : new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
                    new Run(new Text("第 ") { Space = SpaceProcessingModeValues.Preserve }), Field("PAGE"), new Run(new Text(" 页 共 ") { Space = SpaceProcessingModeValues.Preserve }),
                    Field("NUMPAGES"), new Run(new Text(" 页") { Space = SpaceProcessingModeValues.Preserve })));
            footerPart.Footer.Save();
            section.PrependChild(new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footerPart) });
            if (runningHeader is not null)
            {
                var headerPart = main.AddNewPart<HeaderPart>();
                headerPart.Header = new Header(Para(runningHeader, size: 18, center: true));
                headerPart.Header.Save();
                section.PrependChild(new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(headerPart) });
            }
            body.Append(section);
            main.Document = new Document(body);
            main.Document.Save();
        }
        return ms.ToArray();
    }

    private static SimpleField Field(string name) => new(new Run(new Text("1"))) { Instruction = $" {name} " };

    public static Paragraph Para(string text, int size = 28, bool bold = false, bool center = false, bool right = false, bool indent = false)
    {
        var properties = new ParagraphProperties();
        if (center || right) properties.Append(new Justification { Val = center ? JustificationValues.Center : JustificationValues.Right });
        if (indent) properties.Append(new Indentation { FirstLineChars = 200 });
        var runProperties = new RunProperties(new RunFonts { EastAsia = "Noto Serif CJK SC", Ascii = "Noto Serif CJK SC", HighAnsi = "Noto Serif CJK SC" });
        if (bold) runProperties.Append(new Bold());
        runProperties.Append(new FontSize { Val = size.ToString() });
        return new Paragraph(properties, new Run(runProperties, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    public static Table Table(IEnumerable<IReadOnlyList<string>> rows, IReadOnlyDictionary<(int Row, int Col), int>? colSpans = null)
    {
        var table = new Table(new TableProperties(
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
                new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 }),
            new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }));
        var r = 0;
        foreach (var row in rows)
        {
            var tr = new TableRow();
            for (var c = 0; c < row.Count; c++)
            {
                var cell = new TableCell(Para(row[c], size: 21));
                if (colSpans is not null && colSpans.TryGetValue((r, c), out var span))
                    cell.PrependChild(new TableCellProperties(new GridSpan { Val = span }));
                tr.Append(cell);
            }
            table.Append(tr);
            r++;
        }
        return table;
    }
}
