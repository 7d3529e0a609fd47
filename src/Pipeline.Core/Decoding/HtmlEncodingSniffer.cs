using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace Pipeline.Core.Decoding;

/// <summary>
/// Finds a web page's encoding: a byte-order mark, else strictly valid UTF-8 (a GBK page is practically never valid
/// UTF-8, while CMS pages that declare gb2312 but were re-saved as UTF-8 are common), else the charset the page declares
/// in its first 1024 bytes (gb2312 and gbk read as GB18030, their superset), else strict GB18030, else GB18030 with
/// replacement characters.
/// </summary>
internal static partial class HtmlEncodingSniffer
{
    public static (string Text, string Name) Decode(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return (Encoding.UTF8.GetString(data[3..]), "html/utf-8-bom");
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return (Encoding.Unicode.GetString(data[2..]), "html/utf-16le");
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return (Encoding.BigEndianUnicode.GetString(data[2..]), "html/utf-16be");
        if (Utf8.IsValid(data)) return (Encoding.UTF8.GetString(data), "html/utf-8");

        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var declared = Declared(data);
        if (declared is not null && !IsChinese(declared) && declared != "utf-8")
        {
            try
            {
                return (Encoding.GetEncoding(declared).GetString(data), "html/" + declared);
            }
            catch (ArgumentException)
            {
                // Unknown name: fall through to GB18030, the usual encoding of pages that are not UTF-8.
            }
        }
        if (TextDecoder.TryDecodeText(data, out var text, out _)) return (text, "html/gb18030");
        return (Encoding.GetEncoding(TextDecoder.Gb18030CodePage).GetString(data), "html/gb18030-lossy");
    }

    private static bool IsChinese(string name) => name is "gb2312" or "gbk" or "gb18030" or "x-gbk" or "cp936" or "euc-cn" or "hz-gb-2312";

    /// <summary>The charset of the first meta tag that declares one, lower-cased (the HTML prescan, simplified).</summary>
    private static string? Declared(ReadOnlySpan<byte> data)
    {
        var head = Encoding.Latin1.GetString(data[..Math.Min(data.Length, 1024)]);
        var match = Charset().Match(head);
        return match.Success ? match.Groups[1].Value.ToLowerInvariant() : null;
    }

    [GeneratedRegex(@"<meta[^>]*charset\s*=\s*[""']?\s*([A-Za-z0-9_\-:.]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Charset();
}
