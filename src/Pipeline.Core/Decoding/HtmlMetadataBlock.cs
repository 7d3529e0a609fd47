using AngleSharp.Dom;
using Pipeline.Core.Metadata;

namespace Pipeline.Core.Decoding;

/// <summary>
/// The 政府信息公开 metadata block that disclosure portals print above a report (索引号, 发布机构, 生成日期, 公开范围…),
/// as a table of label and value cells, a definition list, or label/value spans. It is found as the smallest element
/// holding 索引号 and at least one other label, read into "label：value" lines that <see cref="HeaderBlockReader"/>
/// reads as it reads a text upload's header, and taken out of the page so the body does not repeat it.
/// </summary>
internal static class HtmlMetadataBlock
{
    private const int MaxBlockText = 2000;

    public static List<string> Extract(IElement body)
    {
        IElement? best = null;
        foreach (var element in HtmlDom.Elements(body))
        {
            if (element.LocalName is not ("table" or "dl" or "ul" or "ol" or "div" or "section" or "tbody")) continue;
            var text = HtmlDom.Text(element, MaxBlockText);
            if (text.Length >= MaxBlockText || !text.Contains("索引号") && !text.Contains("索 引 号")) continue;
            if (Pairs(element).Count < 2) continue;
            best = element; // document order visits ancestors first, so the last match is the innermost
        }
        if (best is null) return [];
        // Widen to the enclosing table when the match is one of its parts (the block is the whole table).
        var block = best.LocalName == "tbody" && best.ParentElement is { } t ? t : best;
        var lines = Pairs(block).Where(p => p.Value.Length > 0).Select(p => $"{p.Label}：{p.Value}").ToList();
        block.Remove();
        return lines;
    }

    /// <summary>Label/value pairs in the element's text chunks: "索引号：X" in one chunk, or "索引号" then "X".</summary>
    private static List<(string Label, string Value)> Pairs(IElement element)
    {
        var chunks = HtmlDom.Texts(element).Select(t => t.Data.Replace('\u00A0', ' ').Trim(' ', '\t', '\r', '\n', '\u3000'))
            .Where(c => c.Length > 0 && c is not (":" or "：")).Take(200).ToList();
        var pairs = new List<(string, string)>();
        for (var i = 0; i < chunks.Count; i++)
        {
            if (LabelOf(chunks[i]) is not { } found) continue;
            var value = found.Value;
            if (value.Length == 0 && i + 1 < chunks.Count && LabelOf(chunks[i + 1]) is null) value = chunks[++i];
            pairs.Add((found.Label, value.Trim(' ', ':', '：', '\u3000')));
        }
        return pairs;
    }

    private static (string Label, string Value)? LabelOf(string chunk)
    {
        var colon = chunk.IndexOfAny([':', '：']);
        var label = (colon >= 0 ? chunk[..colon] : chunk).Trim();
        if (label.Length is 0 or > 12 || HeaderBlockReader.KeyOf(label) is null) return null;
        return (string.Concat(label.Where(c => !char.IsWhiteSpace(c))), colon >= 0 ? chunk[(colon + 1)..].Trim() : "");
    }
}
