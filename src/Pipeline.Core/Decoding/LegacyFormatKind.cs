namespace Pipeline.Core.Decoding;

/// <summary>Formats that are recognised but not read, each with its own how-to.</summary>
public enum LegacyFormatKind
{
    WordBinary,
    Rtf,
    OpenDocument,
    Spreadsheet,
    Presentation,
    Ofd,
    Archive,
}
