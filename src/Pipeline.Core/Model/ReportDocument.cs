namespace Pipeline.Core.Model;

/// <summary>
/// The syntax tree of one report, as the parser found it (Markdig-style: parser -> tree -> renderer).
/// Everything here is plain text taken from the input; renderers must escape it.
/// </summary>
public sealed record ReportDocument(
    string? Title,
    IReadOnlyList<Block> Blocks,
    Signature? Signature)
{
    public static ReportDocument Empty { get; } = new(null, [], null);

    /// <summary>
    /// The national template's statistics tables read from <see cref="Blocks"/> (null when the report has none, and in
    /// parsed documents stored before they were read), so rendering and publishing never read the text again.
    /// </summary>
    public Statistics.ReportStatistics? Statistics { get; init; }

    /// <summary>Headings in document order, the outline used for the table of contents.</summary>
    public IEnumerable<Heading> Headings => Blocks.OfType<Heading>();

    public IEnumerable<TableBlock> Tables => Blocks.OfType<TableBlock>();
}

public abstract record Block;

/// <summary>A heading. Level 1 = 一、, 2 = (一)/（一）, 3 = 1./1、, 4 = (1)... ; 第X章 = 1 with chapters shifting others down.</summary>
/// <param name="Number">The numbering as written (e.g. "一、", "（二）"), or null.</param>
/// <param name="Text">The heading text without its numbering.</param>
public sealed record Heading(int Level, string? Number, string Text) : Block
{
    /// <summary>Numbering and text as a reader sees it.</summary>
    public string DisplayText => Number is null ? Text : Number + Text;
}

public sealed record Paragraph(string Text) : Block;

/// <summary>A list of items (bulleted or numbered lines that are not headings).</summary>
public sealed record ListBlock(bool Ordered, IReadOnlyList<string> Items) : Block;

/// <summary>An attachment note such as "附件:北景港镇政府信息公开情况统计表".</summary>
public sealed record AttachmentNote(string Text) : Block;

public sealed record TableBlock(Table Table) : Block;

/// <summary>
/// A real table. Cells are null when empty in the source (empty stays empty, never "0").
/// </summary>
/// <param name="Caption">Title lines above the table (e.g. "北景港镇政府信息公开情况统计表 (2018年度)"), or null.</param>
/// <param name="Header">Header row(s).</param>
/// <param name="Rows">Body rows; every row has the same number of cells as the header.</param>
/// <param name="Notes">Lines that belong to the table but are not rows (填报单位, 单位负责人...).</param>
public sealed record Table(
    string? Caption,
    IReadOnlyList<IReadOnlyList<string?>> Header,
    IReadOnlyList<IReadOnlyList<string?>> Rows,
    IReadOnlyList<string> Notes)
{
    public int ColumnCount => Header.Count > 0 ? Header[0].Count : Rows.Count > 0 ? Rows[0].Count : 0;
}

/// <summary>The signature block at the end: issuing organisation(s) and date as written.</summary>
public sealed record Signature(IReadOnlyList<string> Organisations, string? DateText, DateOnly? Date);
