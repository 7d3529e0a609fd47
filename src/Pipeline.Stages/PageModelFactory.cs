using Pipeline.Core;
using Pipeline.Site;
using Pipeline.Site.Reports;
using Pipeline.Storage;

namespace Pipeline.Stages;

/// <summary>
/// The page model of a ledger version, built once by the render stage: the page HTML, the list entry and the search
/// text all come from it (<see cref="StagedReport"/>), so the page and the lists always agree.
/// </summary>
public static class PageModelFactory
{
    /// <param name="registeredPublisher">
    /// The agency's registered publisher name (its site list); the page shows 发布机构 as written and links to this list.
    /// </param>
    /// <param name="versions">
    /// The report's version rows (the render stage passes them): the page's 版本记录 lists those that went public and
    /// this one, each with its change note. Null: no history on the page (the publish stage needs only the list entry).
    /// </param>
    public static ReportPageModel Build(ReportAnalysis analysis, LedgerEntry entry, SiteOptions site, string? registeredPublisher,
        IReadOnlyList<LedgerEntry>? versions = null)
    {
        var publisher = analysis.Metadata.Publisher.Value ?? entry.Publisher;
        var calendar = SiteCalendar.For(site);
        // 发布日期 is the day the report went (or goes) public on this site: its first publication, else this version's
        // release time (set by the render stage). Only a page built without either falls back to the date it states.
        var firstPublic = entry.FirstPublishedAt ?? entry.ReleaseAt;
        var metadata = PageMetadata.From(analysis.Metadata, entry.Title ?? entry.FileName) with
        {
            IndexCode = entry.IndexCode,
            Publisher = publisher,
            ListPublisher = string.IsNullOrWhiteSpace(registeredPublisher) || registeredPublisher.Trim() == publisher?.Trim() ? null : registeredPublisher.Trim(),
            Version = entry.Version,
            ReleaseDate = firstPublic is { } at ? calendar.DateOf(at) : analysis.Metadata.ReleaseDate.Value,
            // A revision shows the day it goes public (its release time), else the day it was received (site time zone).
            Revised = entry.Version > 1 ? calendar.DateOf(entry.ReleaseAt ?? (entry.ReceivedAt == default ? entry.UpdatedAt : entry.ReceivedAt)) : null,
            Original = OffersOriginal(analysis, entry) ? OriginalFile.ForUpload(entry.FileName, analysis.Length, analysis.Encoding) : null,
            Versions = versions is null ? null : History(analysis, entry, versions, calendar),
        };
        return new ReportPageModel(analysis.Document, metadata);
    }

    /// <summary>
    /// The versions the page lists: every earlier one that went public (the day it did, its change note) and this one
    /// (its release day, the upload's change note, else a 修订说明 line of the document).
    /// </summary>
    private static List<PageVersion> History(ReportAnalysis analysis, LedgerEntry entry, IReadOnlyList<LedgerEntry> versions, SiteCalendar calendar)
    {
        var history = versions
            .Where(v => v.Version < entry.Version && v.PublishedVersion == v.Version && v.PublishedAt is not null)
            .OrderBy(v => v.Version)
            .Select(v => new PageVersion(v.Version, calendar.DateOf(v.PublishedAt!.Value), v.ChangeNote))
            .ToList();
        history.Add(new PageVersion(entry.Version, entry.ReleaseAt is { } at ? calendar.DateOf(at) : null,
            entry.ChangeNote ?? RevisionNote.FromDocument(analysis.Document)));
        return history;
    }

    /// <summary>
    /// The original is offered only when the page shows the report as uploaded: no personal data was found, or an
    /// operator approved publishing it as is. A masked page never links to the unmasked file; fails closed on anything else.
    /// </summary>
    public static bool OffersOriginal(ReportAnalysis analysis, LedgerEntry entry) =>
        entry.ArchiveBlob is { Length: > 0 }
        && (analysis.PersonalData.Count == 0 && entry.PersonalDataCount == 0 || entry.PrivacyDecision == "PublishAsIs");
}
