using System.Text.RegularExpressions;
using Pipeline.Core.Decoding;
using Pipeline.Core.Metadata;
using Pipeline.Core.Model;

namespace Pipeline.Core.Parsing;

/// <summary>The syntax tree and where each part starts in the file (for findings that name a line).</summary>
/// <param name="BlockLines">The 1-based source line of each block of <see cref="ReportDocument.Blocks"/>, same order.</param>
public sealed record ParseResult(ReportDocument Document, IReadOnlyList<int> BlockLines, int? TitleLine, int? SignatureLine)
{
    public static ParseResult Empty { get; } = new(ReportDocument.Empty, [], null, null);
}

/// <summary>
/// Builds the report's syntax tree from cleaned body lines (metadata header already taken out): title (joined when
/// split over two lines, separated when glued to a one-line body), headings by numbering level, paragraphs, lists,
/// attachment notes, flattened pipe tables with caption and notes, .docx tables, and the signature block at the end.
/// </summary>
public static partial class BlockParser
{
    private const int MaxTitleLength = 80;
    private const int MaxTitleContinuationLength = 30;
    private const int MaxListItemLength = 100;
    private const int MaxCaptionLineLength = 40;

    public static ParseResult Parse(IReadOnlyList<SourceLine> bodyLines)
    {
        var lines = new List<SourceLine>(bodyLines.Count + 16);
        foreach (var line in bodyLines) InlineSectionSplitter.SplitInto(line, lines);

        var index = 0;
        var (title, titleLine) = ReadTitle(lines, ref index);
        // Marked heading levels count from the title's: under "# 标题", "## 概况" is a top-level section.
        var titleMark = index > 0 ? lines[0].MarkedHeadingLevel : 0;

        var blocks = new List<Block>();
        var blockLines = new List<int>();
        var chapters = false;
        while (index < lines.Count)
        {
            var line = lines[index];
            if (line.Table is { } docxTable)
            {
                Add(blocks, blockLines, new TableBlock(docxTable), line.Number);
                index++;
                continue;
            }

            var text = line.Text;
            if (PipeTableReader.IsTableLine(text))
            {
                index = ReadPipeTable(lines, index, blocks, blockLines);
                continue;
            }
            if (Attachment().IsMatch(text))
            {
                Add(blocks, blockLines, new AttachmentNote(text), line.Number);
                index++;
                continue;
            }
            if (line.MarkedHeadingLevel > 0 && !HeadingClassifier.TryMatchNumber(text, out _, out _))
            {
                // A heading the source's format marks (markdown #, an HTML or PDF heading) without numbering of its own.
                Add(blocks, blockLines, new Heading(Math.Clamp(line.MarkedHeadingLevel - titleMark, 1, 6), null, text), line.Number);
                index++;
                continue;
            }
            if (HeadingClassifier.TryClassifyHeading(text, out var heading))
            {
                chapters |= heading.IsChapter;
                Add(blocks, blockLines, new Heading(heading.IsChapter ? 0 : heading.Level, heading.Number, heading.Rest), line.Number);
                index++;
                continue;
            }
            if (Bullet().Match(text) is { Success: true })
            {
                var items = new List<string>();
                var start = line.Number;
                while (index < lines.Count && !lines[index].IsTable && Bullet().Match(lines[index].Text) is { Success: true } b)
                {
                    items.Add(lines[index].Text[b.Length..].Trim());
                    index++;
                }
                Add(blocks, blockLines, new ListBlock(false, items), start);
                continue;
            }
            if (HeadingClassifier.TryMatchNumber(text, out var numberedLevel, out _) && numberedLevel != 0)
            {
                // A run of numbered sentences at one level is a list when every item is short, else paragraphs:
                // deciding per run keeps "1." … "4." of one section alike.
                var end = index + 1;
                while (end < lines.Count && IsNumberedSentenceOfLevel(lines[end], numberedLevel)) end++;
                var run = lines.GetRange(index, end - index);
                if (run.Count >= 2 && run.TrueForAll(l => l.Text.Length <= MaxListItemLength))
                    Add(blocks, blockLines, new ListBlock(true, run.ConvertAll(l => l.Text)), line.Number);
                else
                    foreach (var item in run) Add(blocks, blockLines, new Paragraph(item.Text), item.Number);
                index = end;
                continue;
            }
            Add(blocks, blockLines, new Paragraph(text), line.Number);
            index++;
        }

        if (chapters) ShiftLevelsUnderChapters(blocks);
        NestRestartedSections(blocks);
        var (signature, signatureLine) = ExtractSignature(blocks, blockLines);
        return new ParseResult(new ReportDocument(title, blocks, signature), blockLines, titleLine, signatureLine);
    }

    private static void Add(List<Block> blocks, List<int> blockLines, Block block, int line)
    {
        blocks.Add(block);
        blockLines.Add(line);
    }

    private static bool IsNumberedSentenceOfLevel(SourceLine line, int level) =>
        !line.IsTable && !PipeTableReader.IsTableLine(line.Text)
        && HeadingClassifier.TryMatchNumber(line.Text, out var lineLevel, out var length) && lineLevel == level
        && !HeadingClassifier.IsHeadingText(line.Text.AsSpan(length));

