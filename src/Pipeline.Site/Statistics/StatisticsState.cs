using System.Globalization;
using System.Text.Json;
using Pipeline.Site.Stores;

namespace Pipeline.Site.Statistics;

/// <summary>
/// The statistics section's private state, kept beside the catalog: a head (index code → report year and agency) and
/// one file of records per report year. A run loads the head and only the year files it touches, so publishing one
/// report rewrites one year file, not the whole dataset.
/// </summary>
internal sealed class StatisticsState
{
    private const string HeadPath = "statistics/head.json";

    private readonly ISiteStore _store;
    private readonly bool _fresh;
    private readonly Dictionary<int, List<StatisticsRecord>> _years = [];
    private readonly HashSet<int> _dirtyYears = [];

    private StatisticsState(ISiteStore store, SortedDictionary<string, StatisticsHeadEntry> head, bool fresh)
    {
        _store = store;
        Head = head;
        _fresh = fresh;
    }

    public SortedDictionary<string, StatisticsHeadEntry> Head { get; }

    public static StatisticsState Fresh(ISiteStore store) => new(store, new SortedDictionary<string, StatisticsHeadEntry>(StringComparer.Ordinal), fresh: true);

    public static async Task<StatisticsState> LoadAsync(ISiteStore store, CancellationToken ct)
    {
        var bytes = await store.ReadAsync(HeadPath, ct).ConfigureAwait(false);
        var head = bytes is null ? null : JsonSerializer.Deserialize(bytes, StatisticsJsonContext.State.SortedDictionaryStringStatisticsHeadEntry);
        return new StatisticsState(store, new SortedDictionary<string, StatisticsHeadEntry>(head ?? [], StringComparer.Ordinal), fresh: false);
    }

    private static string YearPath(int year) => "statistics/years/" + year.ToString("D4", CultureInfo.InvariantCulture) + ".json";

    /// <summary>The records of a report year, in publish order.</summary>
    public async Task<List<StatisticsRecord>> YearAsync(int year, CancellationToken ct)
    {
        if (_years.TryGetValue(year, out var records)) return records;
        var bytes = _fresh ? null : await _store.ReadAsync(YearPath(year), ct).ConfigureAwait(false);
        records = bytes is null ? [] : JsonSerializer.Deserialize(bytes, StatisticsJsonContext.State.ListStatisticsRecord) ?? [];
        _years[year] = records;
        return records;
    }

    /// <summary>Every year some published report is about, ascending.</summary>
    public IReadOnlyList<int> Years() => Head.Values.Select(e => e.Year).Distinct().Order().ToList();

    /// <summary>The years an agency has figures for, ascending.</summary>
    public IReadOnlyList<int> YearsOf(string publisherSlug) =>
        Head.Values.Where(e => e.PublisherSlug == publisherSlug).Select(e => e.Year).Distinct().Order().ToList();

    /// <summary>Every agency with figures.</summary>
    public IReadOnlyList<string> Agencies() => Head.Values.Select(e => e.PublisherSlug).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>Removes a report's figures; returns where they were (null when it had none).</summary>
    public async Task<StatisticsHeadEntry?> RemoveAsync(string indexCode, CancellationToken ct)
    {
        if (!Head.Remove(indexCode, out var was)) return null;
        var records = await YearAsync(was.Year, ct).ConfigureAwait(false);
        records.RemoveAll(r => r.IndexCode == indexCode);
        _dirtyYears.Add(was.Year);
        return was;
    }

    /// <summary>Adds (or replaces) a report's figures under its year.</summary>
    public async Task AddAsync(StatisticsRecord record, int year, CancellationToken ct)
    {
        var records = await YearAsync(year, ct).ConfigureAwait(false);
        records.RemoveAll(r => r.IndexCode == record.IndexCode);
        records.Add(record);
        records.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        Head[record.IndexCode] = new StatisticsHeadEntry(year, record.PublisherSlug);
        _dirtyYears.Add(year);
    }

    /// <summary>Writes the changed year files, then the head (last: a run that dies before it is redone from the old head).</summary>
    public async Task SaveAsync(SiteWriteSession run)
    {
        foreach (var year in _dirtyYears.Order())
        {
            if (_years[year].Count == 0)
                await run.DeleteAsync(_store, YearPath(year)).ConfigureAwait(false);
            else
                await run.WriteAsync(_store, YearPath(year), JsonSerializer.SerializeToUtf8Bytes(_years[year], StatisticsJsonContext.State.ListStatisticsRecord),
                    SiteHeaders.Json, SiteHeaders.NoStore).ConfigureAwait(false);
        }
        // No figures: no head, so a site without template reports keeps the state it always had.
        if (Head.Count == 0)
        {
            await run.DeleteAsync(_store, HeadPath).ConfigureAwait(false);
            return;
        }
        await run.WriteAsync(_store, HeadPath, JsonSerializer.SerializeToUtf8Bytes(Head, StatisticsJsonContext.State.SortedDictionaryStringStatisticsHeadEntry),
            SiteHeaders.Json, SiteHeaders.NoStore).ConfigureAwait(false);
    }
}
