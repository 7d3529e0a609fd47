using Pipeline.Core.Decoding;
using Pipeline.Core.Model;
using Pipeline.Core.Classification;

namespace Pipeline.Core.Metadata;

/// <summary>
/// Maps a 公开范围 / 公开属性 / 公开方式 value as written to whether the report may go on the public site. Fails closed:
/// a value is Public only when, after <see cref="ClassificationText"/> normalisation, it consists of accepted public
/// phrases (主动公开, 全部公开, 向社会公开, 面向社会…) and channel words (政府网站…) alone; a value containing any
/// not-public marker is NotPublic even when 主动 also appears; anything else is not public.
/// </summary>
public static partial class PublicScopes
{
    // Any of these anywhere in the value means it is not for proactive publication, even next to 主动公开.
    private static readonly string[] NotPublicMarkers =
    [
        "不予公开", "不公开", "非公开", "申请", "内部", "部分公开", "涉密", "秘密", "机密", "绝密", "保密", "限制", "受限", "限定",
        "限于", "仅限", "仅供", "仅对", "暂缓", "延期", "延迟", "不宜", "免予", "免于", "豁免", "不得", "禁止", "敏感", "有条件",
        "定向", "特定", "不对外", "不向", "不予", "审核后", "经批准", "否",
    ];

    // Whole phrases that mean proactive publication to everyone. Longest first, so a longer phrase is taken whole.
    private static readonly string[] PublicPhrases = OrderLongestFirst(
    [
        "主动公开", "全部公开", "全文公开", "向社会公开", "面向社会公开", "社会公开", "对社会公开", "向社会公众公开",
        "面向社会公众公开", "面向社会公众", "向全社会公开", "面向全社会公开", "面向全社会", "面向社会", "全社会", "社会公众",
        "对外公开", "公开发布", "公开", "主动", "此件",
    ]);

    // Channels and qualifiers that say how or how long, never whether: neutral on their own.
    private static readonly string[] ChannelWords = OrderLongestFirst(
    [
        "政府网站", "门户网站", "政务网站", "政府信息公开网站", "政府信息公开专栏", "信息公开专栏", "政务公开栏", "公开栏",
        "公告栏", "政府公报", "公报", "互联网", "网站", "网上", "网络", "在线", "电子", "纸质", "报刊", "广播", "电视",
        "新闻发布会", "全文", "长期", "有效", "政府", "公共查阅点", "查阅点",
    ]);

    private static string[] OrderLongestFirst(string[] words) => words.OrderByDescending(w => w.Length).ToArray();

    /// <summary>Reads one written value. Total: never throws, whatever the text.</summary>
    public static ScopeReading Read(string? written)
    {
        var text = ClassificationText.Normalize(written);
        var compact = string.Concat(text.Where(char.IsLetterOrDigit));
        if (compact.Length == 0) return ScopeReading.Empty;
        foreach (var marker in NotPublicMarkers)
            if (compact.Contains(marker, StringComparison.Ordinal)) return ScopeReading.NotPublic;

        // Channels first: some contain 公开 (公开栏) and must not leave a stray word behind.
        var rest = compact;
        foreach (var channel in ChannelWords)
            rest = rest.Replace(channel, " ", StringComparison.Ordinal);
        var sawPublic = false;
        foreach (var phrase in PublicPhrases)
        {
            if (!rest.Contains(phrase, StringComparison.Ordinal)) continue;
            sawPublic = true;
            rest = rest.Replace(phrase, " ", StringComparison.Ordinal);
        }
        if (rest.Any(c => c != ' ')) return ScopeReading.Unclear;
        return sawPublic ? ScopeReading.Public : ScopeReading.ChannelOnly;
    }

    /// <summary>
    /// The scope one value stands for on its own: Public only when clearly public; Unknown when it says nothing about
    /// the scope (empty, or only a channel); NotPublic otherwise — an unreadable value is not public.
    /// </summary>
    public static PublicScope Normalize(string? written) => Read(written) switch
    {
        ScopeReading.Public => PublicScope.Public,
        ScopeReading.Empty or ScopeReading.ChannelOnly => PublicScope.Unknown,
        _ => PublicScope.NotPublic,
    };

    /// <summary>
    /// The scope that decides publication, from every scope-bearing field of the header: any not-public value wins;
    /// then any scope label written but not clearly public (empty — e.g. its value is on the next line —, unreadable,
    /// or for 公开范围 / 公开属性 a channel only); then the first clearly public value (公开范围, 公开属性, 公开方式 in
    /// that order). A 公开方式 that names only a channel (政府网站) says nothing about the scope and is passed over.
    /// Nothing written: the configured default.
    /// </summary>
    /// <remarks>
    /// With <paramref name="lines"/>, a 公开范围 / 公开属性 written near the top in a form the header reader did not take
    /// (a traditional or invisible-laced label such as 公開範圍：, a pair inside another field's value) counts as well:
    /// whatever the reader makes of a line, a scope on it is never passed over.
    /// </remarks>
    public static ScopeDecision Resolve(HeaderBlock header, string defaultScope, IReadOnlyList<SourceLine>? lines = null)
    {
        HeaderField? notPublic = null, unclear = null, isPublic = null;
        var publicRank = int.MaxValue;
        var written = lines is null ? [] : ScopesWrittenNearTheTop(header, lines).Concat(ScopesStatedInTheText(lines)).ToList();
        // A header label left empty whose value the line scan found (on the next line) is superseded by it.
        var fields = header.Fields
            .Where(f => f.Value.Length > 0 || !written.Any(w => w.LineNumber == f.LineNumber && w.Value.Length > 0))
            .Concat(written);
        foreach (var field in fields)
        {
            var rank = field.Key switch { HeaderKey.PublicScope => 0, HeaderKey.PublicAttribute => 1, HeaderKey.PublicMethod => 2, _ => -1 };
            if (rank < 0) continue;
            var reading = Read(field.Value);
            switch (reading)
            {
                case ScopeReading.NotPublic:
                    notPublic ??= field;
                    break;
                case ScopeReading.Public when rank < publicRank:
                    (isPublic, publicRank) = (field, rank);
                    break;
                case ScopeReading.Unclear or ScopeReading.Empty:
                case ScopeReading.ChannelOnly when rank < 2:
                    unclear ??= field;
                    break;
            }
        }

        if (notPublic is not null) return Decide(notPublic, PublicScope.NotPublic, ScopeReading.NotPublic);
        if (unclear is not null) return Decide(unclear, PublicScope.NotPublic, Read(unclear.Value) is ScopeReading.Empty ? ScopeReading.Empty : ScopeReading.Unclear);
        if (isPublic is not null) return Decide(isPublic, PublicScope.Public, ScopeReading.Public);
        return new ScopeDecision(new MetadataValue<string>(defaultScope, MetadataSource.Default), Normalize(defaultScope), Read(defaultScope), null);

        static ScopeDecision Decide(HeaderField field, PublicScope scope, ScopeReading reading) =>
            new(new MetadataValue<string>(field.Value, MetadataSource.Document, field.Value), scope, reading, field);
    }

