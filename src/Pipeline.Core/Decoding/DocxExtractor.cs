using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using ModelTable = Pipeline.Core.Model.Table;

namespace Pipeline.Core.Decoding;

/// <summary>Bounds for reading a .docx, so a hostile file (zip bomb, gigantic XML) is rejected before it costs much.</summary>
/// <param name="MaxEntries">Most zip entries a Word file may have (real ones have a few dozen).</param>
/// <param name="MaxTotalUncompressedBytes">Most bytes all entries may declare when inflated.</param>
/// <param name="MaxCompressionRatio">Most an entry may shrink when compressed; XML rarely exceeds 20:1, bombs exceed 1000:1.</param>
/// <param name="MaxCharactersInPart">Most characters the XML parser reads from one part, whatever the zip declares.</param>
/// <param name="MaxXmlDepth">
/// Deepest element nesting accepted in document.xml. OpenXml builds its tree recursively, so thousands of nested
/// elements in a 1 KB file would overflow the stack and kill the process (uncatchable); real documents nest a few dozen.
/// </param>
/// <param name="MaxParagraphs">
/// Most paragraphs (w:p, table cells' included) document.xml may hold, counted by the same streaming pre-scan before
/// OpenXml builds its tree: the tree costs kilobytes per paragraph, so a 7 MB upload of 783,784 empty-ish paragraphs
/// (a 35 MB part that passes every size check) took a host to 4.5 GB. Real reports have hundreds to a few thousand.
/// </param>
public sealed record DocxLimits(int MaxEntries, long MaxTotalUncompressedBytes, int MaxCompressionRatio, long MaxCharactersInPart, int MaxXmlDepth = 256,
    int MaxParagraphs = 20_000)
{
    public static DocxLimits Default { get; } = new(MaxEntries: 1000, MaxTotalUncompressedBytes: 64L * 1024 * 1024, MaxCompressionRatio: 200, MaxCharactersInPart: 32L * 1024 * 1024);
}

