using Pipeline.Core.Decoding;

namespace Pipeline.Core.Layout;

/// <summary>
/// Recovers the layout plain text lost, between cleaning and reading: tables written as delimited lines become
/// tables (the template's statistics tables as a PDF's text gives them, delimited rows), and paragraphs broken at a page's right margin become paragraphs again. Tables first, so a table's rows
/// are never joined as if they were wrapped text.
/// </summary>
public static class LayoutRecovery
{
    public static IReadOnlyList<SourceLine> Recover(IReadOnlyList<SourceLine> lines) =>
        WrappedLineJoiner.Join(DelimitedTableReader.Read(TemplateTableReader.Read(lines as List<SourceLine> ?? lines.ToList())));
}
