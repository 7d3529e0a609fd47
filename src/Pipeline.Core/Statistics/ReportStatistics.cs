namespace Pipeline.Core.Statistics;

/// <summary>
/// The national template's statistics tables of one report, read once at analysis and kept with the parsed document,
/// so rendering, publishing and open data never read the text again. Only the template tables are here; free-form
/// tables of older reports stay tables of the document.
/// </summary>
/// <param name="Version">The template edition the report follows.</param>
/// <param name="Tables">The template tables found, at most one per kind, in template order.</param>
public sealed record ReportStatistics(TemplateVersion Version, IReadOnlyList<StatisticsTable> Tables)
{
    public StatisticsTable? Table(StatisticsTableKind kind) => Tables.FirstOrDefault(t => t.Kind == kind);
}
