using System.Text.RegularExpressions;
using Pipeline.Core.Decoding;

namespace Pipeline.Core.Metadata;

/// <summary>The index-metadata field a header label stands for.</summary>
public enum HeaderKey
{
    IndexCode,
    Publisher,
    GeneratedDate,
    PublicScope,
    PublicAttribute,
    PublicMethod,
    ReleaseDate,
    Title,
    DocumentNumber,
    Other,
    /// <summary>来源 / 信息来源: the office a CMS names as the source of the page, a weaker sign of the publisher.</summary>
    Source,
    /// <summary>Archiver and CMS bookkeeping (栏目, 原文链接, 本地目录, 浏览次数…): read so it never reaches the page.</summary>
    PageInfo,
}

/// <summary>One "label: value" pair of the document's own metadata header, with the line it came from.</summary>
public sealed record HeaderField(HeaderKey Key, string Label, string Value, int LineNumber);

/// <summary>The header fields found near the top of a document and the remaining (body) lines.</summary>
public sealed record HeaderBlock(IReadOnlyList<HeaderField> Fields, IReadOnlyList<SourceLine> BodyLines)
{
    public HeaderField? First(HeaderKey key) => Fields.FirstOrDefault(f => f.Key == key);
}

/// <summary>
/// Reads the 政府信息公开 metadata header (索引号 / 发布机构 / 公开范围 / 生成日期 / 公开日期 ...) that portals print
/// around a report, and the header an archiver or CMS export writes above it (标题: / 发布时间: / 文号: / 栏目: /
/// 原文链接:). Accepted: "- 索引号:..." bullet lines, lines without bullets, several pairs on one line, spaced labels
/// (索 引 号), ASCII or full-width colons, a value on the line after its label, "label | value |" pipe rows and
/// key/value rows of a .docx table.
/// The header is a cluster of label lines anywhere in the first part of the document: stray lines before it (a title,
/// a breadcrumb) or inside it (a subtitle, a chrome line) do not hide it. Its label lines are taken out of the body;
/// stray lines stay for the cleaner and parser to judge.
/// </summary>
public static partial class HeaderBlockReader
{
    /// <summary>A single label line counts as a header only this close to the top (a title and subtitle above it).</summary>
    private const int MaxLinesBeforeLoneLabel = 4;

    /// <summary>How far down the header is looked for: CMS pages put a title, breadcrumbs and toolbars above it.</summary>
    private const int SearchWindow = 40;

    /// <summary>Non-label lines tolerated between two label lines of one header.</summary>
    private const int MaxStrayLinesInside = 3;

    /// <summary>A value written on the next line after a bare label is short.</summary>
    private const int MaxNextLineValueLength = 60;

