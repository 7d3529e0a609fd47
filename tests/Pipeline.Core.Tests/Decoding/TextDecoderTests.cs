using System.Text;
using Pipeline.Core.Decoding;

namespace Pipeline.Core.Tests.Decoding;

public class TextDecoderTests
{
    static TextDecoderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Chinese = "华容县北景港镇2018年度政府信息公开工作年度报告\n一、概述\n镇成立专门工作机构。";

    [Fact]
    public void Utf8_without_bom_is_detected()
    {
        var result = TextDecoder.Decode(Encoding.UTF8.GetBytes(Chinese));
        Assert.True(result.Success);
        Assert.Equal("utf-8", result.EncodingName);
        Assert.Equal(["华容县北景港镇2018年度政府信息公开工作年度报告", "一、概述", "镇成立专门工作机构。"], result.Lines.Select(l => l.Text));
    }

    [Fact]
    public void Utf8_with_bom_drops_the_bom()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Chinese)).ToArray();
        var result = TextDecoder.Decode(bytes);
        Assert.Equal("utf-8-bom", result.EncodingName);
        Assert.Equal("华容县北景港镇2018年度政府信息公开工作年度报告", result.Lines[0].Text);
    }

    [Theory]
    [InlineData(false, "utf-16le")]
    [InlineData(true, "utf-16be")]
    public void Utf16_with_bom_is_detected(bool bigEndian, string expected)
    {
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: true);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(Chinese)).ToArray();
        var result = TextDecoder.Decode(bytes);
        Assert.True(result.Success);
        Assert.Equal(expected, result.EncodingName);
        Assert.Equal("镇成立专门工作机构。", result.Lines[2].Text);
    }

    [Theory]
    [InlineData(false, "utf-16le")]
    [InlineData(true, "utf-16be")]
    public void Utf16_without_bom_is_recognised_by_its_nul_pattern(bool bigEndian, string expected)
    {
        var bytes = new UnicodeEncoding(bigEndian, byteOrderMark: false).GetBytes("2018年度报告\n一、概述\n全年公开信息147条。\n");
        var result = TextDecoder.Decode(bytes);
        Assert.True(result.Success);
        Assert.Equal(expected, result.EncodingName);
        Assert.Equal("一、概述", result.Lines[1].Text);
    }

    [Fact]
    public void Bytes_with_nul_are_never_taken_for_gb18030()
    {
        // Decodes "cleanly" as GB18030 byte pairs, but GB18030 text has no NUL bytes.
        var bytes = Encoding.GetEncoding(54936).GetBytes(new string('报', 300)).Concat(new byte[] { 0xB1, 0xA8, 0x00 }).ToArray();
        var result = TextDecoder.Decode(bytes);
        Assert.False(result.Success);
        Assert.Equal("undecodable", result.Failure!.Code);
    }

    [Fact]
    public void Gb18030_is_detected_when_not_utf8()
    {
        var bytes = Encoding.GetEncoding(54936).GetBytes(Chinese);
        var result = TextDecoder.Decode(bytes);
        Assert.True(result.Success);
        Assert.Equal("gb18030", result.EncodingName);
        Assert.Equal("一、概述", result.Lines[1].Text);
    }

    [Theory]
    [InlineData("a\r\nb\r\nc")]
    [InlineData("a\rb\rc")]
    [InlineData("a\nb\nc\n")]
    public void Line_ends_are_normalised(string text)
    {
        var result = TextDecoder.Decode(Encoding.UTF8.GetBytes(text));
        Assert.Equal(["a", "b", "c"], result.Lines.Select(l => l.Text));
        Assert.Equal([1, 2, 3], result.Lines.Select(l => l.Number));
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }, "PNG image")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, "JPEG image")]
    public void Non_text_formats_are_named(byte[] bytes, string looksLike)
    {
        var result = TextDecoder.Decode(bytes);
        Assert.False(result.Success);
        Assert.Equal("not-text", result.Failure!.Code);
        Assert.Equal(looksLike, result.Failure.LooksLike);
    }

    [Fact]
    public void A_zip_that_is_not_a_word_document_is_an_archive_to_extract()
    {
        using var ms = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(ms, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open()))
            writer.Write("hello");
        var result = TextDecoder.Decode(ms.ToArray());
        Assert.Equal("legacy-format", result.Failure!.Code);
        Assert.Contains("解压", result.Failure.Finding!.MessageZh);
    }

    [Fact]
    public void Nul_heavy_data_is_binary()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        for (var i = 0; i < bytes.Length; i += 8) bytes[i] = 0;
        var result = TextDecoder.Decode(bytes);
        Assert.Equal("not-text", result.Failure!.Code);
        Assert.Equal("binary data", result.Failure.LooksLike);
    }

    [Fact]
    public void Bytes_valid_in_neither_utf8_nor_gb18030_are_undecodable()
    {
        // 0x80 and 0xFF are never valid lead bytes in GB18030, and this is not UTF-8.
        var bytes = "报告"u8.ToArray().Concat(new byte[] { 0x80, 0xFF, 0x80, 0xFF, 0x41 }).ToArray();
        var result = TextDecoder.Decode(bytes);
        Assert.False(result.Success);
        Assert.Equal("undecodable", result.Failure!.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t\r\n\u3000\n")]
    public void Empty_and_whitespace_only_files_are_empty(string text)
    {
        var result = TextDecoder.Decode(Encoding.UTF8.GetBytes(text));
        Assert.Equal("empty", result.Failure!.Code);
    }

    [Fact]
    public void Utf16_text_is_not_mistaken_for_binary_because_of_its_nul_bytes()
    {
        var bytes = new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes("Report\nline two")).ToArray();
        Assert.True(TextDecoder.Decode(bytes).Success);
    }
}
