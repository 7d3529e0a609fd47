using System.Text.Json.Serialization;
using Pipeline.Site.Statistics;

namespace Pipeline.Site.Catalog;

/// <summary>
/// What a publish run needs of one list (a year's or a publisher's) without reading every catalog row, kept in a
/// small file of its own: the live member count, the members of its last page (all a run that appends rewrites),
/// the timeliness counts of its live reports by the other list dimension (a year's by publisher slug, a publisher's
/// by year) and, for a publisher, the reports its oversight page lists. Equal to what <see cref="FromRows"/> computes
/// from all rows, whichever way it was reached (an incremental run and a rebuild write the same bytes).
/// </summary>
/// <param name="Count">Live (not withdrawn) members.</param>
/// <param name="Offset">Member index of <paramref name="Tail"/>[0]: the first member of the last page.</param>
/// <param name="Tail">The live member ranks from <paramref name="Offset"/> on.</param>
/// <param name="Timeliness">Counts of the live members, by publisher slug (a year) or by year "yyyy" (a publisher).</param>
/// <param name="Attention">A publisher's live reports that need attention (<see cref="TimelinessView.NeedsAttention"/>).</param>
/// <param name="Listed">The newest of them, newest first, at most <see cref="TimelinessPages.ListedReports"/>.</param>
internal sealed record CatalogListState(
    [property: JsonPropertyName("n")] int Count,
    [property: JsonPropertyName("o")] int Offset,
    [property: JsonPropertyName("r")] List<int> Tail,
    [property: JsonPropertyName("t")] SortedDictionary<string, TimelinessCounts> Timeliness,
    [property: JsonPropertyName("a")] int Attention,
    [property: JsonPropertyName("l")] List<CatalogListedRank> Listed)
{
    public static CatalogListState Empty => new(0, 0, [], new SortedDictionary<string, TimelinessCounts>(StringComparer.Ordinal), 0, []);

    /// <summary>The state of <paramref name="key"/> over all rows (<paramref name="members"/>: its live ranks, in rank order).</summary>
    public static CatalogListState FromRows(IReadOnlyList<CatalogRow> rows, ListKey key, List<int> members, int pageSize) =>
        Empty.Append(rows, key, members, pageSize);

    /// <summary>This state with <paramref name="ranks"/> (live, in rank order, all above every member) appended.</summary>
    public CatalogListState Append(IReadOnlyList<CatalogRow> rows, ListKey key, IReadOnlyList<int> ranks, int pageSize)
    {
        var count = Count + ranks.Count;
        var offset = count == 0 ? 0 : (count - 1) / pageSize * pageSize;
        var tail = Tail.Concat(ranks).Skip(offset - Offset).ToList();
        var timeliness = new SortedDictionary<string, TimelinessCounts>(Timeliness, StringComparer.Ordinal);
        var attention = Attention;
        var listed = new List<CatalogListedRank>();
        foreach (var rank in ranks)
        {
            var row = rows[rank];
            var other = key.IsYear ? row.PublisherSlug : ListKey.OfYear(row.Year).Key;
            var one = TimelinessCounts.Of([row]);
            timeliness[other] = timeliness.TryGetValue(other, out var counts) ? counts.Plus(one) : one;
            if (key.IsYear || !TimelinessView.NeedsAttention(row.Timeliness)) continue;
            attention++;
            listed.Add(new CatalogListedRank(rank, row.Timeliness));
        }
        listed.Reverse();
        listed.AddRange(Listed);
        if (listed.Count > TimelinessPages.ListedReports) listed.RemoveRange(TimelinessPages.ListedReports, listed.Count - TimelinessPages.ListedReports);
        return new CatalogListState(count, offset, tail, timeliness, attention, listed);
    }

    /// <summary>The year's timeliness: the sum over its publishers.</summary>
    public TimelinessCounts Total() => Timeliness.Values.Aggregate(TimelinessCounts.Zero, (sum, counts) => sum.Plus(counts));
}