    private static readonly (string Label, HeaderKey Key)[] Labels =
    [
        ("索引号", HeaderKey.IndexCode), ("发布机构", HeaderKey.Publisher), ("发文机关", HeaderKey.Publisher),
        ("发布单位", HeaderKey.Publisher), ("发文单位", HeaderKey.Publisher), ("公开主体", HeaderKey.Publisher), ("预算主管部门", HeaderKey.Publisher), ("预算单位", HeaderKey.Publisher), ("生成日期", HeaderKey.GeneratedDate),
        ("成文日期", HeaderKey.GeneratedDate), ("公开范围", HeaderKey.PublicScope), ("公开属性", HeaderKey.PublicAttribute),
        ("公开方式", HeaderKey.PublicMethod), ("公开形式", HeaderKey.PublicMethod), ("公开日期", HeaderKey.ReleaseDate),
        ("发布日期", HeaderKey.ReleaseDate), ("发文日期", HeaderKey.ReleaseDate), ("公开时间", HeaderKey.ReleaseDate), ("发布时间", HeaderKey.ReleaseDate),
        ("标题", HeaderKey.Title), ("名称", HeaderKey.Title), ("文件名称", HeaderKey.Title), ("信息名称", HeaderKey.Title), ("文号", HeaderKey.DocumentNumber),
        ("发文字号", HeaderKey.DocumentNumber), ("主题分类", HeaderKey.Other), ("主题词", HeaderKey.Other), ("体裁分类", HeaderKey.Other),
        ("组配分类", HeaderKey.Other), ("服务对象", HeaderKey.Other), ("有效性", HeaderKey.Other), ("效力状况", HeaderKey.Other),
        ("信息分类", HeaderKey.Other), ("所属分类", HeaderKey.Other), ("关键词", HeaderKey.Other), ("关键字", HeaderKey.Other),
        ("来源", HeaderKey.Source), ("信息来源", HeaderKey.Source), ("文章来源", HeaderKey.Source),
        ("栏目", HeaderKey.PageInfo), ("所属栏目", HeaderKey.PageInfo), ("原文链接", HeaderKey.PageInfo), ("原文地址", HeaderKey.PageInfo),
        ("原始链接", HeaderKey.PageInfo), ("页面地址", HeaderKey.PageInfo), ("网址", HeaderKey.PageInfo), ("链接", HeaderKey.PageInfo),
        ("本地目录", HeaderKey.PageInfo), ("本地路径", HeaderKey.PageInfo), ("保存路径", HeaderKey.PageInfo), ("采集时间", HeaderKey.PageInfo),
        ("抓取时间", HeaderKey.PageInfo), ("详情链接", HeaderKey.PageInfo), ("浏览次数", HeaderKey.PageInfo), ("点击数", HeaderKey.PageInfo), ("点击次数", HeaderKey.PageInfo),
        ("阅读次数", HeaderKey.PageInfo), ("访问量", HeaderKey.PageInfo), ("作者", HeaderKey.PageInfo), ("编辑", HeaderKey.PageInfo),
        ("责任编辑", HeaderKey.PageInfo), ("url", HeaderKey.PageInfo), ("source", HeaderKey.PageInfo), ("title", HeaderKey.Title),
    ];

    public static HeaderBlock Read(IReadOnlyList<SourceLine> lines)
    {
        var window = Math.Min(lines.Count, SearchWindow);
        var perLine = new List<HeaderField>?[window];
        var consumedNext = new bool[window + 1];
        for (var i = 0; i < window; i++)
        {
            if (consumedNext[i]) continue;
            var fields = new List<HeaderField>();
            if (!TryReadLine(lines[i], fields)) continue;
            // "公开范围：" alone, its value on the next line.
            if (fields[^1].Value.Length == 0 && i + 1 < lines.Count && IsNextLineValue(lines[i + 1]))
            {
                fields[^1] = fields[^1] with { Value = lines[i + 1].Text.Trim() };
                consumedNext[i + 1] = true;
            }
            perLine[i] = fields;
        }

        var (start, end) = BestCluster(perLine);
        if (start < 0)
        {
            var bookkeeping = new List<HeaderField>();
            var rest = lines.Select(l => WithoutBookkeepingRows(l, bookkeeping)).ToList();
            return bookkeeping.Count == 0 ? new HeaderBlock([], lines) : new HeaderBlock(bookkeeping, rest);
        }

        var taken = new HashSet<int>();
        var headerFields = new List<HeaderField>();
        for (var i = start; i <= end; i++)
        {
            if (perLine[i] is not { } fields) continue;
            headerFields.AddRange(fields);
            taken.Add(i);
            if (consumedNext[i + 1]) taken.Add(i + 1);
        }
        var body = new List<SourceLine>(lines.Count - taken.Count);
        for (var i = 0; i < lines.Count; i++)
            if (!taken.Contains(i)) body.Add(WithoutBookkeepingRows(lines[i], headerFields));
        return new HeaderBlock(headerFields, body);
    }

