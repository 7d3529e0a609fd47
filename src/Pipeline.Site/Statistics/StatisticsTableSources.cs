using Pipeline.Core.Model;
using Pipeline.Core.Statistics;

namespace Pipeline.Site.Statistics;

/// <summary>
/// Which table blocks of a document the template tables were read from, so a page shows each template table once, in
/// its structured form, where the report had it. A block is found by its cells: every figure the model took from one
/// source table (cells sharing <see cref="CellSource.Line"/>) sits at its recorded row and column of the block. A kind
/// replaces its blocks only when each of them is mostly template figures; otherwise the report's own tables stay (a
/// free-form table is never hidden) and the figures remain in the open data files.
/// </summary>
public sealed class StatisticsTableSources
{
    private readonly Dictionary<int, List<StatisticsTable>> _renderAt = [];
    private readonly HashSet<int> _replaced = [];

    private StatisticsTableSources() { }

    public static StatisticsTableSources None { get; } = new();

    public static StatisticsTableSources Find(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Statistics is not { Tables.Count: > 0 } statistics) return None;
        var blocks = document.Blocks;
        var sources = new StatisticsTableSources();
        var claimed = new HashSet<int>();
        foreach (var table in statistics.Tables)
        {
            var indexes = new List<int>();
            var complete = true;
            foreach (var group in table.Cells.Where(c => c.Written is not null).GroupBy(c => c.Source.Line))
            {
                var found = -1;
                for (var i = 0; i < blocks.Count && found < 0; i++)
                    if (blocks[i] is TableBlock block && !indexes.Contains(i) && Holds(block.Table, group)) found = i;
                if (found < 0 || !MostlyTemplate(((TableBlock)blocks[found]).Table, statistics)) { complete = false; break; }
                indexes.Add(found);
            }
            if (!complete || indexes.Count == 0) continue;
            indexes.Sort();
            if (!sources._renderAt.TryGetValue(indexes[0], out var list)) sources._renderAt[indexes[0]] = list = [];
            list.Add(table);
            foreach (var i in indexes) claimed.Add(i);
        }
        foreach (var i in claimed) sources._replaced.Add(i);
        return sources;
    }

    /// <summary>True when block <paramref name="blockIndex"/> is shown as (part of) a structured template table instead.</summary>
    public bool Replaces(int blockIndex) => _replaced.Contains(blockIndex);

    /// <summary>The template tables to render in place of block <paramref name="blockIndex"/> (empty for the others).</summary>
    public IReadOnlyList<StatisticsTable> RenderedAt(int blockIndex) => _renderAt.TryGetValue(blockIndex, out var list) ? list : [];

    private static bool Holds(Table table, IEnumerable<StatisticsCell> cells)
    {
        var rows = table.Header.Count + table.Rows.Count;
        foreach (var cell in cells)
        {
            var r = cell.Source.TableRow;
            if (r < 0 || r >= rows) return false;
            var row = r < table.Header.Count ? table.Header[r] : table.Rows[r - table.Header.Count];
            if (cell.Source.TableColumn < 0 || cell.Source.TableColumn >= row.Count) return false;
            if (!string.Equals(row[cell.Source.TableColumn]?.Trim(), cell.Written, StringComparison.Ordinal)) return false;
        }
        return true;
    }

    /// <summary>At least half of the block's figure cells are cells of the model's tables.</summary>
    private static bool MostlyTemplate(Table table, ReportStatistics statistics)
    {
        var figures = 0;
        var positions = new HashSet<(int, int)>();
        var rows = table.Header.Concat(table.Rows).ToList();
        for (var r = 0; r < rows.Count; r++)
            for (var c = 0; c < rows[r].Count; c++)
                if (Figures.IsFigure(rows[r][c]?.Trim())) { figures++; positions.Add((r, c)); }
        if (figures == 0) return true;
        var template = statistics.Tables.SelectMany(t => t.Cells).Count(cell => cell.Written is not null && positions.Contains((cell.Source.TableRow, cell.Source.TableColumn))
            && cell.Source.TableRow < rows.Count && cell.Source.TableColumn < rows[cell.Source.TableRow].Count
            && rows[cell.Source.TableRow][cell.Source.TableColumn]?.Trim() == cell.Written);
        return template * 2 >= figures;
    }
}
