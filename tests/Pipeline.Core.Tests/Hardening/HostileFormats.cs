using System.IO.Compression;
using System.Text;
using Pipeline.Core.Tests.Formats;

namespace Pipeline.Core.Tests.Hardening;

/// <summary>
/// Hostile and broken PDFs and web pages: mutations of real producer output (LibreOffice and Chromium PDFs, the portal
/// page) and crafted shapes (100,000 objects, deep nesting, inflate bombs in content and object streams, JavaScript
/// actions, embedded files, 600 pages, 10 MB of nested divs). Deterministic for a given base file.
/// </summary>
public static class HostileFormats
{
    public static IEnumerable<(string Name, string FileName, byte[] Bytes)> All()
    {
        var libreOffice = Producers.LibreOffice(FormatDocx.Report(), ".docx", "pdf", ".pdf");
        var chromium = Producers.ChromiumPdf(FormatReport.PrintableHtml());
        var portal = GovernmentPage.Gb2312();
        foreach (var (baseName, bytes, ext) in new[] { ("libreoffice", libreOffice, ".pdf"), ("chromium", chromium, ".pdf"), ("portal", portal, ".html") })
        {
            for (var seed = 0; seed < 25; seed++)
            {
                var random = new Random(HashCode.Combine(20261130, baseName.Length, seed) & int.MaxValue);
                yield return ($"truncate/{baseName}/{seed}", "t" + ext, bytes[..random.Next(bytes.Length)]);
                var flipped = (byte[])bytes.Clone();
                for (var i = 0; i < 1 + random.Next(40); i++) flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
                yield return ($"bit-flips/{baseName}/{seed}", "f" + ext, flipped);
                var spliced = (byte[])bytes.Clone();
                var from = random.Next(spliced.Length);
                var length = Math.Min(random.Next(1, 4096), spliced.Length - from);
                Array.Copy(bytes, random.Next(bytes.Length - length), spliced, from, length);
                yield return ($"splice/{baseName}/{seed}", "s" + ext, spliced);
            }
        }

        yield return ("pdf/100000-objects", "objects.pdf", ManyObjects(100_000));
        yield return ("pdf/deep-array-nesting", "nesting.pdf", Pdf(["<< /Type /Catalog /Pages 2 0 R /Deep " + new string('[', 200_000) + new string(']', 200_000) + " >>", PagesObject(1, 3), PageObject(2, 4), Stream("BT /F1 12 Tf 72 720 Td (Hello) Tj ET")]));
        yield return ("pdf/deep-dictionary-nesting", "dicts.pdf", Pdf(["<< /Type /Catalog /Pages 2 0 R /D " + string.Concat(Enumerable.Repeat("<< /A ", 50_000)) + string.Concat(Enumerable.Repeat(">> ", 50_000)) + ">>", PagesObject(1, 3), PageObject(2, 4), Stream("BT ET")]));
        yield return ("pdf/inflate-bomb-content", "bomb.pdf", Pdf(["<< /Type /Catalog /Pages 2 0 R >>", PagesObject(1, 3), PageObject(2, 4), FlateBomb(512L * 1024 * 1024)]));
        yield return ("pdf/inflate-bomb-object-stream", "objstm.pdf", ObjectStreamBomb(512L * 1024 * 1024));
        yield return ("pdf/javascript-action", "js.pdf", Pdf(["<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R /Names << /JavaScript << /Names [(a) 5 0 R] >> >> >>", PagesObject(1, 3), PageObject(2, 4),
            Stream("BT /F1 12 Tf 72 720 Td (<script>alert(1)</script> javascript:alert(2)) Tj ET"), "<< /S /JavaScript /JS (app.alert('x'); this.exportDataObject({cName:'a'})) >>"]));
        yield return ("pdf/embedded-file", "embedded.pdf", Pdf(["<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(report.exe) 5 0 R] >> >> >>", PagesObject(1, 3), PageObject(2, 4),
            Stream("BT /F1 12 Tf 72 720 Td (See the attachment) Tj ET"), "<< /Type /Filespec /F (report.exe) /EF << /F 6 0 R >> >>", "<< /Length 4 >>\nstream\nMZ\0\0\nendstream"]));
        yield return ("pdf/600-pages", "pages.pdf", ManyPages(600));
        yield return ("pdf/million-operators", "ops.pdf", Pdf(["<< /Type /Catalog /Pages 2 0 R >>", PagesObject(1, 3), PageObject(2, 4), FlateStream(string.Concat(Enumerable.Repeat("1 0 0 1 0 0 cm q Q ", 1_000_000)))]));
        yield return ("pdf/only-header", "header.pdf", "%PDF-1.7\n"u8.ToArray());
        yield return ("pdf/xref-loop", "loop.pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer << /Root 1 0 R /Prev 9 /Size 2 >>\nstartxref\n60\n%%EOF"));