    /// <summary>
    /// The run of label lines with the most fields, gaps of at most <see cref="MaxStrayLinesInside"/> lines allowed.
    /// A run of one label line is a header only near the top: one "名称：" deep in a body is a sentence, not a header.
    /// </summary>
    private static (int Start, int End) BestCluster(List<HeaderField>?[] perLine)
    {
        (int Start, int End, int Lines) best = (-1, -1, 0);
        var i = 0;
        while (i < perLine.Length)
        {
            if (perLine[i] is null) { i++; continue; }
            int start = i, end = i, labelLines = 1;
            for (var j = i + 1; j < perLine.Length && j - end <= MaxStrayLinesInside + 1; j++)
            {
                if (perLine[j] is null) continue;
                end = j;
                labelLines++;
            }
            var qualifies = labelLines >= 2 || start <= MaxLinesBeforeLoneLabel;
            if (qualifies && labelLines > best.Lines) best = (start, end, labelLines);
            i = end + 1;
        }
        return (best.Start, best.End);
    }

    /// <summary>
    /// A crawler's record table ("抓取时间 | 2025-…", "详情链接 | https://…") carries its bookkeeping as rows: they are
    /// read as page information and taken out of the table, whose other rows are the document's content.
    /// </summary>
    private static SourceLine WithoutBookkeepingRows(SourceLine line, List<HeaderField> fields)
    {
        if (line.Table is not { } table || table.ColumnCount != 2) return line;
        var kept = new List<IReadOnlyList<string?>>();
        foreach (var row in table.Rows)
        {
            if (row[0] is { } key && KeyOf(key.TrimEnd(':', '：')) is HeaderKey.PageInfo)
                fields.Add(new HeaderField(HeaderKey.PageInfo, row[0]!, row[1] ?? "", line.Number));
            else
                kept.Add(row);
        }
        return kept.Count == table.Rows.Count ? line : line with { Table = table with { Rows = kept } };
    }

    private static bool IsNextLineValue(SourceLine next) =>
        !next.IsTable && next.Text.Trim().Length is > 0 and <= MaxNextLineValueLength && !LabelAnywhere().IsMatch(StripBullet(next.Text));

    /// <summary>Maps a label as written (spaces removed) to its key, or null when it is not a header label.</summary>
    public static HeaderKey? KeyOf(string label)
    {
        var compact = RemoveSpaces(label);
        foreach (var (l, key) in Labels)
            if (string.Equals(compact, l, StringComparison.OrdinalIgnoreCase)) return key;
        return null;
    }

