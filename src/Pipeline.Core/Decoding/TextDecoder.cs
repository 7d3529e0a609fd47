using System.Text;
using System.Text.Unicode;

namespace Pipeline.Core.Decoding;

/// <summary>
/// Turns uploaded bytes into lines of text. Order of evidence: a byte-order mark (UTF-8, UTF-16 LE/BE), else strict
/// UTF-8 validity, else GB18030 (code page 54936, a superset of GBK and GB2312) when it decodes without a single
/// invalid sequence, else the file is rejected as undecodable. Line ends (CRLF, CR, LF) are normalised by splitting.
/// Non-text formats are recognised by their magic bytes first; .docx is handed to <see cref="DocxExtractor"/>, PDF to
/// <see cref="PdfDecoder"/>, a web page to <see cref="HtmlDecoder"/>; legacy formats get a how-to (<see cref="LegacyFormats"/>).
/// </summary>
public static class TextDecoder
{
    public const int Gb18030CodePage = 54936;

    /// <summary>Decoded text with more C0 control characters than this share is binary data, not a report.</summary>
    private const double MaxControlCharShare = 0.01;

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf16Le = new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf16Be = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly Lazy<Encoding> StrictGb18030 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(Gb18030CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    });

    /// <summary>Decodes a whole upload (text or .docx). Never throws for bad input; returns a failure instead.</summary>
    public static DecodeResult Decode(ReadOnlySpan<byte> data, DocxLimits? docxLimits = null, PdfLimits? pdfLimits = null)
    {
        if (data.IsEmpty) return DecodeResult.Fail(new DecodeFailure("empty"));

        var kind = FileSniffer.Sniff(data);
        if (kind == SniffedKind.Zip && DocxExtractor.IsWordDocument(data))
            return DocxExtractor.Extract(data.ToArray(), docxLimits ?? DocxLimits.Default);
        if (kind == SniffedKind.Pdf)
            return PdfDecoder.Decode(data.ToArray(), pdfLimits ?? PdfLimits.Default);
        if (LegacyFormats.Recognise(data, kind) is { } legacy)
            return DecodeResult.Fail(DecodeFailure.Of(Validation.Findings.LegacyFormat(legacy)));
        if (kind == SniffedKind.Text && HtmlDecoder.LooksLikeHtml(data))
            return HtmlDecoder.Decode(data);
        string text, encodingName;
        if (kind is SniffedKind.Binary or SniffedKind.Text && !HasUtf16Bom(data) && data.Contains((byte)0)
            && TryDecodeUtf16WithoutBom(data, out text, out encodingName))
        {
            // NUL bytes in a UTF-16 pattern: Notepad-style "Unicode" saved without a byte-order mark.
        }
        else if (kind != SniffedKind.Text)
        {
            var (en, zh) = FileSniffer.Describe(kind);
            return DecodeResult.Fail(new DecodeFailure("not-text", en, zh));
        }
        else if (!TryDecodeText(data, out text, out encodingName))
        {
            return DecodeResult.Fail(new DecodeFailure("undecodable"));
        }
        if (ControlCharShare(text) > MaxControlCharShare)
        {
            var (en, zh) = FileSniffer.Describe(SniffedKind.Binary);
            return DecodeResult.Fail(new DecodeFailure("not-text", en, zh));
        }

        var lines = SplitLines(text);
        return IsBlank(lines) ? DecodeResult.Fail(new DecodeFailure("empty")) : DecodeResult.Ok(lines, encodingName);
    }

    /// <summary>Decodes text bytes by BOM, strict UTF-8, then strict GB18030. False when no encoding fits.</summary>
    public static bool TryDecodeText(ReadOnlySpan<byte> data, out string text, out string encodingName)
    {
        text = "";
        encodingName = "";
        try
        {
            if (data.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                (text, encodingName) = (StrictUtf8.GetString(data[3..]), "utf-8-bom");
                return true;
            }
            if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            {
                (text, encodingName) = (StrictUtf16Le.GetString(data[2..]), "utf-16le");
                return true;
            }
            if (data.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            {
                (text, encodingName) = (StrictUtf16Be.GetString(data[2..]), "utf-16be");
                return true;
            }
            if (Utf8.IsValid(data))
            {
                (text, encodingName) = (Encoding.UTF8.GetString(data), "utf-8");
                return true;
            }
            // GB18030 text never contains NUL bytes; a file that does is not GB18030, however it happens to decode.
            if (data.Contains((byte)0)) return false;
            (text, encodingName) = (StrictGb18030.Value.GetString(data), "gb18030");
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            encodingName = "";
            return false;
        }
        catch (ArgumentException)
        {
            // Odd-length UTF-16 payloads surface as ArgumentException from some code paths.
            text = "";
            encodingName = "";
            return false;
        }
    }

    /// <summary>
    /// UTF-16 without a byte-order mark: ASCII characters leave a NUL in every other byte (odd offsets little-endian,
    /// even offsets big-endian), far more often than the other half has one. Decoded strictly.
    /// </summary>
    public static bool TryDecodeUtf16WithoutBom(ReadOnlySpan<byte> data, out string text, out string encodingName)
    {
        (text, encodingName) = ("", "");
        if (data.Length < 4 || data.Length % 2 != 0) return false;
        var window = data[..Math.Min(data.Length, 8192)];
        int evenNuls = 0, oddNuls = 0;
        for (var i = 0; i + 1 < window.Length; i += 2)
        {
            if (window[i] == 0) evenNuls++;
            if (window[i + 1] == 0) oddNuls++;
        }
        var pairs = window.Length / 2;
        // At least 2% of characters ASCII (line ends alone usually give that), and twice as many NULs on that side
        // (common CJK characters such as 一 U+4E00 put some on the other side too; random bytes spread them evenly).
        var littleEndian = oddNuls * 50 >= pairs && oddNuls >= 2 * evenNuls;
        var bigEndian = evenNuls * 50 >= pairs && evenNuls >= 2 * oddNuls;
        if (littleEndian == bigEndian) return false;
        try
        {
            text = (littleEndian ? StrictUtf16Le : StrictUtf16Be).GetString(data);
            encodingName = littleEndian ? "utf-16le" : "utf-16be";
            return ControlCharShare(text) <= MaxControlCharShare;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    private static bool HasUtf16Bom(ReadOnlySpan<byte> data) =>
        data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || data.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);

    /// <summary>Splits on CRLF, CR and LF (and the other Unicode line separators) into numbered lines.</summary>
    public static List<SourceLine> SplitLines(string text)
    {
        var span = text.AsSpan();
        // Exact capacity: growing a list of a few hundred lines would allocate more than the lines themselves.
        var lines = new List<SourceLine>(span.Count('\n') + span.Count('\r') + 1);
        var number = 0;
        if (!span.IsEmpty && span[0] == '\uFEFF') span = span[1..];
        foreach (var line in span.EnumerateLines())
        {
            number++;
            lines.Add(new SourceLine(number, line.IsEmpty ? "" : line.ToString()));
        }
        // EnumerateLines yields a final empty line after a trailing newline; it is not a line of the file.
        if (lines.Count > 0 && lines[^1].Text.Length == 0 && (span.EndsWith("\n") || span.EndsWith("\r")))
            lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    private static bool IsBlank(List<SourceLine> lines)
    {
        foreach (var line in lines)
            if (line.IsTable || !line.Text.AsSpan().Trim().IsEmpty && !IsAllWhitespace(line.Text)) return false;
        return true;
    }

    private static bool IsAllWhitespace(string s)
    {
        foreach (var c in s)
            if (!char.IsWhiteSpace(c) && c != '\u200B' && c != '\uFEFF') return false;
        return true;
    }

    private static double ControlCharShare(string text)
    {
        if (text.Length == 0) return 0;
        var controls = 0;
        var span = text.AsSpan();
        // Skip ahead to the next C0 control character: real text has only line ends and tabs between them.
        for (var next = span.IndexOfAnyInRange('\0', '\u001F'); next >= 0; next = span.IndexOfAnyInRange('\0', '\u001F'))
        {
            if (span[next] is not ('\t' or '\n' or '\r' or '\f' or '\v')) controls++;
            span = span[(next + 1)..];
        }
        controls += text.AsSpan().Count('\u007F');
        return (double)controls / text.Length;
    }
}
