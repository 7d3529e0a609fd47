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
    /// <summary>The body a title names before its year, its 关于, or its 政府信息公开 document type; null when none.</summary>
    public static string? FromTitle(string? title)
    {
        if (string.IsNullOrWhiteSpace(title)) return null;
        var compact = title.Trim();
        foreach (var pattern in (ReadOnlySpan<Regex>)[OrganisationBeforeYear(), OrganisationAfterYear(), OrganisationBeforeDocumentType(), OrganisationBeforeAbout()])
        {
            var match = pattern.Match(compact);
            if (!match.Success) continue;
            var name = match.Groups["org"].Value.Trim(' ', '\u3000', '（', '(', '【', '[', '《');
            if (BlockParser.IsOrganisation(name)) return name;
        }
        return null;
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

    // 某某县人民政府关于印发…的通知
    [GeneratedRegex(@"^(?<org>\S{2,40}?)关于")]
    private static partial Regex OrganisationBeforeAbout();
}
