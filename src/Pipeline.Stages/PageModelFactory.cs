using System.Text;
using Pipeline.Core;
using Pipeline.Core.Model;
using Pipeline.Site;
using Pipeline.Site.Reports;
using Pipeline.Storage;

namespace Pipeline.Stages;

/// <summary>
/// The page model of a ledger version, built one way for both the render stage (page HTML) and the publish stage
/// (site entry and search text), so the page and the lists always agree.
/// </summary>
public static class PageModelFactory
{
    /// <param name="registeredPublisher">
    /// The agency's registered publisher name (its site list); the page shows 发布机构 as written and links to this list.
    /// </param>
    public static ReportPageModel Build(ReportAnalysis analysis, LedgerEntry entry, SiteOptions site, string? registeredPublisher)
    {
        var publisher = analysis.Metadata.Publisher.Value ?? entry.Publisher;
        var metadata = PageMetadata.From(analysis.Metadata, entry.Title ?? entry.FileName) with
        {
            IndexCode = entry.IndexCode,
            Publisher = publisher,
            ListPublisher = string.IsNullOrWhiteSpace(registeredPublisher) || registeredPublisher.Trim() == publisher?.Trim() ? null : registeredPublisher.Trim(),
            Version = entry.Version,
            // A revision shows the day it was received (site time zone).
            Revised = entry.Version > 1 ? SiteTime.Today(entry.ReceivedAt == default ? entry.UpdatedAt : entry.ReceivedAt, site) : null,
            Original = OffersOriginal(analysis, entry) ? OriginalFile.ForUpload(entry.FileName, analysis.Length, analysis.Encoding) : null,
        };
        return new ReportPageModel(analysis.Document, metadata);
    }

    /// <summary>
    /// The original is offered only when the page shows the report as uploaded: no personal data was found, or an
    /// operator approved publishing it as is. A masked page never links to the unmasked file; fails closed on anything else.
    /// </summary>
    public static bool OffersOriginal(ReportAnalysis analysis, LedgerEntry entry) =>
        entry.ArchiveBlob is { Length: > 0 }
        && (analysis.PersonalData.Count == 0 && entry.PersonalDataCount == 0 || entry.PrivacyDecision == "PublishAsIs");

    /// <summary>The report's plain text for full-text search: title, headings, paragraphs, lists, tables, signature.</summary>
    public static string SearchText(ReportDocument document, PageMetadata metadata)
    {
        var text = new StringBuilder();
        text.AppendLine(metadata.Title);
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case Heading h: text.AppendLine(h.DisplayText); break;
                case Paragraph p: text.AppendLine(p.Text); break;
                case ListBlock l: foreach (var item in l.Items) text.AppendLine(item); break;
                case AttachmentNote a: text.AppendLine(a.Text); break;
                case TableBlock t:
                    if (t.Table.Caption is { } caption) text.AppendLine(caption);
                    foreach (var row in t.Table.Header.Concat(t.Table.Rows))
                        text.AppendLine(string.Join(' ', row.Where(c => !string.IsNullOrEmpty(c))));
                    foreach (var note in t.Table.Notes) text.AppendLine(note);
                    break;
            }
        }
        if (document.Signature is { } signature)
        {
            foreach (var org in signature.Organisations) text.AppendLine(org);
            if (signature.DateText is { } date) text.AppendLine(date);
        }
        return text.ToString();
    }
}
