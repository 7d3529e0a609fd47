namespace Pipeline.Core.Statistics;

/// <summary>What <see cref="StatisticsReader"/> has read so far in one report: cells per table, rows read twice.</summary>
internal sealed class StatisticsReadState(TemplateVersion version)
{
    private readonly Dictionary<StatisticsTableKind, Dictionary<string, List<StatisticsCell>>> rows = [];
    private readonly HashSet<(StatisticsTableKind, string)> conflicts = [];

    public TemplateVersion Version { get; } = version;

    /// <summary>A section 二 table has been seen (its 第二十条 sub-headings or column words): 规章, 行政许可… rows are its rows.</summary>
    public bool ProactiveSeen { get; set; }

    /// <summary>The section 三 group the last row opened or belonged to ("3.3" … "3.6"), for items whose label alone is ambiguous.</summary>
    public string? Group { get; set; }

    public Dictionary<StatisticsTableKind, int?> FirstLine { get; } = [];

    /// <summary>Places one row's values in the template's columns; a row whose values do not fit is left out.</summary>
    public void Add(StatisticsTableKind kind, TemplateRow row, List<(string? Written, CellSource Source)> values, int? line)
    {
        // A row without a single figure says nothing a text shape can place (its padding is not "blank as written").
        if (!values.Exists(v => v.Written is not null)) return;
        var columns = Columns(kind, row, values);
        if (columns is null || Fit(values, columns.Count) is not { } fitted) return;
        var cells = new List<StatisticsCell>(columns.Count);
        for (var i = 0; i < columns.Count; i++)
        {
            var (written, source) = fitted[i];
            if (written is not null && !Figures.IsFigure(written) && !Figures.IsBlankMark(written)) return;
            cells.Add(new StatisticsCell(row.Key, columns[i].Key, Figures.Parse(written), written, source));
        }
        if (!rows.TryGetValue(kind, out var table)) rows[kind] = table = [];
        if (table.TryGetValue(row.Key, out var earlier))
        {
            // The same row twice (a table repeated, a page's header row again) is fine when it says the same.
            if (!earlier.Select(c => c.Value).SequenceEqual(cells.Select(c => c.Value))) conflicts.Add((kind, row.Key));
            return;
        }
        table[row.Key] = cells;
        FirstLine.TryAdd(kind, line);
    }

    /// <summary>The cells of one table in template order, rows read twice with different figures left out.</summary>
    public List<StatisticsCell> Cells(StatisticsTableKind kind)
    {
        var cells = new List<StatisticsCell>();
        if (!rows.TryGetValue(kind, out var table)) return cells;
        foreach (var row in StatisticsTemplate.Rows(kind))
            if (table.TryGetValue(row.Key, out var rowCells) && !conflicts.Contains((kind, row.Key))) cells.AddRange(rowCells);
        return cells;
    }

    private IReadOnlyList<TemplateColumn>? Columns(StatisticsTableKind kind, TemplateRow row, List<(string? Written, CellSource Source)> values)
    {
        switch (kind)
        {
            case StatisticsTableKind.Applications: return StatisticsTemplate.ApplicationColumns;
            case StatisticsTableKind.ReviewAndLitigation: return StatisticsTemplate.ReviewColumns;
        }
        if (Version != TemplateVersion.Unknown) return StatisticsTemplate.ProactiveColumns(row.Key, Version);
        // Edition unknown: the one whose column count the figures fit.
        var count = values.Count(v => v.Written is not null);
        foreach (var candidate in new[] { TemplateVersion.Template2021, TemplateVersion.Template2019 })
            if (StatisticsTemplate.ProactiveColumns(row.Key, candidate) is { Count: > 0 } columns && columns.Count == count) return columns;
        return null;
    }

    /// <summary>
    /// The values laid on <paramref name="width"/> columns: padding after or before the figures (a text table padded to
    /// its widest row, a merged label cell) is dropped; when a text shape lost the empty cells, the figures alone must fit.
    /// </summary>
    private static List<(string? Written, CellSource Source)>? Fit(List<(string? Written, CellSource Source)> values, int width)
    {
        if (width == 0) return null;
        if (values.Count == width) return values;
        var list = new List<(string? Written, CellSource Source)>(values);
        while (list.Count > width && list[^1].Written is null) list.RemoveAt(list.Count - 1);
        while (list.Count > width && list[0].Written is null) list.RemoveAt(0);
        if (list.Count == width) return list;
        var written = values.Where(v => v.Written is not null).ToList();
        return written.Count == width ? written : null;
    }
}