        yield return ("html/10mb-nested-divs", "nested.html", Encoding.UTF8.GetBytes("<html><body>" + string.Concat(Enumerable.Repeat("<div>", 2_000_000)) + "正文</body></html>"));
        yield return ("html/10mb-unclosed-spans", "spans.html", Encoding.UTF8.GetBytes("<html><body>" + string.Concat(Enumerable.Repeat("<span>字", 1_500_000)) + "</body></html>"));
        yield return ("html/10mb-flat-paragraphs", "flat.html", Encoding.UTF8.GetBytes("<html><body><div id=\"zoom\">" + string.Concat(Enumerable.Repeat("<p>本机关坚持以公开为常态。</p>", 250_000)) + "</div></body></html>"));
        yield return ("html/nested-tables", "tables.html", Encoding.UTF8.GetBytes("<html><body>" + string.Concat(Enumerable.Repeat("<table><tr><td>", 400)) + "x" + "</body></html>"));
        yield return ("html/huge-spans", "span.html", Encoding.UTF8.GetBytes("<html><body><table>" + string.Concat(Enumerable.Repeat("<tr><td colspan=\"100000\" rowspan=\"100000\">1</td><td>2</td></tr>", 2000)) + "</table></body></html>"));
        yield return ("html/script-only", "script.html", Encoding.UTF8.GetBytes("<html><head><script>while(true){}</script></head><body><script>document.write('x')</script><!--[if IE]><p>IE</p><![endif]--></body></html>"));
        yield return ("html/injection", "inject.html", Encoding.UTF8.GetBytes("<html><body><div id=\"zoom\"><p>北景港镇2023年政府信息公开工作年度报告</p><p>&lt;script&gt;alert(1)&lt;/script&gt; <img src=x onerror=alert(2)> <a href=\"javascript:alert(3)\">链接</a></p><p>一、总体情况</p><p>全年公开信息一百条,群众满意度持续提升,相关工作稳步推进。</p></div></body></html>"));
        yield return ("html/unknown-charset", "charset.html", [.. "<html><head><meta charset=\"x-nonsense\"></head><body><p>"u8, 0xB1, 0xB1, 0xBE, 0xA9, .. "</p></body></html>"u8]);
    }

    private static string PagesObject(int count, int firstKid) =>
        $"<< /Type /Pages /Count {count} /Kids [{string.Join(" ", Enumerable.Range(firstKid, count).Select(k => $"{k} 0 R"))}] >>";

    private static string PageObject(int parent, int contents) =>
        $"<< /Type /Page /Parent {parent} 0 R /MediaBox [0 0 595 842] /Contents {contents} 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>";

    private static string Stream(string content) => $"<< /Length {content.Length} >>\nstream\n{content}\nendstream";

    private static byte[] FlateStream(string content)
    {
        var data = Zlib(Encoding.ASCII.GetBytes(content));
        return [.. Encoding.ASCII.GetBytes($"<< /Length {data.Length} /Filter /FlateDecode >>\nstream\n"), .. data, .. "\nendstream"u8];
    }

    private static byte[] FlateBomb(long inflated)
    {
        var data = ZlibZeros(inflated);
        return [.. Encoding.ASCII.GetBytes($"<< /Length {data.Length} /Filter /FlateDecode >>\nstream\n"), .. data, .. "\nendstream"u8];
    }

    private static byte[] ObjectStreamBomb(long inflated)
    {
        var data = ZlibZeros(inflated);
        object[] objects = ["<< /Type /Catalog /Pages 2 0 R >>", PagesObject(1, 3), PageObject(2, 5),
            (byte[])[.. Encoding.ASCII.GetBytes($"<< /Type /ObjStm /N 1 /First 4 /Length {data.Length} /Filter /FlateDecode >>\nstream\n"), .. data, .. "\nendstream"u8],
            Stream("BT ET")];
        return Pdf(objects);
    }

    private static byte[] ManyObjects(int count)
    {
        var objects = new List<object> { "<< /Type /Catalog /Pages 2 0 R >>", PagesObject(1, 3), PageObject(2, 4), Stream("BT /F1 12 Tf 72 720 Td (Hello) Tj ET") };
        for (var i = 0; i < count; i++) objects.Add($"<< /N {i} >>");
        return Pdf(objects);
    }

    private static byte[] ManyPages(int count)
    {
        var objects = new List<object> { "<< /Type /Catalog /Pages 2 0 R >>", PagesObject(count, 3) };
        for (var i = 0; i < count; i++) objects.Add(PageObject(2, 3 + count));
        objects.Add(Stream("BT /F1 12 Tf 72 720 Td (Page text for the report) Tj ET"));
        return Pdf(objects);
    }

    /// <summary>A PDF file from object bodies (string or bytes) numbered from 1, with a correct xref table.</summary>
    private static byte[] Pdf(IEnumerable<object> objects)
    {
        using var ms = new MemoryStream();
        ms.Write("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"u8);
        var offsets = new List<long>();
        var number = 0;
        foreach (var body in objects)
        {
            offsets.Add(ms.Position);
            ms.Write(Encoding.ASCII.GetBytes($"{++number} 0 obj\n"));
            ms.Write(body is byte[] b ? b : Encoding.ASCII.GetBytes((string)body));
            ms.Write("\nendobj\n"u8);
        }
        var xref = ms.Position;
        var sb = new StringBuilder($"xref\n0 {number + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) sb.Append($"{offset:D10} 00000 n \n");
        sb.Append($"trailer\n<< /Size {number + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        ms.Write(Encoding.ASCII.GetBytes(sb.ToString()));
        return ms.ToArray();
    }

    private static byte[] Zlib(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.Fastest, leaveOpen: true)) z.Write(data);
        return ms.ToArray();
    }

    private static byte[] ZlibZeros(long count)
    {
        using var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (long written = 0; written < count; written += zeros.Length) z.Write(zeros);
        }
        return ms.ToArray();
    }
}