    private static bool TryReadLine(SourceLine line, List<HeaderField> fields)
    {
        if (line.Table is { } table)
        {
            // A key/value table is a header when most of its rows are header fields; a record table that happens
            // to have one 名称 row is content.
            var found = new List<HeaderField>();
            foreach (var row in table.Header) ReadCells(row, line.Number, found);
            foreach (var row in table.Rows) ReadCells(row, line.Number, found);
            if (found.Count == 0 || found.Count * 2 < table.Header.Count + table.Rows.Count) return false;
            fields.AddRange(found);
            return true;
        }

        if (line.Text.Length > 300) return false; // a header line is short; a long line is body text
        var text = StripBullet(line.Text);
        if (text.Length == 0) return false;
        if (text.Contains('|') || text.Contains('｜'))
        {
            var before = fields.Count;
            var cells = text.Split(['|', '｜'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length == 0 || LabelAtStart().Match(cells[0]) is not { Success: true }) return false;
            ReadCells(cells, line.Number, fields);
            return fields.Count > before;
        }

        var matches = LabelAnywhere().Matches(text);
        if (matches.Count == 0 || matches[0].Index != 0) return false;
        for (var m = 0; m < matches.Count; m++)
        {
            var valueStart = matches[m].Index + matches[m].Length;
            var valueEnd = m + 1 < matches.Count ? matches[m + 1].Index : text.Length;
            var label = RemoveSpaces(matches[m].Groups["label"].Value);
            var value = text[valueStart..valueEnd].Trim(' ', '\t', '\u3000', ';', '；', '【', '】', '[', ']');
            fields.Add(new HeaderField(KeyOf(label) ?? HeaderKey.Other, label, value, line.Number));
        }
        return true;
    }

    /// <summary>Cells that alternate label and value ("索引号 | 0063…/2019-1 | 发布机构 | 北景港镇"), or "label: value" cells.</summary>
    /// <param name="cells">A row's cells; an empty (null) table cell reads as "".</param>
    private static void ReadCells(IReadOnlyList<string?> cells, int lineNumber, List<HeaderField> fields)
    {
        for (var c = 0; c < cells.Count; c++)
        {
            var cell = (cells[c] ?? "").Trim();
            var match = LabelAtStart().Match(cell);
            if (!match.Success) continue;
            var label = RemoveSpaces(match.Groups["label"].Value);
            var inlineValue = cell[match.Length..].Trim(' ', ':', '：', '\u3000');
            string value;
            if (inlineValue.Length > 0) value = inlineValue;
            else if (c + 1 < cells.Count && !LabelAtStart().IsMatch((cells[c + 1] ?? "").Trim())) value = (cells[++c] ?? "").Trim();
            else value = "";
            fields.Add(new HeaderField(KeyOf(label) ?? HeaderKey.Other, label, value, lineNumber));
        }
    }

    private static string StripBullet(string text)
    {
        var span = text.AsSpan().TrimStart(" \t\u3000");
        while (span.Length > 0 && span[0] is '-' or '•' or '·' or '●' or '*' or '▪' or '【' or '[')
            span = span[1..].TrimStart(" \t\u3000");
        return span.Length == text.Length ? text : span.ToString();
    }

    private static string RemoveSpaces(string s) =>
        s.AsSpan().IndexOfAny(" \t\u3000") < 0 ? s : string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    private const string LabelPattern =
        @"索\s*引\s*号|预\s*算\s*主\s*管\s*部\s*门|预\s*算\s*单\s*位|发\s*布\s*机\s*构|发\s*文\s*机\s*关|发\s*布\s*单\s*位|发\s*文\s*单\s*位|公\s*开\s*主\s*体|生\s*成\s*日\s*期|成\s*文\s*日\s*期|" +
        @"公\s*开\s*范\s*围|公\s*开\s*属\s*性|公\s*开\s*方\s*式|公\s*开\s*形\s*式|公\s*开\s*日\s*期|发\s*布\s*日\s*期|发\s*文\s*日\s*期|" +
        @"公\s*开\s*时\s*间|发\s*布\s*时\s*间|文\s*件\s*名\s*称|信\s*息\s*名\s*称|标\s*题|名\s*称|发\s*文\s*字\s*号|文\s*号|主\s*题\s*分\s*类|主\s*题\s*词|体\s*裁\s*分\s*类|" +
        @"组\s*配\s*分\s*类|服\s*务\s*对\s*象|有\s*效\s*性|效\s*力\s*状\s*况|信\s*息\s*分\s*类|所\s*属\s*分\s*类|关\s*键\s*[词字]|" +
        @"信\s*息\s*来\s*源|文\s*章\s*来\s*源|来\s*源|所\s*属\s*栏\s*目|栏\s*目|原\s*文\s*链\s*接|原\s*文\s*地\s*址|原\s*始\s*链\s*接|页\s*面\s*地\s*址|网\s*址|链\s*接|" +
        @"本\s*地\s*目\s*录|本\s*地\s*路\s*径|保\s*存\s*路\s*径|采\s*集\s*时\s*间|抓\s*取\s*时\s*间|浏\s*览\s*次\s*数|点\s*击\s*次\s*数|点\s*击\s*数|阅\s*读\s*次\s*数|访\s*问\s*量|" +
        @"责\s*任\s*编\s*辑|作\s*者|编\s*辑|(?i:url|source|title)";

    // Labels must be followed by a colon on a text line; in a table cell the colon is optional.
    [GeneratedRegex(@"(?:^|(?<=[\s;；】\]]))(?<label>" + LabelPattern + @")\s*[:：]\s*")]
    private static partial Regex LabelAnywhere();

    [GeneratedRegex(@"^(?<label>" + LabelPattern + @")\s*(?:[:：]|$)")]
    private static partial Regex LabelAtStart();
}
