using Pipeline.Core.Cleaning;
using Pipeline.Core.Model;

namespace Pipeline.Core.Parsing;

/// <summary>
/// Rebuilds a table that a web scraper flattened into pipe-terminated lines. Two shapes occur: one cell per line
/// ("统计数 |") with a line of only pipes ("|||") ending each row, and whole rows on one line ("a | b | c |").
/// The first row is the header (spaced header words such as "统 计 指 标" are closed up); short rows are padded
/// with empty (null) cells, never zeros.
/// </summary>
public static class PipeTableReader
{
    /// <summary>True for lines that belong to a flattened table: ending with '|' or made only of pipes.</summary>
    public static bool IsTableLine(string text) =>
        text.Length > 0 && (text[^1] is '|' or '｜' || LineCleaner.IsPipeOnly(text));

    public static Table Read(IReadOnlyList<string> lines, string? caption, IReadOnlyList<string> notes)
    {
        var rows = new List<List<string?>>();
        var current = new List<string?>();
        foreach (var line in lines)
        {
            if (LineCleaner.IsPipeOnly(line))
            {
                Flush(rows, ref current);
                continue;
            }
            // Cells are the pieces between pipes; the text after the last pipe is empty for "cell |".
            var rest = line.AsSpan();
            var count = 0;
            for (var bar = rest.IndexOfAny('|', '｜'); bar >= 0 || rest.Trim(" \t\u3000").Length > 0; bar = rest.IndexOfAny('|', '｜'))
            {
                var cell = bar < 0 ? rest : rest[..bar];
                current.Add(CellValue(cell));
                count++;
                if (bar < 0) break;
                rest = rest[(bar + 1)..];
            }
            if (count > 1) Flush(rows, ref current);
        }
        Flush(rows, ref current);

        if (rows.Count == 0) return new Table(caption, [], [], notes);
        var width = rows.Max(r => r.Count);
        foreach (var row in rows)
            while (row.Count < width) row.Add(null);
        var header = rows[0].Select(c => c is null ? null : CjkSpacing.CloseUp(c)).ToList();
        return new Table(caption, [header], rows.Skip(1).ToList<IReadOnlyList<string?>>(), notes);
    }

    private static void Flush(List<List<string?>> rows, ref List<string?> current)
    {
        if (current.Count == 0) return;
        rows.Add(current);
        current = [];
    }

    private static string? CellValue(ReadOnlySpan<char> raw)
    {
        var value = raw.Trim(" \t\u3000");
        return value.IsEmpty ? null : value.ToString();
    }
}
