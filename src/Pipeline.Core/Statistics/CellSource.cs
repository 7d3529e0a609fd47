namespace Pipeline.Core.Statistics;

/// <summary>Where a statistics cell was read: the table's line in the cleaned text and its row and column there.</summary>
/// <param name="Line">Line of the table (its first line) in the report, when known.</param>
/// <param name="TableRow">Row index in the table as read, header rows first (0-based).</param>
/// <param name="TableColumn">Column index in that row (0-based).</param>
public sealed record CellSource(int? Line, int TableRow, int TableColumn)
{
    public string Describe() => $"{(Line is { } l ? $"line {l}, " : "")}table row {TableRow + 1}, column {TableColumn + 1}";
}
