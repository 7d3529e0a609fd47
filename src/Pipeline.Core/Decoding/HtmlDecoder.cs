using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Pipeline.Core.Validation;

namespace Pipeline.Core.Decoding;

/// <summary>
/// Reads a web page upload (a CMS page saved from a browser, a CMS export, Word's or LibreOffice's "save as web page")
/// with AngleSharp into the same lines a text upload gives: the page's metadata block first ("索引号：…" lines, see
/// <see cref="HtmlMetadataBlock"/>), then the title, then the article body (<see cref="HtmlMainContent"/>) as one line
/// per block, with data tables as tables (<see cref="HtmlTableReader"/>). Scripts, styles, comments (conditional ones
/// included), forms, frames and hidden elements are dropped. The cleaning passes then apply to these lines as to text.
/// </summary>
public static class HtmlDecoder
{
    /// <summary>Deepest element nesting accepted (see <see cref="HtmlNesting"/>); real pages nest a few dozen levels.</summary>
    public const int MaxDepth = 512;

    private static readonly HashSet<string> Dropped =
    [
        "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "canvas",
        "form", "select", "button", "input", "textarea", "head", "title", "link", "meta", "audio", "video", "map",
    ];

    private static readonly HashSet<string> Blocks =
    [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "dl", "ul", "ol", "blockquote", "pre", "section", "article",
        "address", "center", "tr", "td", "th", "table", "tbody", "thead", "tfoot", "caption", "header", "main", "figure", "figcaption", "hr",
    ];

    private static readonly string[] FragmentStarts =
        ["<div", "<table", "<tbody", "<tr", "<td", "<p", "<section", "<article", "<center", "<meta", "<style", "<title", "<h1", "<h2", "<font", "<span", "<ul", "<form"];

    /// <summary>True when the bytes start (after a BOM and whitespace) with markup that is a page, not text that mentions tags.</summary>
    public static bool LooksLikeHtml(ReadOnlySpan<byte> data)
    {
        var start = data.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? data[3..] : data;
        start = start.TrimStart(" \t\r\n"u8);
        if (start.IsEmpty || start[0] != (byte)'<') return false;
        var head = Encoding.Latin1.GetString(start[..Math.Min(start.Length, 4096)]).ToLowerInvariant();
        if (head.StartsWith("<!doctype html") || head.Contains("<html") || head.Contains("<body") || head.Contains("<head")) return true;
        // A fragment (a CMS export of the article, a page's body copied out) opens with a block element; a text report never does.
        foreach (var tag in FragmentStarts)
            if (head.StartsWith(tag, StringComparison.Ordinal) && head.Length > tag.Length && head[tag.Length] is ' ' or '>' or '\t' or '\r' or '\n' or '/')
                return true;
        return false;
    }

    public static DecodeResult Decode(ReadOnlySpan<byte> data)
    {
        var (html, encodingName) = HtmlEncodingSniffer.Decode(data);
        if (HtmlNesting.MaxDepth(html, MaxDepth + 1) > MaxDepth)
            return DecodeResult.Fail(DecodeFailure.Of(Findings.UnsafeFile("web page", "网页文件", $"elements nested more than {MaxDepth} levels deep")));

        var document = new HtmlParser(new HtmlParserOptions { IsScripting = false }).ParseDocument(html);
        var title = Title(document);
        var body = document.Body;
        if (body is null) return DecodeResult.Fail(new DecodeFailure("empty"));

        foreach (var element in HtmlDom.Elements(body).Where(IsDropped).ToList()) element.Remove();
        var metadata = HtmlMetadataBlock.Extract(body);
        var content = HtmlMainContent.Find(body);
        HtmlMainContent.Prune(content);

        var lines = new List<SourceLine>();
        foreach (var line in metadata) lines.Add(new SourceLine(lines.Count + 1, line));
        var contentLines = new List<SourceLine>();
        WriteBlocks(content, contentLines);
        // The metadata block's 标题/名称 names the document best (a CMS page's <title> carries the site name, and an
        // order's first line is 中华人民共和国国务院令, not its title).
        title = metadata.Select(TitleField).FirstOrDefault(t => t is not null) ?? title;
        var skip = title is null ? 0 : OpeningTitleLines(contentLines, title);
        if (title is not null && (skip > 0 || !Compact(string.Concat(contentLines.Take(4).Where(l => !l.IsTable).Select(l => l.Text))).StartsWith(Compact(title), StringComparison.Ordinal)))
            lines.Add(new SourceLine(lines.Count + 1, title));
        foreach (var line in contentLines.Skip(skip)) lines.Add(line with { Number = lines.Count + 1 });

        return lines.Exists(l => l.IsTable || l.Text.Length > 0) ? DecodeResult.Ok(lines, encodingName) : DecodeResult.Fail(new DecodeFailure("empty"));
    }

