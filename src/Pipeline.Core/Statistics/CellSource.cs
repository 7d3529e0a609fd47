namespace Pipeline.Core.Statistics;

/// <summary>
/// Where a statistics cell was read: the table's line in the cleaned text and its row and column there. A value (a
/// struct): a report has a few hundred cells, each with its source, and the reader builds one for every figure it sees.
/// </summary>
/// <param name="Line">Line of the table (its first line) in the report, when known.</param>
/// <param name="TableRow">Row index in the table as read, header rows first (0-based).</param>
/// <param name="TableColumn">Column index in that row (0-based).</param>
public readonly record struct CellSource(int? Line, int TableRow, int TableColumn)
{
    public string Describe() => $"{(Line is { } l ? $"line {l}, " : "")}table row {TableRow + 1}, column {TableColumn + 1}";
}
