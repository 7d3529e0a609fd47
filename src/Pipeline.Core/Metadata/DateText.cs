using System.Text.RegularExpressions;

namespace Pipeline.Core.Metadata;

/// <summary>A date as written, before validation: 2019-02-30 is representable here and rejected by <see cref="DateText.ToDate"/>.</summary>
public readonly record struct DateParts(int Year, int Month, int Day)
{
    public override string ToString() => $"{Year:D4}-{Month:D2}-{Day:D2}";
}

/// <summary>
/// Dates the way Chinese government documents write them: 2018年12月5日, 二O一九年三月十一日 / 二〇二〇年一月十五日,
/// 2022-12-30, 2019.10.11, 2019/3/1 and 20221230.
/// </summary>
public static partial class DateText
{
    /// <summary>The earliest plausible year of a government document of the People's Republic.</summary>
    public const int MinYear = 1949;

    /// <summary>Parses a string that is (after trimming) exactly one date, optionally followed by a time of day.</summary>
    public static bool TryParseWhole(string text, out DateParts date)
    {
        date = default;
        var match = WholeDate().Match(text.Trim());
        return match.Success && TryFromMatch(match, out date);
    }

    /// <summary>Finds the first date anywhere in the text.</summary>
    public static bool TryFind(string text, out DateParts date, out int index, out int length)
    {
        foreach (Match match in AnyDate().Matches(text))
        {
            if (TryFromMatch(match, out date))
            {
                (index, length) = (match.Index, match.Length);
                return true;
            }
        }
        (date, index, length) = (default, -1, 0);
        return false;
    }

    /// <summary>A real calendar date within 1949..(today's year + 1), else null.</summary>
    public static DateOnly? ToDate(DateParts parts, int maxYear)
    {
        if (parts.Year < MinYear || parts.Year > maxYear) return null;
        if (parts.Month is < 1 or > 12) return null;
        if (parts.Day < 1 || parts.Day > DateTime.DaysInMonth(parts.Year, parts.Month)) return null;
        return new DateOnly(parts.Year, parts.Month, parts.Day);
    }

    private static bool TryFromMatch(Match m, out DateParts date)
    {
        date = default;
        if (m.Groups["y"].Success)
            return TryDigits(m.Groups["y"].ValueSpan, m.Groups["m"].ValueSpan, m.Groups["d"].ValueSpan, out date);
        if (m.Groups["cy"].Success)
        {
            var year = 0;
            foreach (var c in m.Groups["cy"].ValueSpan)
            {
                var digit = ChineseDigit(c);
                if (digit < 0) return false;
                year = year * 10 + digit;
            }
            var month = m.Groups["cm"].Value == "元" ? 1 : ChineseSmallNumber(m.Groups["cm"].ValueSpan);
            var day = ChineseSmallNumber(m.Groups["cd"].ValueSpan);
            if (month <= 0 || day <= 0) return false;
            date = new DateParts(year, month, day);
            return true;
        }
        return false;
    }

    private static bool TryDigits(ReadOnlySpan<char> y, ReadOnlySpan<char> mo, ReadOnlySpan<char> d, out DateParts date)
    {
        date = default;
        if (!int.TryParse(y, out var year) || !int.TryParse(mo, out var month) || !int.TryParse(d, out var day)) return false;
        date = new DateParts(year, month, day);
        return true;
    }

    private static int ChineseDigit(char c) => c switch
    {
        '〇' or '零' or 'O' or 'o' or '○' or 'Ｏ' or '０' or 'О' or '0' or '◯' or 'ｏ' => 0,
        '一' => 1, '二' => 2, '三' => 3, '四' => 4, '五' => 5, '六' => 6, '七' => 7, '八' => 8, '九' => 9,
        _ => -1,
    };

    /// <summary>一..三十一 (十 = 10, 十一 = 11, 二十 = 20, 二十一 = 21).</summary>
    public static int ChineseSmallNumber(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return -1;
        var ten = s.IndexOf('十');
        if (ten < 0) return s.Length == 1 ? ChineseDigit(s[0]) : -1;
        var tens = ten == 0 ? 1 : ten == 1 ? ChineseDigit(s[0]) : -1;
        var units = ten == s.Length - 1 ? 0 : ten == s.Length - 2 ? ChineseDigit(s[^1]) : -1;
        return tens < 1 || units < 0 ? -1 : tens * 10 + units;
    }

    private const string DatePattern =
        @"(?<y>(?:19|20)\d{2})\s*年\s*(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*日" +
        @"|(?<![\d.])(?<y>(?:19|20)\d{2})\s*[-/.]\s*(?<m>\d{1,2})\s*[-/.]\s*(?<d>\d{1,2})(?![\d.])" +
        @"|(?<!\d)(?<y>(?:19|20)\d{2})(?<m>[01]\d)(?<d>[0-3]\d)(?!\d)" +
        @"|(?<cy>[〇零Oo○Ｏ０О0◯ｏ一二三四五六七八九]{4})\s*年\s*(?<cm>十[一二]?|[一二三四五六七八九]|元)\s*月\s*(?<cd>[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*日";

    [GeneratedRegex("^(?:" + DatePattern + @")(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")]
    private static partial Regex WholeDate();

    [GeneratedRegex(DatePattern)]
    private static partial Regex AnyDate();
}
