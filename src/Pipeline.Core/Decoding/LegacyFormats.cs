using System.IO.Compression;
using Pipeline.Core.Validation;

namespace Pipeline.Core.Decoding;

/// <summary>
/// Recognises the formats clerks upload that the pipeline does not read — Word 97-2003 and WPS (.doc/.wps, OLE2
/// compound files), spreadsheets (.xls/.et/.xlsx), slides (.ppt/.dps/.pptx), RTF, OpenDocument, OFD and archives — so
/// the finding names the format and the menu path to a .docx or PDF instead of a generic "not text".
/// </summary>
public static class LegacyFormats
{
    public static LegacyFormatKind? Recognise(ReadOnlySpan<byte> data, SniffedKind kind) => kind switch
    {
        SniffedKind.LegacyOffice => CompoundFile(data),
        SniffedKind.Zip => ZipPackage(data),
        SniffedKind.Rar or SniffedKind.SevenZip or SniffedKind.Gzip => LegacyFormatKind.Archive,
        SniffedKind.Text when data.TrimStart("\uFEFF"u8).TrimStart(" \t\r\n"u8).StartsWith(@"{\rtf"u8) => LegacyFormatKind.Rtf,
        _ => null,
    };

    /// <summary>An OLE2 compound file names its streams in UTF-16 in its directory: WordDocument, Workbook, PowerPoint Document.</summary>
    private static LegacyFormatKind CompoundFile(ReadOnlySpan<byte> data)
    {
        if (Contains(data, "Workbook") || Contains(data, "Book\0") || Contains(data, "ETDocument")) return LegacyFormatKind.Spreadsheet;
        if (Contains(data, "PowerPoint Document") || Contains(data, "WPPDocument")) return LegacyFormatKind.Presentation;
        return LegacyFormatKind.WordBinary; // WordDocument, WpsContent and anything else a clerk would call a document
    }

    private static bool Contains(ReadOnlySpan<byte> data, string name)
    {
        Span<byte> utf16 = stackalloc byte[name.Length * 2];
        for (var i = 0; i < name.Length; i++) (utf16[2 * i], utf16[2 * i + 1]) = ((byte)name[i], 0);
        return data.IndexOf(utf16) >= 0;
    }

    private static LegacyFormatKind ZipPackage(ReadOnlySpan<byte> data)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(data.ToArray(), writable: false), ZipArchiveMode.Read);
            bool Has(string prefix) => zip.Entries.Any(e => e.FullName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
            if (Has("xl/")) return LegacyFormatKind.Spreadsheet;
            if (Has("ppt/")) return LegacyFormatKind.Presentation;
            if (Has("OFD.xml")) return LegacyFormatKind.Ofd;
            if (zip.GetEntry("mimetype") is { } mimetype && mimetype.Length < 200)
            {
                using var reader = new StreamReader(mimetype.Open());
                var type = reader.ReadToEnd();
                if (type.Contains("opendocument.spreadsheet")) return LegacyFormatKind.Spreadsheet;
                if (type.Contains("opendocument.presentation")) return LegacyFormatKind.Presentation;
                if (type.Contains("opendocument")) return LegacyFormatKind.OpenDocument;
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException)
        {
            // A damaged archive is still an archive.
        }
        return LegacyFormatKind.Archive;
    }
}
