using Pipeline.Core.Model;

namespace Pipeline.Site.Reports;

/// <summary>
/// A 修订说明 ("revision note") line written in the document itself, e.g. "修订说明：更正第三部分的统计数字。": the change
/// note of a version uploaded without one in its metadata.
/// </summary>
public static class RevisionNote
{
    private const string Label = "修订说明";

    /// <summary>The text after "修订说明：" in the first paragraph that starts with it; null when there is none.</summary>
    public static string? FromDocument(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var block in document.Blocks)
        {
            if (block is not Paragraph { Text: var text }) continue;
            var trimmed = text.TrimStart();
            if (!trimmed.StartsWith(Label, StringComparison.Ordinal)) continue;
            var note = trimmed[Label.Length..].TrimStart(' ', '　', '：', ':').Trim();
            return note.Length == 0 ? null : note;
        }
        return null;
    }
}
