namespace Pipeline.Core.Decoding;

/// <summary>
/// How much text one report may carry into the analysis, whatever its file size: every later pass (cleaning, parsing,
/// rendering, search indexing) holds a few objects per line and per character, so these bound the memory one upload
/// can cost a host (measured in docs/reliability.md). Generous for real reports: the longest sample is 44 KB and
/// 17,000 characters; annual reports run to tens of thousands of characters and a few thousand lines.
/// A file over a limit is rejected with the finding <see cref="TooMuchContentCode"/>, naming the limit.
/// </summary>
/// <param name="MaxCharacters">Characters of decoded text (table cells included).</param>
/// <param name="MaxLines">Lines of decoded text (a table from a .docx counts as its rows).</param>
/// <param name="MaxTableCells">Cells of all .docx tables together.</param>
public sealed record ContentLimits(int MaxCharacters = 2_000_000, int MaxLines = 50_000, int MaxTableCells = 100_000)
{
    public const string TooMuchContentCode = "too-much-content";

    public static ContentLimits Default { get; } = new();

    /// <summary>The first limit the decoded lines exceed, or null.</summary>
    public DecodeFailure? Check(IReadOnlyList<SourceLine> lines)
    {
        long characters = 0;
        long rows = 0;
        long cells = 0;
        foreach (var line in lines)
        {
            characters += line.Text.Length;
            if (line.Table is { } table)
            {
                rows += table.Rows.Count;
                foreach (var row in table.Rows) cells += row.Count;
            }
            else
            {
                rows++;
            }
        }
        if (characters > MaxCharacters) return new DecodeFailure(TooMuchContentCode, Detail: $"{characters:N0} characters (limit {MaxCharacters:N0})");
        if (rows > MaxLines) return new DecodeFailure(TooMuchContentCode, Detail: $"{rows:N0} lines (limit {MaxLines:N0})");
        if (cells > MaxTableCells) return new DecodeFailure(TooMuchContentCode, Detail: $"{cells:N0} table cells (limit {MaxTableCells:N0})");
        return null;
    }
}