    // LibreOffice's "save as web page" writes the page header and footer as div title="header"/"footer": running furniture.
    private static bool IsDropped(IElement e) =>
        Dropped.Contains(e.LocalName) || e.HasAttribute("hidden") || e.LocalName == "div" && e.GetAttribute("title") is "header" or "footer"
        || (e.GetAttribute("style") is { } style && (Compact(style).Contains("display:none", StringComparison.OrdinalIgnoreCase) || Compact(style).Contains("visibility:hidden", StringComparison.OrdinalIgnoreCase)));

    /// <summary>The report's title: the CMS's ArticleTitle meta tag, else the first h1, else the document title up to the site name.</summary>
    private static string? Title(AngleSharp.Html.Dom.IHtmlDocument document)
    {
        var meta = document.QuerySelector("meta[name=ArticleTitle], meta[name=articletitle], meta[property='og:title']")?.GetAttribute("content")?.Trim();
        if (!string.IsNullOrEmpty(meta)) return meta;
        if (document.Body?.QuerySelector("h1") is { } h1 && HtmlDom.Text(h1, 300) is { Length: > 0 } heading) return heading;
        var title = document.Title?.Trim();
        if (string.IsNullOrEmpty(title)) return null;
        var cut = title.IndexOfAny(['_', '|', '－']);
        if (cut < 0) cut = title.IndexOf(" - ", StringComparison.Ordinal);
        return cut > 0 ? title[..cut].Trim() : title;
    }

    private static string? TitleField(string line)
    {
        var colon = line.IndexOf('：');
        return colon > 0 && Metadata.HeaderBlockReader.KeyOf(line[..colon]) == Metadata.HeaderKey.Title && line.Length > colon + 1 ? line[(colon + 1)..] : null;
    }

    /// <summary>How many opening lines spell the title between them (a title centred over two or three lines with br); 0 if none do.</summary>
    private static int OpeningTitleLines(List<SourceLine> content, string title)
    {
        var target = Compact(title);
        var joined = "";
        for (var i = 0; i < Math.Min(4, content.Count) && !content[i].IsTable; i++)
        {
            joined += Compact(content[i].Text);
            if (joined == target) return i + 1;
            if (!target.StartsWith(joined, StringComparison.Ordinal)) return 0;
        }
        return 0;
    }

    private static string Compact(string? s) => s is null ? "" : string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>The content as lines: one per block element or line break, data tables as table lines.</summary>
    private static void WriteBlocks(IElement root, List<SourceLine> lines)
    {
        var current = new StringBuilder();
        void Flush()
        {
            var text = current.ToString().Trim(' ', '\u3000', '\t');
            if (text.Length > 0) lines.Add(new SourceLine(lines.Count + 1, text));
            current.Clear();
        }

        // (node, leaving): leaving marks the end of a block element.
        var stack = new Stack<(INode Node, bool Leaving)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, leaving) = stack.Pop();
            if (leaving) { Flush(); continue; }
            switch (node)
            {
                case IText text:
                    if (node.ParentElement?.LocalName == "pre")
                        foreach (var (part, index) in text.Data.Split('\n').Select((p, i) => (p, i)))
                        {
                            if (index > 0) Flush();
                            current.Append(part.TrimEnd('\r'));
                        }
                    else HtmlDom.AppendCollapsed(current, text.Data);
                    continue;
                case IElement { LocalName: "br" }:
                    Flush();
                    continue;
                case IElement { LocalName: "table" } table when HtmlTableReader.IsDataTable(table):
                    Flush();
                    var model = HtmlTableReader.Read(table, CellText);
                    if (model is not null) lines.Add(new SourceLine(lines.Count + 1, DocxExtractor.Flatten(model), model));
                    continue;
                case IElement element:
                    if (Blocks.Contains(element.LocalName) && element != root)
                    {
                        Flush();
                        stack.Push((element, true));
                    }
                    for (var i = node.ChildNodes.Length - 1; i >= 0; i--) stack.Push((node.ChildNodes[i], false));
                    continue;
                default:
                    continue; // comments (conditional ones too), processing instructions, doctype
            }
        }
        Flush();
    }

    private static string CellText(IElement cell)
    {
        var cellLines = new List<SourceLine>();
        WriteBlocks(cell, cellLines);
        return string.Join(" ", cellLines.Where(l => !l.IsTable).Select(l => l.Text));
    }
}