/// <summary>
/// Reads a Word (.docx) upload with DocumentFormat.OpenXml: body paragraphs become lines, real tables stay tables
/// (first row = header, merged cells padded with empty cells). The zip directory is checked against
/// <see cref="DocxLimits"/> before any part is inflated, and the XML reader is capped per part.
/// </summary>
public static class DocxExtractor
{
    private const string MainDocumentEntry = "word/document.xml";
    private const string WordprocessingNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// <summary>True when a ZIP upload is a Word document (has word/document.xml).</summary>
    public static bool IsWordDocument(ReadOnlySpan<byte> data)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(data.ToArray(), writable: false), ZipArchiveMode.Read);
            return zip.GetEntry(MainDocumentEntry) is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    public static DecodeResult Extract(byte[] data, DocxLimits limits)
    {
        var guard = CheckArchive(data, limits);
        if (guard is not null) return DecodeResult.Fail(guard);
        try
        {
            using var stream = new MemoryStream(data, writable: false);
            using var document = WordprocessingDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = limits.MaxCharactersInPart });
            var body = document.MainDocumentPart?.Document?.Body;
            if (body is null) return DecodeResult.Fail(Damaged("the document body is missing"));

            var lines = new List<SourceLine>();
            AppendBlocks(body.ChildElements, lines);
            var hasContent = lines.Exists(l => l.IsTable || !string.IsNullOrWhiteSpace(l.Text));
            return hasContent ? DecodeResult.Ok(lines, "docx") : DecodeResult.Fail(new DecodeFailure("empty"));
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or IOException or InvalidOperationException or FormatException)
        {
            return DecodeResult.Fail(Damaged(ex.Message));
        }
    }

    private static DecodeFailure Damaged(string detail) => new("undecodable", "damaged Word document", "损坏的 Word 文档", detail);

    private static DecodeFailure? CheckArchive(byte[] data, DocxLimits limits)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(data, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > limits.MaxEntries)
                return Hostile($"{zip.Entries.Count} zip entries (limit {limits.MaxEntries})");
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (total > limits.MaxTotalUncompressedBytes)
                    return Hostile($"more than {limits.MaxTotalUncompressedBytes} bytes when uncompressed");
                if (entry.Length > 1024 * 1024 && entry.Length > (long)Math.Max(1, entry.CompressedLength) * limits.MaxCompressionRatio)
                    return Hostile($"entry {entry.FullName} inflates {entry.Length / Math.Max(1, entry.CompressedLength)}:1");
            }
            return zip.GetEntry(MainDocumentEntry) is { } main ? CheckXmlDepth(main, limits) : null;
        }
        catch (InvalidDataException ex)
        {
            return Damaged(ex.Message);
        }
    }

    /// <summary>Streams document.xml once with a plain XmlReader (no DTDs, capped size) to bound its nesting depth.</summary>
    private static DecodeFailure? CheckXmlDepth(ZipArchiveEntry entry, DocxLimits limits)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = limits.MaxCharactersInPart,
            IgnoreComments = true,
            IgnoreWhitespace = true,
        };
        try
        {
            using var stream = entry.Open();
            using var reader = XmlReader.Create(stream, settings);
            var paragraphs = 0;
            while (reader.Read())
            {
                if (reader.Depth > limits.MaxXmlDepth)
                    return new DecodeFailure("not-text", "Word document with abnormally deep nesting (hostile file)", "嵌套层级异常的 Word 文档（疑似恶意文件）",
                        $"document.xml nests deeper than {limits.MaxXmlDepth} levels");
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "p" && reader.NamespaceURI == WordprocessingNamespace
                    && ++paragraphs > limits.MaxParagraphs)
                    return new DecodeFailure(ContentLimits.TooMuchContentCode, Detail: $"more than {limits.MaxParagraphs:N0} paragraphs in document.xml");
            }
            return null;
        }
        catch (XmlException ex)
        {
            return Damaged(ex.Message);
        }
    }

    private static DecodeFailure Hostile(string detail) =>
        new("not-text", "Word document that expands to an unsafe size (zip bomb)", "解压后体积异常的 Word 文档（疑似压缩炸弹）", detail);

    private static void AppendBlocks(OpenXmlElementList elements, List<SourceLine> lines)
    {
        foreach (var element in elements)
        {
            switch (element)
            {
                case Paragraph paragraph:
                    foreach (var text in ParagraphLines(paragraph))
                        lines.Add(new SourceLine(lines.Count + 1, text));
                    break;
                case DocumentFormat.OpenXml.Wordprocessing.Table table:
                    var model = ToTable(table);
                    if (model is not null)
                        lines.Add(new SourceLine(lines.Count + 1, Flatten(model), model));
                    break;
                case SdtBlock sdt when sdt.SdtContentBlock is not null:
                    AppendBlocks(sdt.SdtContentBlock.ChildElements, lines);
                    break;
            }
        }
    }

    /// <summary>A paragraph's text; manual line breaks inside it start new lines, as they do on the page.</summary>
    private static IEnumerable<string> ParagraphLines(Paragraph paragraph)
    {
        var sb = new StringBuilder();
        foreach (var node in paragraph.Descendants())
        {
            switch (node)
            {
                case Text t: sb.Append(t.Text); break;
                case TabChar: sb.Append('\t'); break;
                case Break or CarriageReturn:
                    yield return sb.ToString();
                    sb.Clear();
                    break;
            }
        }
        yield return sb.ToString();
    }

    private static ModelTable? ToTable(DocumentFormat.OpenXml.Wordprocessing.Table table)
    {
        var rows = new List<List<string?>>();
        foreach (var row in table.Elements<TableRow>())
        {
            var cells = new List<string?>();
            foreach (var cell in row.Elements<TableCell>())
            {
                var properties = cell.TableCellProperties;
                var continuesVerticalMerge = properties?.VerticalMerge is { } merge && (merge.Val is null || merge.Val.Value == MergedCellValues.Continue);
                var text = continuesVerticalMerge ? null : CellText(cell);
                cells.Add(text);
                var span = properties?.GridSpan?.Val?.Value ?? 1;
                for (var i = 1; i < span && i < 64; i++) cells.Add(null);
            }
            if (cells.Count > 0) rows.Add(cells);
        }
        if (rows.Count == 0) return null;

        var width = rows.Max(r => r.Count);
        foreach (var row in rows)
            while (row.Count < width) row.Add(null);
        return new ModelTable(null, [rows[0]], rows.Skip(1).ToList<IReadOnlyList<string?>>(), []);
    }

    private static string? CellText(TableCell cell)
    {
        var parts = cell.Elements<Paragraph>().SelectMany(ParagraphLines).Select(s => s.Trim()).Where(s => s.Length > 0);
        var text = string.Join(" ", parts);
        return text.Length == 0 ? null : text;
    }

    /// <summary>The table as text, one row per line, for passes that scan text (metadata keys, personal data).</summary>
    public static string Flatten(ModelTable table) =>
        string.Join("\n", table.Header.Concat(table.Rows).Select(r => string.Join(" | ", r.Select(c => c ?? ""))));
}
