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
    public static ReportPageModel Build(ReportAnalysis analysis, LedgerEntry entry, SiteOptions site, string? registeredPublisher)
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
}