    /// <summary>How far down a scope label is looked for outside the header block (a header stands in the first part).</summary>
    private const int ScopeSearchLines = 40;

    private static readonly (string Label, HeaderKey Key)[] ScopeLabels = [("公开范围", HeaderKey.PublicScope), ("公开属性", HeaderKey.PublicAttribute)];

    /// <summary>
    /// "公开范围:" / "公开属性:" pairs on the first lines, read on the classification form of each line: the value runs
    /// to the next "label:" (or the line's end); an empty value is taken from the next line.
    /// </summary>
    /// <summary>
    /// "（此件公开发布）", "（此件不公开）": the scope a government document states in its own text, under its signature.
    /// Read like a 公开属性 field, so a not-public statement holds the report whatever the header says.
    /// </summary>
    private static IEnumerable<HeaderField> ScopesStatedInTheText(IReadOnlyList<SourceLine> lines)
    {
        foreach (var line in lines)
        {
            if (line.IsTable || line.Text.Length > 24 || !line.Text.Contains("此件", StringComparison.Ordinal)) continue;
            var match = ThisDocumentScope().Match(ClassificationText.Normalize(line.Text));
            if (match.Success) yield return new HeaderField(HeaderKey.PublicAttribute, "此件", match.Groups["scope"].Value, line.Number);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*[（(]\s*(?<scope>此件[^)）]{2,12})[)）]\s*$")]
    private static partial System.Text.RegularExpressions.Regex ThisDocumentScope();

    private static IEnumerable<HeaderField> ScopesWrittenNearTheTop(HeaderBlock header, IReadOnlyList<SourceLine> lines)
    {
        var count = Math.Min(lines.Count, ScopeSearchLines);
        for (var i = 0; i < count; i++)
        {
            // Every form of both labels (traditional, spaced, invisible-laced) keeps 公, one of 范/範/属/屬 and a colon.
            var raw = lines[i].Text;
            if (lines[i].IsTable || raw.Length > 1000 || !raw.Contains('公') || raw.AsSpan().IndexOfAny("范範属屬") < 0
                || raw.AsSpan().IndexOfAny(":：﹕︓") < 0) continue;
            var text = ClassificationText.Normalize(lines[i].Text);
            foreach (var (label, key) in ScopeLabels)
            {
                var valueStart = ValueAfterLabel(text, label);
                if (valueStart < 0) continue;
                var value = text[valueStart..NextLabelAt(text, valueStart)].Trim();
                if (value.Length == 0 && i + 1 < lines.Count && !lines[i + 1].IsTable
                    && !header.Fields.Any(f => f.LineNumber == lines[i + 1].Number))
                    value = ClassificationText.Normalize(lines[i + 1].Text);
                yield return new HeaderField(key, label, value, lines[i].Number);
            }
        }
    }

    // Labels that may follow a scope on a line of several pairs (classification form: spaces between Han are gone,
    // so the next pair is found by its label, not by a space).
    private static readonly string[] PairLabels =
    [
        "索引号", "发布机构", "发文机关", "发布单位", "发文单位", "生成日期", "成文日期", "公开范围", "公开属性", "公开方式", "公开形式",
        "公开日期", "发布日期", "发文日期", "公开时间", "发布时间", "文件名称", "标题", "名称", "发文字号", "文号", "主题分类", "主题词",
        "体裁分类", "组配分类", "服务对象", "有效性", "效力状况", "信息分类", "所属分类", "来源", "时间",
    ];

    /// <summary>Where the value after "label:" (or "label :") starts, or -1 when the label is not followed by a colon.</summary>
    private static int ValueAfterLabel(string text, string label)
    {
        for (var at = text.IndexOf(label, StringComparison.Ordinal); at >= 0; at = text.IndexOf(label, at + 1, StringComparison.Ordinal))
        {
            var colon = at + label.Length;
            while (colon < text.Length && text[colon] == ' ') colon++;
            if (colon < text.Length && text[colon] == ':') return colon + 1;
        }
        return -1;
    }

    private static int NextLabelAt(string text, int from)
    {
        var end = text.Length;
        foreach (var label in PairLabels)
        {
            var at = text.IndexOf(label + ":", from, StringComparison.Ordinal);
            if (at >= 0 && at < end) end = at;
        }
        return end;
    }
}
