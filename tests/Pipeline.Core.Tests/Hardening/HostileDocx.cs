using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Pipeline.Core.Tests.Hardening;

/// <summary>
/// Hostile Word uploads written byte by byte with System.IO.Compression (no OpenXml SDK on the producing side, so
/// the files can break every rule a well-behaved writer follows): zip bombs, lying size headers, huge or deeply nested
/// XML, DTDs with external or recursive entities, thousands of entries, damaged archives.
/// </summary>
public static class HostileDocx
{
    private const string ContentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
        <Default Extension="xml" ContentType="application/xml"/>
        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
        </Types>
        """;

    private const string PackageRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
        </Relationships>
        """;

    private const string WordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// <summary>Every hostile .docx case, deterministic.</summary>
    public static IEnumerable<(string Name, byte[] Bytes)> All()
    {
        yield return ("docx-plain-report", Package(Document(Paragraphs(ReportLines()))));
        yield return ("docx-script-in-text", Package(Document(Paragraphs(ReportLines().Append("<script>alert('docx')</script><img src=x onerror=alert(1)>")))));
        yield return ("docx-zip-bomb-total-size", Bomb(("word/document.xml", Repeated(' ', 70L * 1024 * 1024, Document(Paragraphs(ReportLines())), atEnd: true))));
        yield return ("docx-zip-bomb-ratio", Bomb(("word/document.xml", Repeated(' ', 8L * 1024 * 1024, Document(Paragraphs(ReportLines())), atEnd: true))));
        yield return ("docx-zip-bomb-lying-header", LieAboutSizes(Bomb(("word/document.xml", Repeated(' ', 48L * 1024 * 1024, Document(Paragraphs(ReportLines())), atEnd: false)))));
        yield return ("docx-huge-xml-text", Package(Document(Paragraphs(ReportLines().Append(HugeLowRatioText(3 * 1024 * 1024))))));
        yield return ("docx-nested-xml-1000", Package(Encoding.UTF8.GetBytes(Nested(1_000))));
        yield return ("docx-nested-tables-100", Package(Encoding.UTF8.GetBytes(NestedTables(100))));
        yield return ("docx-external-entity", Package(Encoding.UTF8.GetBytes(WithDoctype(
            """<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>""", "&xxe;"))));
        yield return ("docx-external-dtd", Package(Encoding.UTF8.GetBytes(WithDoctype(
            """<!DOCTYPE w:document SYSTEM "http://127.0.0.1:9/evil.dtd">""", "外部DTD"))));
        yield return ("docx-billion-laughs", Package(Encoding.UTF8.GetBytes(WithDoctype(BillionLaughs(), "&lol9;"))));
        yield return ("docx-many-entries", ManyEntries(5_000));
        yield return ("docx-many-entries-under-limit", ManyEntries(900));
        yield return ("docx-no-document-part", Package(("word/other.xml", Encoding.UTF8.GetBytes("<x/>"))));
        yield return ("docx-document-not-xml", Package(("word/document.xml", Encoding.UTF8.GetBytes("这不是XML <<<>>> &&&"))));
        yield return ("docx-empty-body", Package(Document("")));
        yield return ("docx-thousands-of-cells", Package(Document(Paragraphs(ReportLines()) + Table(120, 40))));
        var valid = Package(Document(Paragraphs(ReportLines())));
        yield return ("docx-truncated-half", valid[..(valid.Length / 2)]);
        yield return ("docx-truncated-directory", valid[..^10]);
        yield return ("docx-zip-header-only", valid[..30]);
        var random = new Random(4242);
        for (var i = 0; i < 20; i++)
        {
            var damaged = (byte[])valid.Clone();
            for (var flips = 0; flips < 1 + i; flips++) damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
            yield return ($"docx-bitflips-{i}", damaged);
        }
    }

    /// <summary>
    /// Nesting deep enough to exhaust a thread-pool thread's stack (1.5 MB on Linux) in the OpenXml loader: a ~1 KB
    /// upload that kills the whole host process. Kept apart from <see cref="All"/> because a stack overflow cannot be
    /// caught: one such case would abort the test run instead of failing one test.
    /// </summary>
    public static IEnumerable<(string Name, byte[] Bytes)> StackExhausting()
    {
        yield return ("docx-deeply-nested-xml", Package(Encoding.UTF8.GetBytes(Nested(20_000))));
        yield return ("docx-deeply-nested-tables", Package(Encoding.UTF8.GetBytes(NestedTables(2_000))));
    }

    private static IEnumerable<string> ReportLines() =>
    [
        "华容县北景港镇2018年度政府信息公开工作年度报告",
        "一、概述",
        "镇成立专门工作机构,设置公开查阅点8处。",
        "二、主动公开政府信息情况",
        "全年主动公开政府信息147条。",
        "华容县北景港镇人民政府",
        "2019年3月11日",
    ];

    private static byte[] Package(string documentXml) => Package(Encoding.UTF8.GetBytes(documentXml));

    private static byte[] Package(byte[] documentXml) => Package(("word/document.xml", documentXml));

