using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipeline.Core.Statistics;

/// <summary>
/// A figure as statistics tables write it: "0", "12", "5,804.2", "-3", "+2", "15%", "6120.55万元", "3件". The one
/// definition every table reader uses to tell a figure from a label.
/// </summary>
public static partial class Figures
{
    public static bool IsFigure(string? text) => text is not null && Loose().IsMatch(text);

    /// <summary>The number a figure cell states (units and thousands separators dropped); null when it is no figure.</summary>
    public static decimal? Parse(string? text)
    {
        if (text is null) return null;
        var m = Figure().Match(text.Trim());
        if (!m.Success) return null;
        var digits = m.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal).Replace("，", "", StringComparison.Ordinal);
        return decimal.TryParse(digits, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>A cell that says "nothing" without a number: a dash, a slash, 无 — blank as written.</summary>
    public static bool IsBlankMark(string? text) => text is not null && text.Trim() is "-" or "—" or "——" or "－" or "/" or "／" or "无" or "\\";

    // What table readers take for a figure cell (as the layout readers always have: digits with , . anywhere).
    [GeneratedRegex(@"^[-+]?\d[\d,，.]*(?:%|元|万元|件|条|个)?$")]
    private static partial Regex Loose();

    [GeneratedRegex(@"^(?<n>[-+]?\d[\d,，]*(?:\.\d+)?)(?:%|元|万元|件|条|个)?$")]
    private static partial Regex Figure();
}
