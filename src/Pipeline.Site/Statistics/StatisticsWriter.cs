using Pipeline.Core.Statistics;
using Pipeline.Core.Model;
using Pipeline.Core.Validation;
using Pipeline.Site.Stores;

namespace Pipeline.Site.Statistics;

/// <summary>
/// Writes the statistics part of a publish run: each published report's open data files beside its page, then the
/// comparison pages of the years and agencies the run touched (incrementally, from <see cref="StatisticsState"/>).
/// Only what the publisher is given counts, so figures appear with their report's release and never before; a
/// withdrawal removes the report's files and its figures from every page and dataset in the same run.
/// </summary>
internal sealed class StatisticsWriter(ISiteStore site, ISiteStore state, SiteOptions options)
{
    private StatisticsState? _state;
    private bool _rebuild;
    private readonly SortedSet<int> _touchedYears = [];
    private readonly SortedSet<string> _touchedAgencies = new(StringComparer.Ordinal);
    private readonly List<Finding> _findings = [];

    /// <summary>Cross-year findings of the agencies this run touched (last year's 四 against this year's 二).</summary>
    public IReadOnlyList<Finding> Findings => _findings;

    /// <summary>The section's index page, so the link every page's navigation carries never dangles (written once, empty).</summary>
    public static async Task EnsureIndexAsync(SiteWriteSession run, ISiteStore site, SiteOptions options)
    {
        // The index links to the oversight view of every report: its index exists first.
        await TimelinessWriter.EnsureIndexAsync(run, site, options).ConfigureAwait(false);
        var path = SiteUrls.FileOf(StatisticsUrls.Index);
        if (await run.ReadAsync(site, path).ConfigureAwait(false) is null)
            await run.WriteAsync(site, path, StatisticsPages.Index(options, [], []), SiteHeaders.Html, SiteHeaders.ShortCache).ConfigureAwait(false);
    }

    /// <summary>
    /// Before the report pages are written (they link to these files): each report's statistics.json/csv, or their
    /// removal when a revision has no template table or the report is withdrawn.
    /// </summary>
    public async Task WriteReportFilesAsync(SiteWriteSession run, IEnumerable<(StatisticsRecord? Record, string Slug)> published, IEnumerable<string> withdrawnSlugs)
    {
        // Each report's files are independent of the others': written, then removed, a few at a time (a run of 1,000
        // reports used to wait on 2,000 round trips one after another), recorded in list order.
        var writes = new List<PendingWrite>();
        var deletes = new List<string>();
        foreach (var (record, slug) in published)
        {
            if (record is null)
            {
                deletes.AddRange(ReportFiles(slug));
                continue;
            }
            writes.Add(new PendingWrite(SiteUrls.FileOf(StatisticsUrls.ReportJson(slug)), StatisticsJson.Report(options, record), SiteHeaders.Json, SiteHeaders.ShortCache));
            writes.Add(new PendingWrite(SiteUrls.FileOf(StatisticsUrls.ReportCsv(slug)), StatisticsCsv.Report(record), CsvType, SiteHeaders.ShortCache));
        }
        foreach (var slug in withdrawnSlugs) deletes.AddRange(ReportFiles(slug));
        await run.WriteManyAsync(site, writes).ConfigureAwait(false);
        await run.DeleteManyAsync(site, deletes).ConfigureAwait(false);
    }

    private const string CsvType = "text/csv; charset=utf-8";

    private static string[] ReportFiles(string slug) =>
        [SiteUrls.FileOf(StatisticsUrls.ReportJson(slug)), SiteUrls.FileOf(StatisticsUrls.ReportCsv(slug))];

    /// <summary>Applies the run's reports and withdrawals to the statistics state (a fresh one for a rebuild).</summary>
    public async Task ApplyAsync(IEnumerable<(string IndexCode, StatisticsRecord? Record)> published, IEnumerable<string> withdrawnCodes, bool fresh, CancellationToken ct)
    {
        _rebuild |= fresh;
        _state ??= fresh ? StatisticsState.Fresh(state) : await StatisticsState.LoadAsync(state, ct).ConfigureAwait(false);
        foreach (var (code, record) in published)
        {
            Touch(await _state.RemoveAsync(code, ct).ConfigureAwait(false));
            // Only a report about a year takes part in the comparison; its own files are written whatever its title says.
            if (record is not { Year: { } year }) continue;
            await _state.AddAsync(record, year, ct).ConfigureAwait(false);
            Touch(new StatisticsHeadEntry(year, record.PublisherSlug));
        }
        foreach (var code in withdrawnCodes) Touch(await _state.RemoveAsync(code, ct).ConfigureAwait(false));
    }