    /// <summary>
    /// The first line is the title unless it is a section heading or a long sentence. A title the author broke over
    /// two lines is joined when the second line is short and ends like a document title (…年度报告); a title glued to a
    /// one-line body is cut off at the space after its document-type word.
    /// </summary>
    private static (string? Title, int? Line) ReadTitle(List<SourceLine> lines, ref int index)
    {
        if (lines.Count == 0 || lines[0].IsTable || PipeTableReader.IsTableLine(lines[0].Text)) return (null, null);
        var first = lines[0];
        if (HeadingClassifier.TryClassifyHeading(first.Text, out _)) return (null, null);

        // A first line that is long or holds a full sentence is a title glued to the body, or no title at all.
        if (first.Text.Length > MaxTitleLength || first.Text.Contains('。'))
        {
            var glued = GluedTitle().Match(first.Text);
            if (!glued.Success) return (null, null);
            var gluedTitle = glued.Groups["title"].Value;
            // Scraped pages often repeat the title above the body ("标题 来源… 标题 正文…"): the page shows it once.
            lines[0] = first with { Text = SkipRepeatedTitle(first.Text[glued.Length..], gluedTitle).TrimStart(' ', '\u3000', '\t') };
            return (gluedTitle, first.Number);
        }

        index = 1;
        var title = first.Text;
        if (lines.Count > 1 && !lines[1].IsTable && ContinuesTitle(title, lines[1].Text))
        {
            title += lines[1].Text;
            index = 2;
        }
        return (title, first.Number);
    }

    /// <summary>The text after a repeat of <paramref name="title"/> at its start (spacing ignored), else the text.</summary>
    private static string SkipRepeatedTitle(string text, string title)
    {
        int t = 0, i = 0;
        while (i < text.Length && t < title.Length)
        {
            if (char.IsWhiteSpace(text[i])) { i++; continue; }
            if (char.IsWhiteSpace(title[t])) { t++; continue; }
            if (text[i] != title[t]) return text;
            i++;
            t++;
        }
        return t == title.Length ? text[i..] : text;
    }

    private static bool ContinuesTitle(string title, string next) =>
        next.Length <= MaxTitleContinuationLength
        && !DocumentType().IsMatch(title)
        && DocumentType().IsMatch(next)
        && title.AsSpan().IndexOfAny("。，,；;：:") < 0
        && next.AsSpan().IndexOfAny("。，,；;：:|") < 0
        && !HeadingClassifier.TryMatchNumber(next, out _, out _);

    /// <summary>Reads a run of pipe lines as one table; short title lines before it become its caption, 填报… lines its notes.</summary>
    private static int ReadPipeTable(List<SourceLine> lines, int index, List<Block> blocks, List<int> blockLines)
    {
        var start = index;
        var rowLines = new List<string>();
        while (index < lines.Count && !lines[index].IsTable && PipeTableReader.IsTableLine(lines[index].Text))
            rowLines.Add(lines[index++].Text);

        var captionParts = new List<string>();
        var notes = new List<string>();
        var tableLine = lines[start].Number;
        while (blocks.Count > 0 && blocks[^1] is Paragraph p && p.Text.Length <= MaxCaptionLineLength
               && captionParts.Count + notes.Count < 4 && !DateText.TryParseWhole(p.Text, out _)
               && p.Text.AsSpan().IndexOfAny("。；;") < 0)
        {
            if (TableNote().IsMatch(p.Text)) notes.Insert(0, p.Text);
            else captionParts.Insert(0, p.Text);
            tableLine = blockLines[^1];
            blocks.RemoveAt(blocks.Count - 1);
            blockLines.RemoveAt(blockLines.Count - 1);
        }
        while (index < lines.Count && !lines[index].IsTable && TableNote().IsMatch(lines[index].Text))
            notes.Add(lines[index++].Text);

        var caption = captionParts.Count == 0 ? null : string.Join(" ", captionParts);
        Add(blocks, blockLines, new TableBlock(PipeTableReader.Read(rowLines, caption, notes)), tableLine);
        return index;
    }

