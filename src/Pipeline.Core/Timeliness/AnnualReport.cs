using System.Text.RegularExpressions;

namespace Pipeline.Core.Timeliness;

/// <summary>
/// A 政府信息公开工作年度报告 recognised from its title: the year it reports on and the body it names
/// (平潭县人民政府2011年政府信息公开工作年度报告 → 2011, 平潭县人民政府).
/// </summary>
/// <param name="Year">The year reported on.</param>
/// <param name="Subject">The body the title names, when it names one.</param>
public sealed partial record AnnualReport(int Year, string? Subject)
{
    /// <summary>The annual report a title announces, or null when the title is not one's or names no year.</summary>
    public static AnnualReport? FromTitle(string? title)
    {
        if (string.IsNullOrWhiteSpace(title)) return null;
        var text = Spaces().Replace(title, "");
        if (!Kind().IsMatch(text)) return null;
        var year = YearPattern().Match(text);
        if (!year.Success) return null;
        var subject = text[..year.Index];
        if (subject.Length == 0)
        {
            // 2020年某某市生态环境局政府信息公开工作年度报告: the body follows the year.
            var after = text[(year.Index + year.Length)..];
            var end = Kind().Match(after);
            subject = end.Success ? after[..end.Index] : "";
        }
        subject = SubjectNoise().Replace(subject, "");
        return new AnnualReport(int.Parse(year.Groups["y"].Value, System.Globalization.CultureInfo.InvariantCulture), subject.Length == 0 ? null : subject);
    }

    [GeneratedRegex(@"政府信息公开(?:工作)?(?:情况)?年度报告|政府信息公开(?:工作)?(?:情况)?的?报告|信息公开工作年度报告")]
    private static partial Regex Kind();

    [GeneratedRegex(@"(?<y>(?:19|20)\d\d)\s*年度?")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"[\s\u3000]+")]
    private static partial Regex Spaces();

    // 关于2019年度…的报告: the subject is what precedes 关于; brackets and 的 are not part of a name.
    [GeneratedRegex(@"关于$|[（(《〈【\[]|的$")]
    private static partial Regex SubjectNoise();
}
