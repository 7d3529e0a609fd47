namespace Pipeline.Core.Statistics;

/// <summary>One cell of a template statistics table, addressed by the template's row and column keys.</summary>
/// <param name="Row">Template row key, e.g. "1" (本年新收), "3.3.1" (属于国家秘密), "regulations", "review" (<see cref="StatisticsTemplate"/>).</param>
/// <param name="Column">Template column key, e.g. "natural-person", "total", "issued", "upheld".</param>
/// <param name="Value">The number written, or null when the cell is blank (empty, "—", "/"): blank is never 0.</param>
/// <param name="Written">The cell as written ("0", "5,804.2", "—"), or null when empty.</param>
/// <param name="Source">Where it was read.</param>
public sealed record StatisticsCell(string Row, string Column, decimal? Value, string? Written, CellSource Source);