    /// <summary>
    /// "四、部门预算编制说明 … 一、财政拨款收入 二、事业收入 … 五、部门预算表": a run of 一、 headings that starts again
    /// at 一 inside a section is that section's list of items, not new sections. It is nested one level down until
    /// a heading continues the outer numbering (五 after 四).
    /// </summary>
    private static void NestRestartedSections(List<Block> blocks)
    {
        var outerNext = 0; // the numeral the outer sequence expects next (0 until the first 一、)
        var nested = false;
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is not Heading { Level: 1, Number: { } number } heading) 
            {
                if (nested && blocks[i] is Heading lower) blocks[i] = lower with { Level = Math.Min(lower.Level + 1, 6) };
                continue;
            }
            var value = DateText.ChineseSmallNumber(number.AsSpan().TrimEnd("、 \u3000"));
            if (value <= 0) continue;
            if (outerNext == 0 || value == outerNext)
            {
                outerNext = value + 1;
                nested = false;
                continue;
            }
            if (value == 1 && outerNext > 2) nested = true;
            if (nested) blocks[i] = heading with { Level = 2 };
        }
    }

    /// <summary>Under 第X章 chapters, 一、 sections become level 2 and everything below shifts down one level.</summary>
    private static void ShiftLevelsUnderChapters(List<Block> blocks)
    {
        for (var i = 0; i < blocks.Count; i++)
            if (blocks[i] is Heading h)
                blocks[i] = h with { Level = h.Level == 0 ? 1 : Math.Min(h.Level + 1, 6) };
    }

    /// <summary>
    /// The signature is the last text block (tables and attachment notes after it are allowed): a date line, or
    /// organisation + date on one line, optionally preceded by one or two organisation lines.
    /// </summary>
    private static (Signature? Signature, int? Line) ExtractSignature(List<Block> blocks, List<int> blockLines)
    {
        // The signature ends the report's own text: before what the attachments hold (附件…), before the 填报人 /
        // 联系电话 lines of a form, or at the very end.
        var ends = new List<int>();
        for (var i = blocks.Count - 1; i >= 0; i--)
            if (blocks[i] is AttachmentNote && (i == 0 || blocks[i - 1] is not AttachmentNote)) ends.Add(i - 1);
        ends.Add(blocks.Count - 1);
        foreach (var end in ends.Distinct().OrderByDescending(e => e))
        {
            var last = end;
            while (last >= 0 && (blocks[last] is TableBlock or AttachmentNote || blocks[last] is Paragraph note && (TableNote().IsMatch(note.Text) || ScopeStatement().IsMatch(note.Text)))) last--;
            if (last >= 0 && TrySignatureAt(blocks, blockLines, last) is { Signature: not null } found) return found;
        }
        return (null, null);
    }

    private static (Signature? Signature, int? Line) TrySignatureAt(List<Block> blocks, List<int> blockLines, int last)
    {
        if (blocks[last] is not Paragraph dateParagraph) return (null, null);

        var organisations = new List<string>();
        string dateText;
        DateParts dateParts;
        if (DateText.TryParseWhole(dateParagraph.Text, out dateParts))
        {
            dateText = dateParagraph.Text;
        }
        else if (DateText.TryFind(dateParagraph.Text, out dateParts, out var at, out var length)
                 && at + length == dateParagraph.Text.Length
                 && IsOrganisation(dateParagraph.Text[..at].Trim()))
        {
            organisations.Add(dateParagraph.Text[..at].Trim());
            dateText = dateParagraph.Text[at..];
        }
        else
        {
            return (null, null);
        }

        var first = last;
        while (first > 0 && last - first < 2 && organisations.Count < 2 && blocks[first - 1] is Paragraph org && IsOrganisation(org.Text))
        {
            first--;
            organisations.Insert(0, org.Text);
        }

        var line = blockLines[first];
        blocks.RemoveRange(first, last - first + 1);
        blockLines.RemoveRange(first, last - first + 1);
        var date = DateText.ToDate(dateParts, int.MaxValue);
        return (new Signature(organisations, dateText, date), line);
    }

    /// <summary>A short line naming an organisation (…人民政府, …局, …办公室, …镇).</summary>
    public static bool IsOrganisation(string text) =>
        text.Length is >= 2 and <= 40 && text.AsSpan().IndexOfAny("。，,；;：:！!？?|") < 0 && OrganisationSuffix().IsMatch(text);

    // 附件：…, 附件1：…, and "附件2022年任务分解表…" naming the attachment (not a sentence about 附件中的…).
    [GeneratedRegex(@"^附\s*件\s*[\d一二三四五六七八九十]*\s*(?:[:：]|$|(?=\S)(?![，。、的中所]))")]
    private static partial Regex Attachment();

    // "（此件公开发布）" under a government document's signature.
    [GeneratedRegex(@"^[（(]此件[^)）]{2,12}[)）]$")]
    private static partial Regex ScopeStatement();

    [GeneratedRegex(@"^[•·●▪■◆\-*]\s*")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"^(?:填报单位|制表单位|填报机关|统计单位|单位负责人|负责人|审核人|填报人|制表人|统计人|联系人|联系电话|填报日期|制表日期|注\s*[:：]|说明\s*[:：]|备注)")]
    private static partial Regex TableNote();

    [GeneratedRegex(@"(?:报告|总结|通知|意见|方案|办法|规定|公告|通告|通报|计划|要点|决定|批复|规划|细则|目录|指南|说明|公示|纪要|函)$")]
    private static partial Regex DocumentType();

    [GeneratedRegex(@"^(?<title>\S[^。，,；;]{3,58}?(?:报告|总结|通知|意见|方案|办法|规定|公告|通报|计划|要点))[ \u3000\t]+")]
    private static partial Regex GluedTitle();

    [GeneratedRegex(@"(?:政府|办公室|办公厅|委员会|局|厅|委|办|镇|乡|街道|办事处|中心|院|所|站|队|公署|管委会|小组|处|科|部|会|社区|村委会|公司)$")]
    private static partial Regex OrganisationSuffix();
}