    private static byte[] Package(params (string Name, byte[] Content)[] parts) => Package(CompressionLevel.Fastest, parts);

    /// <summary>Maximum compression: what a bomb maker uses to reach ratios around 1000:1.</summary>
    private static byte[] Bomb(params (string Name, byte[] Content)[] parts) => Package(CompressionLevel.SmallestSize, parts);

    private static byte[] Package(CompressionLevel level, (string Name, byte[] Content)[] parts)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", Encoding.UTF8.GetBytes(ContentTypes), level);
            Write(zip, "_rels/.rels", Encoding.UTF8.GetBytes(PackageRels), level);
            foreach (var (name, content) in parts) Write(zip, name, content, level);
        }
        return ms.ToArray();
    }

    private static void Write(ZipArchive zip, string name, byte[] content, CompressionLevel level)
    {
        using var stream = zip.CreateEntry(name, level).Open();
        stream.Write(content);
    }

    private static string Document(string bodyXml) =>
        $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{WordNs}"><w:body>{bodyXml}</w:body></w:document>""";

    private static string Paragraphs(IEnumerable<string> lines) =>
        string.Concat(lines.Select(l => $"<w:p><w:r><w:t xml:space=\"preserve\">{System.Security.SecurityElement.Escape(l)}</w:t></w:r></w:p>"));

    private static string Table(int rows, int columns)
    {
        var sb = new StringBuilder("<w:tbl>");
        for (var r = 0; r < rows; r++)
        {
            sb.Append("<w:tr>");
            for (var c = 0; c < columns; c++) sb.Append("<w:tc><w:p><w:r><w:t>").Append(r * columns + c).Append("</w:t></w:r></w:p></w:tc>");
            sb.Append("</w:tr>");
        }
        return sb.Append("</w:tbl>").ToString();
    }

    /// <summary>A document of <paramref name="padding"/> filler characters before (or after) the real XML: compresses ~1000:1.</summary>
    private static byte[] Repeated(char filler, long padding, string xml, bool atEnd)
    {
        var xmlBytes = Encoding.UTF8.GetBytes(xml);
        var result = new byte[padding + xmlBytes.Length];
        if (atEnd)
        {
            xmlBytes.CopyTo(result, 0);
            result.AsSpan(xmlBytes.Length).Fill((byte)filler);
        }
        else
        {
            result.AsSpan(0, (int)padding).Fill((byte)filler);
            xmlBytes.CopyTo(result, padding);
        }
        return result;
    }

    /// <summary>Text that does not compress much (so the ratio guard does not catch it): pseudo-random CJK characters.</summary>
    private static string HugeLowRatioText(int characters)
    {
        var random = new Random(17);
        var chars = new char[characters];
        for (var i = 0; i < chars.Length; i++) chars[i] = (char)random.Next(0x4E00, 0x9FA5);
        return new string(chars);
    }

    private static string Nested(int depth) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{WordNs}"><w:body><w:p>""" +
        string.Concat(Enumerable.Repeat("<w:r>", depth)) + "<w:t>深</w:t>" + string.Concat(Enumerable.Repeat("</w:r>", depth)) +
        "</w:p></w:body></w:document>";

    private static string NestedTables(int depth) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{WordNs}"><w:body>""" +
        string.Concat(Enumerable.Repeat("<w:tbl><w:tr><w:tc>", depth)) + "<w:p><w:r><w:t>嵌套表格</w:t></w:r></w:p>" +
        string.Concat(Enumerable.Repeat("</w:tc></w:tr></w:tbl>", depth)) + "<w:p/></w:body></w:document>";

    private static string WithDoctype(string doctype, string textContent) =>
        $"""<?xml version="1.0" encoding="UTF-8"?>{doctype}<w:document xmlns:w="{WordNs}"><w:body>""" +
        Paragraphs(ReportLines()) + $"<w:p><w:r><w:t>{textContent}</w:t></w:r></w:p></w:body></w:document>";

    private static string BillionLaughs()
    {
        var sb = new StringBuilder("<!DOCTYPE w:document [<!ENTITY lol0 \"lol\">");
        for (var i = 1; i <= 9; i++)
            sb.Append($"<!ENTITY lol{i} \"").Append(string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))).Append("\">");
        return sb.Append("]>").ToString();
    }

    private static byte[] ManyEntries(int count)
    {
        var parts = new List<(string, byte[])> { ("word/document.xml", Encoding.UTF8.GetBytes(Document(Paragraphs(ReportLines())))) };
        for (var i = 0; i < count; i++) parts.Add(($"word/media/e{i}.bin", [(byte)i]));
        return Package(parts.ToArray());
    }

    /// <summary>
    /// Rewrites every local header and central-directory record so the archive claims each entry inflates to 1 KB:
    /// a reader that trusts the directory's sizes would let the bomb through.
    /// </summary>
    private static byte[] LieAboutSizes(byte[] zip)
    {
        var bytes = (byte[])zip.Clone();
        for (var i = 0; i + 46 <= bytes.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
            if (signature == 0x04034b50) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 22), 1024);
            else if (signature == 0x02014b50) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 24), 1024);
        }
        return bytes;
    }
}
