using Pipeline.Core.Validation;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Exceptions;

namespace Pipeline.Core.Decoding;

/// <summary>
/// Reads a PDF upload with PdfPig into the same lines a text or Word upload gives: glyphs become lines in reading
/// order (top to bottom, left to right; rotated text such as watermarks is left out), ruled tables become tables
/// (<see cref="PdfRuledTableFinder"/>), label-and-numbers rows become tables (<see cref="PdfBorderlessTableReader"/>),
/// running headers, footers and page numbers are dropped (<see cref="PdfPageFurniture"/>) and wrapped lines are
/// joined into paragraphs (<see cref="PdfParagraphJoiner"/>). A PDF without a text layer (a scan), with an open
/// password, damaged, or beyond <see cref="PdfLimits"/> is rejected with a finding that says what to upload instead.
/// </summary>
public static class PdfDecoder
{
    /// <summary>Fewer visible glyphs than this in the whole file means there is no text layer to read.</summary>
    private const int MinimumGlyphs = 20;

    public static DecodeResult Decode(byte[] data, PdfLimits limits)
    {
        var objects = CountObjectHeaders(data, limits.MaxObjects + 1);
        if (objects > limits.MaxObjects)
            return Unsafe($"more than {limits.MaxObjects} objects");

        var budget = new PdfBudget(limits);
        var options = new ParsingOptions
        {
            UseLenientParsing = true,
            SkipMissingFonts = true,
            ClipPaths = false,
            MaxStackDepth = 64,
            FilterProvider = new PdfBudgetFilterProvider(budget),
        };
        try
        {
            using var document = PdfDocument.Open(data, options);
            if (document.NumberOfPages > limits.MaxPages)
                return Unsafe($"{document.NumberOfPages} pages (limit {limits.MaxPages})");
            if (document.Structure.CrossReferenceTable.ObjectOffsets.Count > limits.MaxObjects)
                return Unsafe($"more than {limits.MaxObjects} objects");

            var pages = new List<PdfPageLayout>();
            var glyphCount = 0;
            var images = 0;
            var sizes = new Dictionary<double, int>();
            for (var number = 1; number <= document.NumberOfPages; number++)
            {
                budget.CheckTime();
                var page = document.GetPage(number);
                images += page.NumberOfImages;
                var glyphs = Glyphs(page);
                glyphCount += glyphs.Count;
                if (glyphCount > limits.MaxLetters) return Unsafe($"more than {limits.MaxLetters} characters");
                foreach (var g in glyphs)
                    if (!g.IsSpace) sizes[Math.Round(g.Size * 2) / 2] = sizes.GetValueOrDefault(Math.Round(g.Size * 2) / 2) + 1;
                pages.Add(Layout(page, glyphs));
            }

            if (document.NumberOfPages == 0)
                return DecodeResult.Fail(DecodeFailure.Of(Findings.PdfDamaged("no pages")));
            if (sizes.Values.Sum() < MinimumGlyphs)
                return DecodeResult.Fail(DecodeFailure.Of(Findings.PdfWithoutText(document.NumberOfPages, images)));

            var bodySize = sizes.MaxBy(kv => kv.Value).Key;
            PdfPageFurniture.Remove(pages, bodySize);
            foreach (var page in pages) PdfBorderlessTableReader.Read(page);
            var lines = PdfParagraphJoiner.Join(pages, bodySize);
            return lines.Count == 0 ? DecodeResult.Fail(new DecodeFailure("empty")) : DecodeResult.Ok(lines, "pdf");
        }
        catch (PdfDocumentEncryptedException)
        {
            return DecodeResult.Fail(DecodeFailure.Of(Findings.PdfEncrypted()));
        }
        catch (PdfLimitExceededException ex)
        {
            return Unsafe(ex.Message);
        }
        catch (PdfDocumentStackDepthException)
        {
            return Unsafe("objects nested too deeply");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // PdfPig reports damage with many exception types (format, index, key, cast, null, argument); on a hostile
            // upload any of them means one thing: this file cannot be read.
            return DecodeResult.Fail(DecodeFailure.Of(Findings.PdfDamaged($"{ex.GetType().Name}: {Truncate(ex.Message)}")));
        }
    }

    private static DecodeResult Unsafe(string detail) => DecodeResult.Fail(DecodeFailure.Of(Findings.UnsafeFile("PDF", "PDF 文件", detail)));

    private static string Truncate(string s) => s.Length <= 160 ? s : s[..160] + "…";

    private static List<PdfGlyph> Glyphs(Page page)
    {
        var glyphs = new List<PdfGlyph>(page.Letters.Count);
        foreach (var letter in page.Letters)
        {
            if (letter.TextOrientation != TextOrientation.Horizontal) continue;
            var size = letter.PointSize > 0 ? letter.PointSize : letter.BoundingBox.Height;
            if (size <= 0 || double.IsNaN(size) || string.IsNullOrEmpty(letter.Value)) continue;
            var x0 = letter.StartBaseLine.X;
            var x1 = Math.Max(letter.EndBaseLine.X, x0 + letter.Width);
            if (x1 < 0 || x0 > page.Width || letter.StartBaseLine.Y < 0 || letter.StartBaseLine.Y > page.Height) continue; // off the page
            glyphs.Add(new PdfGlyph(letter.Value, x0, x1, letter.StartBaseLine.Y, size, IsBold(letter)));
        }
        return glyphs;
    }

    /// <summary>
    /// A bold weight as the PDF states it: the font's name (NotoSerifCJKsc-Bold, SimHei, 黑体 — Chinese reports set
    /// headings in a Hei face), its descriptor's bold flag, or Word's synthetic bold (fill then stroke).
    /// </summary>
    private static bool IsBold(Letter letter)
    {
        if (letter.RenderingMode == TextRenderingMode.FillThenStroke || letter.FontDetails?.IsBold == true) return true;
        var name = letter.FontName ?? "";
        return BoldNameParts.Any(part => name.Contains(part, StringComparison.Ordinal));
    }

    private static readonly string[] BoldNameParts = ["Bold", "Heavy", "Black", "黑体", "Hei"];

    private static PdfPageLayout Layout(Page page, List<PdfGlyph> glyphs)
    {
        var tables = PdfRuledTableFinder.Find(page.Paths, glyphs);
        var free = tables.Count == 0 ? glyphs : glyphs.Where(g => !tables.Any(t => t.Contains(g))).ToList();
        var items = PdfLineBuilder.Build(free).Select(l => new PdfPageItem(l.Top, l, null))
            .Concat(tables.Select(t => new PdfPageItem(t.Top, null, t.Table)))
            .OrderByDescending(i => i.Top).ToList();
        return new PdfPageLayout(page.Number, page.Width, page.Height, items);
    }

    /// <summary>Counts "N G obj" headers in the raw bytes (cheap, before PdfPig builds anything), up to <paramref name="stopAt"/>.</summary>
    private static int CountObjectHeaders(ReadOnlySpan<byte> data, int stopAt)
    {
        var count = 0;
        for (var at = data.IndexOf(" obj"u8); at >= 0 && count < stopAt; at = data.IndexOf(" obj"u8))
        {
            count++;
            data = data[(at + 4)..];
        }
        return count;
    }
}
