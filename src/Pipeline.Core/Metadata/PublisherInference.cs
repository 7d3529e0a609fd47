using System.Text.RegularExpressions;
using Pipeline.Core.Parsing;

namespace Pipeline.Core.Metadata;

/// <summary>
/// Names of the publishing body that a document gives outside its metadata header: the title
/// (平潭县人民政府2011年政府信息公开工作年度报告, 2020年某某局政府信息公开工作年度报告, 某某县人民政府关于…的通知),
/// the signature, a CMS "来源:" line. Each is a candidate with where it came from, so a conflict can be shown.
/// </summary>
public static partial class PublisherInference
{
    /// <summary>The body a title names before its year, its 关于, its 政府信息公开 document type or its 行政处罚信息公示表; null when none.</summary>
    public static string? FromTitle(string? title)
    {
        if (string.IsNullOrWhiteSpace(title)) return null;
        var compact = title.Trim();
        foreach (var pattern in (ReadOnlySpan<Regex>)[OrganisationBeforeYear(), OrganisationAfterYear(), OrganisationBeforeDocumentType(), OrganisationBeforeAbout(), OrganisationBeforeDecisionTable()])
        {
            var match = pattern.Match(compact);
            if (!match.Success) continue;
            var name = match.Groups["org"].Value.Trim(' ', '\u3000', '（', '(', '【', '[', '《');
            // A place named as the author of its report (平潭综合实验区2019年度…) stands for its government.
            if (BlockParser.IsOrganisation(name) || IsPlace(name)) return name;
        }
        return null;
    }

    private static bool IsPlace(string name) =>
        name.Length is >= 2 and <= 20 && name[^1] is '省' or '市' or '县' or '区' or '旗' or '州' or '盟' && name.AsSpan().IndexOfAny("，。、；：,;: ") < 0;

    /// <summary>
    /// Whether <paramref name="shortName"/> abbreviates <paramref name="fullName"/> the way Chinese names are
    /// shortened, by keeping some of its characters in order (桐柏县文广新局 for 桐柏县文化广电新闻出版局, 市科委 for
    /// 上海市科学技术委员会). The full name of a body's office (某县人民政府办公室 for 某县人民政府) is not an expansion.
    /// </summary>
    public static bool IsAbbreviationOf(string shortName, string fullName)
    {
        if (shortName.Length < 2 || fullName.Length <= shortName.Length || fullName.StartsWith(shortName, StringComparison.Ordinal)) return false;
        if (shortName[^1] != fullName[^1]) return false; // same kind of body: 局 for 局, 委 for 委员会 ends differently and is left alone
        var at = 0;
        foreach (var c in fullName)
            if (at < shortName.Length && c == shortName[at]) at++;
        return at == shortName.Length;
    }

    /// <summary>
    /// Whether <paramref name="fullName"/> is the government of the place <paramref name="shortName"/> names
    /// (东陵市 → 东陵市人民政府, 平潭综合实验区 → 平潭综合实验区管理委员会), or a longer form of the same name.
    /// An office of it (东陵市人民政府办公室) is not: the report is the place's, compiled by its office.
    /// </summary>
    public static bool IsFullNameOf(string shortName, string fullName)
    {
        if (IsAbbreviationOf(shortName, fullName)) return true;
        if (!IsPlace(shortName) || !fullName.StartsWith(shortName, StringComparison.Ordinal)) return false;
        var rest = fullName.AsSpan(shortName.Length);
        return rest is "人民政府" or "管委会" or "管理委员会" or "政府";
    }

    private const string Year = @"(?:(?:19|20)\d{2}|[〇零一二三四五六七八九○O0]{4})\s*年\s*(?:度)?";
    private const string DisclosureType = @"(?:政府信息公开|政务公开|信息公开|政府信息与政务公开)";

    // 平潭县人民政府2011年政府信息公开工作年度报告; 某某局关于2019年度政府信息公开工作的报告
    [GeneratedRegex(@"^(?<org>\S{2,40}?)\s*(?:关于)?\s*" + Year + @".*" + DisclosureType)]
    private static partial Regex OrganisationBeforeYear();

    // 2020年某某市生态环境局政府信息公开工作年度报告
    [GeneratedRegex(@"^" + Year + @"(?<org>\S{2,40}?)" + DisclosureType)]
    private static partial Regex OrganisationAfterYear();

    // 某某区人民政府政府信息公开工作年度报告（2019年）
    [GeneratedRegex(@"^(?<org>\S{2,40}?)" + DisclosureType + @"工作")]
    private static partial Regex OrganisationBeforeDocumentType();

    // 某某监管局行政处罚信息公示表, 某某局行政许可信息公开表: the tables of decisions a disclosure column lists
    [GeneratedRegex(@"^(?<org>\S{2,40}?)(?:行政处罚|行政许可|行政强制)(?:决定)?(?:信息)?(?:公开|公示)")]
    private static partial Regex OrganisationBeforeDecisionTable();

    // 某某县人民政府关于印发…的通知
    [GeneratedRegex(@"^(?<org>\S{2,40}?)关于")]
    private static partial Regex OrganisationBeforeAbout();
}
