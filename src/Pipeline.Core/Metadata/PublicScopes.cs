using Pipeline.Core.Model;
using Pipeline.Core.Classification;

namespace Pipeline.Core.Metadata;

/// <summary>
/// Maps a 公开范围 / 公开属性 / 公开方式 value as written to whether the report may go on the public site. Fails closed:
/// a value is Public only when, after <see cref="ClassificationText"/> normalisation, it consists of accepted public
/// phrases (主动公开, 全部公开, 向社会公开, 面向社会…) and channel words (政府网站…) alone; a value containing any
/// not-public marker is NotPublic even when 主动 also appears; anything else is not public.
/// </summary>
public static class PublicScopes
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
        "对外公开", "公开", "主动",
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
    public static ScopeDecision Resolve(HeaderBlock header, string defaultScope)
    {
        HeaderField? notPublic = null, unclear = null, isPublic = null;
        var publicRank = int.MaxValue;
        foreach (var field in header.Fields)
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
}
