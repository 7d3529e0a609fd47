namespace Pipeline.Core.Decoding;

/// <summary>What a file's leading bytes (its magic number) say it is.</summary>
public enum SniffedKind
{
    Text,
    Png,
    Jpeg,
    Gif,
    Bmp,
    Webp,
    Tiff,
    Pdf,
    Zip,
    LegacyOffice,
    Rar,
    SevenZip,
    Gzip,
    Executable,
    Binary,
}

/// <summary>
/// Recognises non-text files by their magic bytes so the agency is told what it uploaded ("PDF document"),
/// not just that it is unreadable. Text is only ruled out here; whether it decodes is the decoder's job.
/// </summary>
public static class FileSniffer
{
    private const int NulScanWindow = 8192;

    public static SniffedKind Sniff(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) return SniffedKind.Png;
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return SniffedKind.Jpeg;
        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8)) return SniffedKind.Gif;
        if (data.Length >= 14 && data.StartsWith("BM"u8) && BitConverter.ToUInt32(data[2..6]) == data.Length) return SniffedKind.Bmp;
        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8)) return SniffedKind.Webp;
        if (data.StartsWith((ReadOnlySpan<byte>)[0x49, 0x49, 0x2A, 0x00]) || data.StartsWith((ReadOnlySpan<byte>)[0x4D, 0x4D, 0x00, 0x2A])) return SniffedKind.Tiff;
        if (data.StartsWith("%PDF-"u8)) return SniffedKind.Pdf;
        if (data.StartsWith("PK\x03\x04"u8) || data.StartsWith("PK\x05\x06"u8)) return SniffedKind.Zip;
        if (data.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])) return SniffedKind.LegacyOffice;
        if (data.StartsWith("Rar!\x1A\x07"u8)) return SniffedKind.Rar;
        if (data.StartsWith((ReadOnlySpan<byte>)[0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C])) return SniffedKind.SevenZip;
        if (data.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B, 0x08])) return SniffedKind.Gzip;
        if (data.StartsWith((ReadOnlySpan<byte>)[0x7F, (byte)'E', (byte)'L', (byte)'F'])) return SniffedKind.Executable;
        if (data.Length >= 64 && data.StartsWith("MZ"u8) && LooksLikePortableExecutable(data)) return SniffedKind.Executable;
        return HasUtf16Bom(data) ? SniffedKind.Text : (IsNulHeavy(data) ? SniffedKind.Binary : SniffedKind.Text);
    }

    /// <summary>English and Chinese names a clerk understands, used in the not-text finding.</summary>
    public static (string En, string Zh) Describe(SniffedKind kind) => kind switch
    {
        SniffedKind.Png => ("PNG image", "PNG 图片"),
        SniffedKind.Jpeg => ("JPEG image", "JPEG 图片"),
        SniffedKind.Gif => ("GIF image", "GIF 图片"),
        SniffedKind.Bmp => ("BMP image", "BMP 图片"),
        SniffedKind.Webp => ("WebP image", "WebP 图片"),
        SniffedKind.Tiff => ("TIFF image", "TIFF 图片"),
        SniffedKind.Pdf => ("PDF document", "PDF 文档"),
        SniffedKind.Zip => ("ZIP archive", "ZIP 压缩包"),
        SniffedKind.LegacyOffice => ("legacy Office (.doc/.xls) file", "旧版 Office 文件（.doc/.xls）"),
        SniffedKind.Rar => ("RAR archive", "RAR 压缩包"),
        SniffedKind.SevenZip => ("7-Zip archive", "7-Zip 压缩包"),
        SniffedKind.Gzip => ("gzip archive", "gzip 压缩包"),
        SniffedKind.Executable => ("executable program", "可执行程序"),
        _ => ("binary data", "二进制数据"),
    };

    private static bool HasUtf16Bom(ReadOnlySpan<byte> data) =>
        data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || data.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);

    /// <summary>Text in the encodings we accept (UTF-8, GB18030, UTF-16 with BOM) has no NUL bytes; binary has many.</summary>
    private static bool IsNulHeavy(ReadOnlySpan<byte> data)
    {
        var window = data[..Math.Min(data.Length, NulScanWindow)];
        if (window.IsEmpty) return false;
        var nuls = window.Count((byte)0);
        return nuls > 0 && nuls * 100 >= window.Length; // >= 1% NUL
    }

    private static bool LooksLikePortableExecutable(ReadOnlySpan<byte> data)
    {
        var peOffset = BitConverter.ToInt32(data[0x3C..0x40]);
        return peOffset > 0 && peOffset <= data.Length - 4 && data[peOffset..].StartsWith("PE\0\0"u8);
    }
}
