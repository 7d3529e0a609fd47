namespace Pipeline.Core.Decoding;

/// <summary>One glyph as laid out on the page (PDF user space: y grows upwards); <see cref="Bold"/> when its font is a bold weight.</summary>
internal readonly record struct PdfGlyph(string Value, double X0, double X1, double Baseline, double Size, bool Bold = false)
{
    public bool IsSpace => string.IsNullOrWhiteSpace(Value);
    public double CenterX => (X0 + X1) / 2;
    public double CenterY => Baseline + Size * 0.3;
}

/// <summary>A run of text on one baseline, with the spans that large gaps split it into (table cells, tab stops).</summary>
internal sealed record PdfTextSegment(double X0, double X1, string Text);

/// <summary>One visual line of a page: its extent, size, text (CJK-normalised), segments, and whether most of its glyphs are bold.</summary>
internal sealed record PdfTextLine(double X0, double X1, double Baseline, double Size, string Text, IReadOnlyList<PdfTextSegment> Segments, bool Bold = false)
{
    public double Top => Baseline + Size * 0.8;
}

/// <summary>Something on a page in reading order: a text line or a table (with the glyph lines it replaced).</summary>
internal sealed record PdfPageItem(double Top, PdfTextLine? Line, Model.Table? Table);

/// <summary>One page after layout: its items top to bottom.</summary>
internal sealed record PdfPageLayout(int Number, double Width, double Height, List<PdfPageItem> Items);

/// <summary>The visual lines one paragraph of the reading was joined from, and the page it starts on (null for a table).</summary>
internal sealed record PdfParagraphShape(int Page, IReadOnlyList<PdfTextLine> Lines)
{
    public PdfTextLine First => Lines[0];
}
