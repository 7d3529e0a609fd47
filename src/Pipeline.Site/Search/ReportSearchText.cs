using System.Text;
using Pipeline.Core.Model;
using Pipeline.Site.Reports;

namespace Pipeline.Site.Search;

/// <summary>
/// The one plain-text walk of a report for full-text search, used by every path (the render stage that stages it,
/// build-site, the benchmarks): what the page shows besides its title, one item per line. The title, publisher, index
/// code and year are indexed from the list entry (<see cref="IndexTerms.Of"/>), so the page's title is found whatever
/// the document's own title line says.
/// </summary>
public static class ReportSearchText
{
    /// <summary>
    /// The search text of a report page: the body (<see cref="Of(ReportDocument)"/>), preceded by the publisher as the
    /// document writes it when the report is listed under another name (the agency's registered name), so both are found.
    /// </summary>
    public static string Of(ReportPageModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var body = Of(model.Document);
        return model.Metadata.ListPublisher is { } listed && !string.IsNullOrWhiteSpace(listed)
            ? model.Metadata.Publisher + "\n" + body
            : body;
    }

    /// <summary>Headings, paragraphs, list items, attachment notes, table captions, rows and notes, signature.</summary>
    public static string Of(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = new StringBuilder();
        void Line(string? s)
        {
            if (!string.IsNullOrWhiteSpace(s)) text.Append(s).Append('\n');
        }
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case Heading h: Line(h.DisplayText); break;
                case Paragraph p: Line(p.Text); break;
                case ListBlock l: foreach (var item in l.Items) Line(item); break;
                case AttachmentNote a: Line(a.Text); break;
                case TableBlock t:
                    Line(t.Table.Caption);
                    foreach (var row in t.Table.Header.Concat(t.Table.Rows)) Line(string.Join(' ', row.Where(c => c is not null)));
                    foreach (var note in t.Table.Notes) Line(note);
                    break;
            }
        }
        if (document.Signature is { } signature)
        {
            foreach (var organisation in signature.Organisations) Line(organisation);
            Line(signature.DateText);
        }
        return text.ToString();
    }
}
