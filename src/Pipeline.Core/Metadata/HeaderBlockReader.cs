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
}

/// <summary>One "label: value" pair of the document's own metadata header, with the line it came from.</summary>
public sealed record HeaderField(HeaderKey Key, string Label, string Value, int LineNumber);

/// <summary>The header fields found at the top of a document and the remaining (body) lines.</summary>
public sealed record HeaderBlock(IReadOnlyList<HeaderField> Fields, IReadOnlyList<SourceLine> BodyLines)
{
    public HeaderField? First(HeaderKey key) => Fields.FirstOrDefault(f => f.Key == key);
}

/// <summary>
/// Reads the 政府信息公开 metadata header (索引号 / 发布机构 / 公开范围 / 生成日期 / 公开日期 ...) that portals print
/// above a report: "- 索引号:..." bullet lines, lines without bullets, several pairs on one line, spaced labels
/// (索 引 号), ASCII or full-width colons, "label | value |" pipe rows, and key/value rows of a .docx table.
/// The header may follow a few leading lines (usually the title); its lines are taken out of the body.
/// </summary>
public static partial class HeaderBlockReader
{
    /// <summary>How many non-header lines may precede the header (title, subtitle, author).</summary>
    private const int MaxLinesBeforeHeader = 4;

    private static readonly (string Label, HeaderKey Key)[] Labels =
    [
        ("索引号", HeaderKey.IndexCode), ("发布机构", HeaderKey.Publisher), ("发文机关", HeaderKey.Publisher),
        ("发布单位", HeaderKey.Publisher), ("发文单位", HeaderKey.Publisher), ("生成日期", HeaderKey.GeneratedDate),
        ("成文日期", HeaderKey.GeneratedDate), ("公开范围", HeaderKey.PublicScope), ("公开属性", HeaderKey.PublicAttribute),
        ("公开方式", HeaderKey.PublicMethod), ("公开形式", HeaderKey.PublicMethod), ("公开日期", HeaderKey.ReleaseDate),
        ("发布日期", HeaderKey.ReleaseDate), ("发文日期", HeaderKey.ReleaseDate), ("公开时间", HeaderKey.ReleaseDate),
        ("标题", HeaderKey.Title), ("名称", HeaderKey.Title), ("文件名称", HeaderKey.Title), ("文号", HeaderKey.DocumentNumber),
        ("发文字号", HeaderKey.DocumentNumber), ("主题分类", HeaderKey.Other), ("主题词", HeaderKey.Other), ("体裁分类", HeaderKey.Other),
        ("组配分类", HeaderKey.Other), ("服务对象", HeaderKey.Other), ("有效性", HeaderKey.Other), ("效力状况", HeaderKey.Other),
        ("信息分类", HeaderKey.Other), ("所属分类", HeaderKey.Other),
    ];

    public static HeaderBlock Read(IReadOnlyList<SourceLine> lines)
    {
        var fields = new List<HeaderField>();
        var headerLineIndexes = new HashSet<int>();
        var linesBefore = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var found = TryReadLine(lines[i], fields);
            if (found)
            {
                headerLineIndexes.Add(i);
                continue;
            }
            if (headerLineIndexes.Count > 0 || ++linesBefore > MaxLinesBeforeHeader) break;
        }
        if (headerLineIndexes.Count == 0) return new HeaderBlock([], lines);

        var body = new List<SourceLine>(lines.Count - headerLineIndexes.Count);
        for (var i = 0; i < lines.Count; i++)
            if (!headerLineIndexes.Contains(i)) body.Add(lines[i]);
        return new HeaderBlock(fields, body);
    }

    /// <summary>Maps a label as written (spaces removed) to its key, or null when it is not a header label.</summary>
    public static HeaderKey? KeyOf(string label)
    {
        var compact = RemoveSpaces(label);
        foreach (var (l, key) in Labels)
            if (compact == l) return key;
        return null;
    }

    private static bool TryReadLine(SourceLine line, List<HeaderField> fields)
    {
        if (line.Table is { } table)
        {
            var before = fields.Count;
            foreach (var row in table.Header.Concat(table.Rows))
                ReadCells(row.Select(c => c ?? "").ToArray(), line.Number, fields);
            return fields.Count > before;
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
            var value = text[valueStart..valueEnd].Trim(' ', '\t', '\u3000', ';', '；');
            fields.Add(new HeaderField(KeyOf(label) ?? HeaderKey.Other, label, value, line.Number));
        }
        return true;
    }

    /// <summary>Cells that alternate label and value ("索引号 | 0063…/2019-1 | 发布机构 | 北景港镇"), or "label: value" cells.</summary>
    private static void ReadCells(string[] cells, int lineNumber, List<HeaderField> fields)
    {
        for (var c = 0; c < cells.Length; c++)
        {
            var cell = cells[c].Trim();
            var match = LabelAtStart().Match(cell);
            if (!match.Success) continue;
            var label = RemoveSpaces(match.Groups["label"].Value);
            var inlineValue = cell[match.Length..].Trim(' ', ':', '：', '\u3000');
            string value;
            if (inlineValue.Length > 0) value = inlineValue;
            else if (c + 1 < cells.Length && !LabelAtStart().IsMatch(cells[c + 1].Trim())) value = cells[++c].Trim();
            else value = "";
            fields.Add(new HeaderField(KeyOf(label) ?? HeaderKey.Other, label, value, lineNumber));
        }
    }

    private static string StripBullet(string text)
    {
        var span = text.AsSpan().TrimStart(" \t\u3000");
        while (span.Length > 0 && span[0] is '-' or '•' or '·' or '●' or '*' or '▪')
            span = span[1..].TrimStart(" \t\u3000");
        return span.Length == text.Length ? text : span.ToString();
    }

    private static string RemoveSpaces(string s) =>
        s.AsSpan().IndexOfAny(" \t\u3000") < 0 ? s : string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    private const string LabelPattern =
        @"索\s*引\s*号|发\s*布\s*机\s*构|发\s*文\s*机\s*关|发\s*布\s*单\s*位|发\s*文\s*单\s*位|生\s*成\s*日\s*期|成\s*文\s*日\s*期|" +
        @"公\s*开\s*范\s*围|公\s*开\s*属\s*性|公\s*开\s*方\s*式|公\s*开\s*形\s*式|公\s*开\s*日\s*期|发\s*布\s*日\s*期|发\s*文\s*日\s*期|" +
        @"公\s*开\s*时\s*间|文\s*件\s*名\s*称|标\s*题|名\s*称|发\s*文\s*字\s*号|文\s*号|主\s*题\s*分\s*类|主\s*题\s*词|体\s*裁\s*分\s*类|" +
        @"组\s*配\s*分\s*类|服\s*务\s*对\s*象|有\s*效\s*性|效\s*力\s*状\s*况|信\s*息\s*分\s*类|所\s*属\s*分\s*类";

    // Labels must be followed by a colon on a text line; in a table cell the colon is optional.
    [GeneratedRegex(@"(?:^|(?<=[\s;；]))(?<label>" + LabelPattern + @")\s*[:：]\s*")]
    private static partial Regex LabelAnywhere();

    [GeneratedRegex(@"^(?<label>" + LabelPattern + @")\s*(?:[:：]|$)")]
    private static partial Regex LabelAtStart();
}
