using System.Globalization;

namespace Pipeline.Core.Statistics;

/// <summary>
/// A figure as statistics tables write it: "0", "12", "5,804.2", "-3", "+2", "15%", "6120.55万元", "3件". The one
/// definition every table reader uses to tell a figure from a label. Hand-written rather than a regex: the layout pass
/// and the statistics reader ask it of every token and cell of every table.
/// </summary>
public static class Figures
{
    /// <summary>
    /// What table readers take for a figure cell (as the layout readers always have: digits with , . anywhere):
    /// <c>^[-+]?\d[\d,，.]*(?:%|元|万元|件|条|个)?$</c>, where a digit is any Unicode decimal digit (full-width ones too).
    /// </summary>
    public static bool IsFigure(string? text) => text is not null && IsFigure(text.AsSpan());

    /// <inheritdoc cref="IsFigure(string?)"/>
    public static bool IsFigure(ReadOnlySpan<char> text)
    {
        if (text.Length > 0 && text[^1] == '\n') text = text[..^1]; // a regex's $ allows one final newline
        var i = text.Length > 0 && text[0] is '-' or '+' ? 1 : 0;
        if (i >= text.Length || !char.IsDigit(text[i])) return false;
        i++;
        while (i < text.Length && (char.IsDigit(text[i]) || text[i] is ',' or '，' or '.')) i++;
        return IsUnit(text[i..]);
    }

    /// <summary>The number a figure cell states (units and thousands separators dropped); null when it is no figure.</summary>
    public static decimal? Parse(string? text)
    {
        if (text is null) return null;
        // ^(?<n>[-+]?\d[\d,，]*(?:\.\d+)?)(?:%|元|万元|件|条|个)?$ on the trimmed text
        var span = text.AsSpan().Trim();
        if (span.Length > 0 && span[^1] == '\n') span = span[..^1];
        var i = span.Length > 0 && span[0] is '-' or '+' ? 1 : 0;
        if (i >= span.Length || !char.IsDigit(span[i])) return null;
        i++;
        var commas = 0;
        while (i < span.Length && (char.IsDigit(span[i]) || span[i] is ',' or '，'))
        {
            if (span[i] is ',' or '，') commas++;
            i++;
        }
        if (i + 1 < span.Length && span[i] == '.' && char.IsDigit(span[i + 1]))
        {
            i += 2;
            while (i < span.Length && char.IsDigit(span[i])) i++;
        }
        if (!IsUnit(span[i..])) return null;
        var number = span[..i];
        if (commas == 0) return ToDecimal(number);
        var digits = number.Length - commas <= 128 ? stackalloc char[number.Length - commas] : new char[number.Length - commas];
        var n = 0;
        foreach (var c in number)
            if (c is not (',' or '，')) digits[n++] = c;
        return ToDecimal(digits);
    }

    private static decimal? ToDecimal(ReadOnlySpan<char> number) =>
        decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A cell that says "nothing" without a number: a dash, a slash, 无 — blank as written.</summary>
    public static bool IsBlankMark(string? text) => text is not null && text.Trim() is "-" or "—" or "——" or "－" or "/" or "／" or "无" or "\\";

    private static bool IsUnit(ReadOnlySpan<char> rest) =>
        rest.IsEmpty || rest is "%" or "元" or "万元" or "件" or "条" or "个";
}