    private void Touch(StatisticsHeadEntry? entry)
    {
        if (entry is null) return;
        _touchedYears.Add(entry.Year);
        _touchedAgencies.Add(entry.PublisherSlug);
    }

    /// <summary>
    /// After the report pages: the touched years' pages and datasets, the touched agencies' pages, the index, then the
    /// state. Pages of a year or agency left without figures are deleted last (the index no longer links to them).
    /// </summary>
    public async Task WritePagesAsync(SiteWriteSession run, CancellationToken ct)
    {
        // Nothing the run published or withdrew had figures: no page, dataset or state changes.
        // A rebuild writes the index and state whatever it found (files it does not write are deleted as stale).
        if (_state is null || (!_rebuild && _touchedYears.Count + _touchedAgencies.Count == 0)) return;
        var emptied = new List<string>();
        foreach (var year in _touchedYears)
        {
            var records = await _state.YearAsync(year, ct).ConfigureAwait(false);
            var paths = YearPaths(year).ToList();
            if (records.Count == 0)
            {
                emptied.AddRange(paths);
                continue;
            }
            await run.WriteAsync(site, SiteUrls.FileOf(StatisticsUrls.YearCsv(year)), StatisticsCsv.Dataset(records), CsvType, SiteHeaders.ShortCache).ConfigureAwait(false);
            await run.WriteAsync(site, SiteUrls.FileOf(StatisticsUrls.Year(year)), StatisticsPages.Year(options, year, records, null), SiteHeaders.Html, SiteHeaders.ShortCache).ConfigureAwait(false);
            foreach (var measure in StatisticsMeasure.All)
                await run.WriteAsync(site, SiteUrls.FileOf(StatisticsUrls.Year(year, measure.Key)), StatisticsPages.Year(options, year, records, measure), SiteHeaders.Html, SiteHeaders.ShortCache).ConfigureAwait(false);
        }
        foreach (var agency in _touchedAgencies)
        {
            var byYear = new List<(int Year, StatisticsRecord Record)>();
            var reportsByYear = new Dictionary<int, IReadOnlyList<StatisticsRecord>>();
            foreach (var year in _state.YearsOf(agency))
            {
                var reports = (await _state.YearAsync(year, ct).ConfigureAwait(false)).Where(r => r.PublisherSlug == agency).ToList();
                var latest = reports.MaxBy(r => r.Sequence);
                if (latest is null) continue;
                byYear.Add((year, latest));
                reportsByYear[year] = reports;
            }
            var path = SiteUrls.FileOf(StatisticsUrls.Agency(agency));
            if (byYear.Count == 0)
            {
                emptied.Add(path);
                continue;
            }
            var checks = new List<Finding>();
            for (var i = 1; i < byYear.Count; i++)
                if (byYear[i].Year == byYear[i - 1].Year + 1)
                    checks.AddRange(StatisticsChecks.CompareCarryOver(byYear[i - 1].Record.Statistics, byYear[i - 1].Year, byYear[i].Record.Statistics)
                        .Select(f => f with { Location = f.Location is null ? byYear[i].Record.IndexCode : byYear[i].Record.IndexCode + ", " + f.Location }));
            _findings.AddRange(checks);
            await run.WriteAsync(site, path, StatisticsPages.Agency(options, agency, byYear[^1].Record.Publisher, byYear, checks, reportsByYear), SiteHeaders.Html, SiteHeaders.ShortCache).ConfigureAwait(false);
        }
        {
            var years = new List<(int, int)>();
            foreach (var year in _state.Years()) years.Add((year, (await _state.YearAsync(year, ct).ConfigureAwait(false)).Count));
            var names = new List<(string Slug, string Name)>();
            foreach (var agency in _state.Agencies())
            {
                var year = _state.YearsOf(agency)[^1];
                names.Add((agency, (await _state.YearAsync(year, ct).ConfigureAwait(false)).Where(r => r.PublisherSlug == agency).MaxBy(r => r.Sequence)?.Publisher ?? ""));
            }
            names.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            await run.WriteAsync(site, SiteUrls.FileOf(StatisticsUrls.Index), StatisticsPages.Index(options, years, names), SiteHeaders.Html, SiteHeaders.ShortCache).ConfigureAwait(false);
        }
        foreach (var path in emptied) await run.DeleteAsync(site, path).ConfigureAwait(false);
        await _state.SaveAsync(run).ConfigureAwait(false);
    }

    private static IEnumerable<string> YearPaths(int year)
    {
        yield return SiteUrls.FileOf(StatisticsUrls.YearCsv(year));
        yield return SiteUrls.FileOf(StatisticsUrls.Year(year));
        foreach (var measure in StatisticsMeasure.All) yield return SiteUrls.FileOf(StatisticsUrls.Year(year, measure.Key));
    }
}
