
using Pipeline.Site.Catalog;
using Pipeline.Site.Stores;

namespace Pipeline.Site.Publishing;

/// <summary>A report to publish: its list entry, the page the render stage produced, and its text for search.</summary>
/// <param name="PageHtml">The complete report page (UTF-8), as <see cref="ReportPageRenderer"/> rendered it.</param>
/// <param name="SearchText">The report's plain text (title, headings, paragraphs, table cells) for full-text search.</param>
/// <param name="Original">The uploaded file, published beside the page when the page offers it (see <see cref="OriginalFile"/>).</param>
public sealed record PublishedReport(SiteEntry Entry, ReadOnlyMemory<byte> PageHtml, string SearchText, SiteFile? Original = null)
{
    /// <summary>The report's national-template tables (the parsed document's model), published as open data and compared; null when none.</summary>
    public Pipeline.Core.Statistics.ReportStatistics? Statistics { get; init; }

    /// <summary>The agency's kind in the registry (government or department), for an annual report's deadline; Unknown: its names decide.</summary>
    public Pipeline.Core.Timeliness.PublisherKind PublisherKind { get; init; }

    /// <summary>
    /// True when the caller knows that no publish run has written this report's files yet, so its folder is not listed
    /// for files a dead run left (one request per new report). The publish stage knows it for a report whose publish
    /// sequence the run itself took: a run stores the sequence in the ledger before it writes the site, so a run that
    /// died after writing left the sequence behind, and its report is listed as before. False: the folder of a report
    /// new to the catalog is listed.
    /// </summary>
    public bool FolderNeverWritten { get; init; }
}
