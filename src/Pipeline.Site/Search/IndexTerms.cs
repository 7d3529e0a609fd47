using System.Globalization;
using Pipeline.Site.Catalog;

namespace Pipeline.Site.Search;

/// <summary>A document's distinct index term hashes (arrays: a rebuild holds these for every report until the end).</summary>
internal sealed record IndexTerms(uint[] Body, uint[] Title)
{
    /// <summary>
    /// Distinct terms one report may add to the index. A real report has a few thousand; the cap bounds what one
    /// upload can add to the search files (about 7 bytes a term: ≤ 1.4 MB, spread over the segment's shards).
    /// </summary>
    public const int MaxPerReport = 200_000;

    /// <summary>
    /// Title terms are the entry's title; body terms cover the fields people search by (title, publisher, index code,
    /// list year) plus the report's search text (<see cref="ReportSearchText"/>), up to <see cref="MaxPerReport"/>
    /// terms in text order.
    /// </summary>
    public static IndexTerms Of(SiteEntry entry, string searchText, SiteCalendar calendar)
    {
        // Sized for the usual report (a few thousand distinct terms in a text of ~10,000 characters) so the set is not
        // regrown several times per report.
        var body = new TermHashSet(Math.Min(searchText.Length / 3, 8_192));
        var title = new TermHashSet();
        SearchTokenizer.AddIndexTermHashes(entry.Title, title);
        body.UnionWith(title);
        SearchTokenizer.AddIndexTermHashes(entry.Publisher, body);
        SearchTokenizer.AddIndexTermHashes(entry.IndexCode, body);
        SearchTokenizer.AddIndexTermHashes(entry.ListYear(calendar).ToString(CultureInfo.InvariantCulture), body);
        SearchTokenizer.AddIndexTermHashes(searchText, body, MaxPerReport);
        return new IndexTerms(body.ToArray(), title.ToArray());
    }
}
