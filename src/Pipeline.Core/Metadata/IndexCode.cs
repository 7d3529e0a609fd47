using System.Text;
using System.Text.RegularExpressions;

namespace Pipeline.Core.Metadata;

/// <summary>
/// The 索引号 of a government information item: <c>&lt;organisation code&gt;/&lt;year&gt;-&lt;sequence&gt;</c>, e.g.
/// 00638229X4/2019-1513549. Accepted variants: a 9–12 character organisation code (with or without a hyphen after the
/// 8th character) or an
/// 18-character unified social credit code; '/', '-' or '_' before the year; '-' or '_' before a 4–8 digit sequence;
/// full-width characters. A document number such as 鹤政办〔2019〕20号 is not an index code.
/// </summary>
public static partial class IndexCode
{
    public readonly record struct Parts(string OrganisationCode, int Year, string Sequence);

    /// <summary>Full-width letters, digits and slashes folded to ASCII, spaces removed, letters upper-cased.</summary>
    public static string Normalize(string raw)
    {
        var folded = raw.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded)
            if (!char.IsWhiteSpace(c)) sb.Append(char.ToUpperInvariant(c));
        return sb.ToString();
    }

    public static bool TryParse(string raw, int maxYear, out Parts parts)
    {
        parts = default;
        var match = Shape().Match(Normalize(raw));
        if (!match.Success) return false;
        var year = int.Parse(match.Groups["year"].ValueSpan);
        if (year < DateText.MinYear || year > maxYear) return false;
        parts = new Parts(match.Groups["org"].Value, year, match.Groups["seq"].Value);
        return true;
    }

    /// <summary>Organisation codes compared without their optional hyphen and case.</summary>
    public static bool SameOrganisation(string a, string b) =>
        string.Equals(Normalize(a).Replace("-", ""), Normalize(b).Replace("-", ""), StringComparison.Ordinal);

    [GeneratedRegex(@"^(?<org>[0-9A-Z]{18}|[0-9A-Z]{8}-?[0-9A-Z]{1,4})[/\-_](?<year>\d{4})[-_](?<seq>\d{4,8})$")]
    private static partial Regex Shape();
}
