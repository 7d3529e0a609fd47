namespace Pipeline.Core.Statistics;

/// <summary>One template statistics table as read from a report: the cells found, keyed by template row and column.</summary>
/// <param name="Kind">Which of the three tables.</param>
/// <param name="Version">The template edition it follows.</param>
/// <param name="Line">Line of the (first) table it was read from.</param>
/// <param name="Cells">Cells in template order; a row or column the report left out has no cell.</param>
public sealed record StatisticsTable(StatisticsTableKind Kind, TemplateVersion Version, int? Line, IReadOnlyList<StatisticsCell> Cells)
{
    /// <summary>The cell at a template row and column, or null when the report has none there.</summary>
    public StatisticsCell? Cell(string row, string column)
    {
        foreach (var cell in Cells)
            if (cell.Row == row && cell.Column == column) return cell;
        return null;
    }

    /// <summary>The number at a template row and column; null when absent or blank.</summary>
    public decimal? Value(string row, string column) => Cell(row, column)?.Value;

    public bool HasRow(string row) => Cells.Any(c => c.Row == row);
}
