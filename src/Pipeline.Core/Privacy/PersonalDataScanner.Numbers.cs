using System.Buffers;
using System.Text;
using Pipeline.Core.Classification;

namespace Pipeline.Core.Privacy;

/// <summary>
/// Mobile and resident ID numbers however they are written: digits in any script a reader takes for digits (ASCII,
/// full-width, Chinese numerals with 〇/○/零 for 0 and 幺 for 1, financial numerals, Arabic-Indic, mathematical and
/// other Unicode decimal digits, mixed), invisible characters anywhere between them (ignored), groups joined by any
/// short run of separators (spaces of every width, tab, hyphens and dashes, slashes, underscores, dots, middle dots,
/// brackets — the same or mixed), behind a country code (+86, 86-, (86), 0086) or a letter prefix (TEL, Tel:, Mobile).
/// Positions refer to the original text, so masking keeps the written form (139-****-5678, 一三九****五六七八).
/// </summary>
/// <remarks>
/// The line is read as atoms (one digit each, with its position) joined by gaps: nothing or only invisible characters
/// (same group), up to <see cref="MaxGapChars"/> separator characters (next group of the same chain), or anything else
/// (the chain ends). A change between Chinese numerals and other digits is also tried as a group boundary, so
/// 周五13912345678 still shows the 11 digits. A candidate is a window of whole groups of a chain:
/// <list type="bullet">
/// <item>mobile: 11 digits starting 1[3-9] (after an optional country-code group), grouped as people group phone
/// numbers — one group, groups of three or more digits (3-4-4, 3-8, 7-4, 4-4-3…), or one digit per group (spaced
/// out). Mixed short groups (135 2 0 0 0 0 137) are a row of counts, not a number;</item>
/// <item>resident ID: 18 characters (17 digits and a digit or X) in any grouping with a valid GB 11643 check
/// character and birth date — the check is strong enough to need no grouping rule;</item>
/// <item>either way, the window must stand apart from the rest of its chain: the separators just outside it must be of
/// another kind than those inside ("合计 10 139 1234 5678" is four counts; "10 139-1234-5678" is a number);
/// a group longer than a number (an order number) never contains one.</item>
/// </list>
/// Which way it fails: the grouping rule can miss a number written with deliberately odd short groups
/// (13 91 23 45 678) — documented in docs/reliability.md; everything the issue and the property test write is found.
/// </remarks>
public static partial class PersonalDataScanner
{
    private readonly record struct NumberMatch(int Start, int End, string Kind, string Masked);

    /// <summary>One digit as written: its characters [Start, End), value (10 = check letter X), whether a Chinese numeral,
    /// and the separator kinds of the gap before it (<see cref="ChainBreak"/> when it starts a chain).</summary>
    private readonly record struct Atom(int Start, int End, int Value, bool Chinese, int GapBefore);

    private readonly record struct Group(int First, int Last, int GapBefore)
    {
        public int Length => Last - First + 1;
    }

    private const string MobileKind = "mobile";
    private const string ResidentIdKind = "resident-id";

    // Separator kinds (bit flags). Script is a virtual kind: Chinese numerals next to other digits.
    private const int Space = 1, Dash = 2, Slash = 4, Underscore = 8, Dot = 16, Bracket = 32, Script = 64;
    private const int ChainBreak = -1;

    /// <summary>Separator characters allowed between two groups (" - ", "）（", "  ").</summary>
    private const int MaxGapChars = 3;

    /// <summary>The most digits a window needs: a resident ID (18); a mobile behind 0086 is 15.</summary>
    private const int MaxWindowDigits = 18;

    /// <summary>Fewest digit atoms a line needs before it is worth reading: a mobile number.</summary>
    private const int MinDigits = 11;

    // Mobile: keep the first three and the last four digits. Resident ID: keep region (6) and sequence + check (4).
    private const int MobileMaskFrom = 3, MobileMaskCount = 4, IdMaskFrom = 6, IdMaskCount = 8;

    private static readonly HashSet<string> LetterPrefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "tel", "telephone", "phone", "ph", "mobile", "mob", "mp", "hp", "cell", "cellphone", "call", "m", "t", "p", "no", "num", "number",
    };

    private static void FindNumbers(string text, int maxBirthYear, ref List<NumberMatch>? found)
    {
        if (CannotHoldANumber(text) || !HasLongChain(text)) return;
        var atoms = ReadAtoms(text);
        var chainStart = 0;
        for (var i = 1; i <= atoms.Count; i++)
        {
            if (i < atoms.Count && atoms[i].GapBefore != ChainBreak) continue;
            if (i - chainStart >= MinDigits)
            {
                var chain = atoms.GetRange(chainStart, i - chainStart);
                ScanChain(text, chain, scriptIsBoundary: false, maxBirthYear, ref found);
                if (chain.Any(a => a.Chinese) && chain.Any(a => !a.Chinese))
                    ScanChain(text, chain, scriptIsBoundary: true, maxBirthYear, ref found);
            }
            chainStart = i;
        }
    }

    /// <summary>ASCII and full-width digits and the Chinese numerals: the digits of ordinary Chinese text.</summary>
    private static readonly SearchValues<char> CommonDigits =
        SearchValues.Create("0123456789０１２３４５６７８９〇○零◯一幺壹二贰貳三叁參四肆五伍六陆陸七柒八捌九玖");

    /// <summary>
    /// Vectorised first test: fewer than <see cref="MinDigits"/> common digits, and no character from the ranges that
    /// hold other scripts' digits, invisible characters or surrogates (U+0660–U+2FFF, U+A000–U+FEFF, U+D800–U+DFFF).
    /// Ordinary Chinese lines (ASCII, CJK, full-width punctuation) end here.
    /// </summary>
    private static bool CannotHoldANumber(string text)
    {
        var span = text.AsSpan();
        if (span.IndexOfAnyInRange('\u0660', '\u2FFF') >= 0 || span.IndexOfAnyInRange('\uA000', '\uFEFF') >= 0) return false;
        var seen = 0;
        for (var at = span.IndexOfAny(CommonDigits); at >= 0; at = span.IndexOfAny(CommonDigits))
        {
            if (++seen >= MinDigits) return false;
            span = span[(at + 1)..];
        }
        return true;
    }

    /// <summary>
    /// Whether the text has a chain of at least <see cref="MinDigits"/> digits (the same gap rules as
    /// <see cref="ReadAtoms"/>): a cheap pre-check without allocation, so prose full of 一 and 二 costs one pass.
    /// </summary>
    private static bool HasLongChain(string text)
    {
        var chain = 0;
        var gapChars = -1; // -1: no chain open
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var width = 1;
            var isDigit = char.IsAsciiDigit(c) || (c >= 0x80 && TryDigit(text, i, out _, out width, out _));
            if (isDigit || (gapChars >= 0 && IsCheckLetter(c)))
            {
                chain = gapChars < 0 ? 1 : chain + 1;
                if (chain >= MinDigits) return true;
                gapChars = 0;
                i += width - 1;
            }
            else if (c is >= '\u4E00' and <= '\u9FFF' || (c < 0x80 && SeparatorKind(c) == 0))
            {
                gapChars = -1; // a Han character or a visible ASCII character that is no separator ends the chain
            }
            else if ((width = InvisibleWidth(text, i)) > 0)
            {
                i += width - 1; // invisible: neither digit nor gap
            }
            else
            {
                gapChars = gapChars >= 0 && gapChars < MaxGapChars && SeparatorKind(c) != 0 ? gapChars + 1 : -1;
            }
        }
        return false;
    }

    private static List<Atom> ReadAtoms(string text)
    {
        var atoms = new List<Atom>();
        var gap = ChainBreak;
        var gapChars = 0;
        var previousChinese = false;
        for (var i = 0; i < text.Length;)
        {
            if (TryDigit(text, i, out var value, out var width, out var chinese))
            {
                var kinds = gap == ChainBreak ? ChainBreak : gap | (chinese != previousChinese ? Script : 0);
                atoms.Add(new Atom(i, i + width, value, chinese, kinds));
                (gap, gapChars, previousChinese) = (0, 0, chinese);
                i += width;
                continue;
            }
            if (gap != ChainBreak && IsCheckLetter(text[i]))
            {
                // X continues a chain (the check character of a resident ID); it never starts one.
                atoms.Add(new Atom(i, i + 1, 10, false, gap));
                (gap, gapChars) = (0, 0);
                i++;
                continue;
            }
            var invisibleWidth = InvisibleWidth(text, i);
            if (invisibleWidth > 0)
            {
                i += invisibleWidth;
                continue;
            }
            var kind = SeparatorKind(text[i]);
            if (gap != ChainBreak && kind != 0 && gapChars < MaxGapChars)
            {
                gap |= kind;
                gapChars++;
            }
            else
            {
                gap = ChainBreak;
            }
            i += char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
        }
        return atoms;
    }

    /// <summary>Scans one chain: splits it into groups and checks every window of whole groups.</summary>
    private static void ScanChain(string text, List<Atom> chain, bool scriptIsBoundary, int maxBirthYear, ref List<NumberMatch>? found)
    {
        var groups = new List<Group>();
        var first = 0;
        var gapBefore = 0;
        for (var i = 1; i <= chain.Count; i++)
        {
            var gap = i < chain.Count ? (scriptIsBoundary ? chain[i].GapBefore : chain[i].GapBefore & ~Script) : 0;
            if (i < chain.Count && gap == 0) continue;
            groups.Add(new Group(first, i - 1, gapBefore));
            (first, gapBefore) = (i, gap);
        }

        for (var g = 0; g < groups.Count; g++)
        {
            var digits = 0;
            var inner = 0;
            for (var h = g; h < groups.Count; h++)
            {
                if (h > g) inner |= groups[h].GapBefore;
                digits += groups[h].Length;
                if (digits > MaxWindowDigits) break;
                var before = g > 0 ? groups[g].GapBefore : 0;
                var after = h + 1 < groups.Count ? groups[h + 1].GapBefore : 0;
                if ((before & inner) != 0 || (after & inner) != 0) continue; // not apart from the rest of its chain
                CheckWindow(text, chain, groups, g, h, maxBirthYear, ref found);
            }
        }
    }

    private static void CheckWindow(string text, List<Atom> chain, List<Group> groups, int g, int h, int maxBirthYear, ref List<NumberMatch>? found)
    {
        var firstAtom = groups[g].First;
        var lastAtom = groups[h].Last;
        var count = lastAtom - firstAtom + 1;

        if (count == 18 && IsResidentId(chain, firstAtom, maxBirthYear))
        {
            Add(ref found, text, chain, firstAtom, lastAtom, ResidentIdKind, IdMaskFrom, IdMaskCount);
            return;
        }
        if (HasCheckLetter(chain, firstAtom, lastAtom) || IsAsciiLetterAfter(text, chain[lastAtom].End)) return;

        // Mobile, with the country code in its own group (+86 139…), glued to the first group (+86139 1234 5678,
        // +8613912345678, 008613912345678), or absent. Glued needs the + (or 00): 86139… alone is only taken whole.
        var (national, groupFrom, firstLength) = (firstAtom, g, groups[g].Length);
        if (g < h && IsCountryCode(chain, groups[g])) (national, groupFrom, firstLength) = (groups[g + 1].First, g + 1, groups[g + 1].Length);
        else if (StartsWith(chain, firstAtom, 0, 0, 8, 6) && groups[g].Length > 4) (national, firstLength) = (firstAtom + 4, groups[g].Length - 4);
        else if (StartsWith(chain, firstAtom, 8, 6) && groups[g].Length > 2 && (g == h && count == 13 || IsPlusBefore(text, chain[firstAtom].Start)))
            (national, firstLength) = (firstAtom + 2, groups[g].Length - 2);
        if (lastAtom - national + 1 != 11 || !StartsWith(chain, national, 1) || chain[national + 1].Value < 3) return;
        if (!IsPhoneGrouping(groups, groupFrom, h, firstLength)) return;
        if (!LetterBeforeIsAPrefix(text, chain[firstAtom].Start)) return;
        Add(ref found, text, chain, national, lastAtom, MobileKind, MobileMaskFrom, MobileMaskCount);
    }

    /// <summary>One group, groups of three or more digits, or one digit per group (spaced out). The first group counts
    /// <paramref name="firstLength"/> digits (less than written when a country code is glued to it).</summary>
    private static bool IsPhoneGrouping(List<Group> groups, int from, int to, int firstLength)
    {
        if (from == to) return true;
        var allLong = firstLength >= 3;
        var allSingle = firstLength == 1;
        for (var i = from + 1; i <= to; i++)
        {
            allLong &= groups[i].Length >= 3;
            allSingle &= groups[i].Length == 1;
        }
        return allLong || allSingle;
    }

    private static bool IsPlusBefore(string text, int start)
    {
        while (start > 0 && ClassificationText.IsInvisible(text[start - 1])) start--;
        return start > 0 && text[start - 1] is '+' or '＋';
    }

    private static bool IsCountryCode(List<Atom> chain, Group group) =>
        (group.Length == 2 && StartsWith(chain, group.First, 8, 6)) || (group.Length == 4 && StartsWith(chain, group.First, 0, 0, 8, 6));

    private static bool StartsWith(List<Atom> chain, int first, params ReadOnlySpan<int> values)
    {
        for (var i = 0; i < values.Length; i++)
            if (first + i >= chain.Count || chain[first + i].Value != values[i]) return false;
        return true;
    }

    private static bool HasCheckLetter(List<Atom> chain, int first, int last)
    {
        for (var i = first; i <= last; i++)
            if (chain[i].Value == 10) return true;
        return false;
    }

    private static bool IsResidentId(List<Atom> chain, int first, int maxBirthYear)
    {
        Span<char> id = stackalloc char[18];
        for (var i = 0; i < 18; i++)
        {
            var value = chain[first + i].Value;
            if (value == 10 && i != 17) return false;
            id[i] = value == 10 ? 'X' : (char)('0' + value);
        }
        return IsValidResidentId(id, maxBirthYear);
    }

    private static void Add(ref List<NumberMatch>? found, string text, List<Atom> chain, int first, int last, string kind, int maskFrom, int maskCount)
    {
        var start = chain[first].Start;
        var end = chain[last].End;
        found ??= [];
        foreach (var existing in found)
            if (existing.Start < end && start < existing.End) return; // already found (the other grouping pass, or a wider window)

        var masked = new StringBuilder(end - start);
        var position = start;
        for (var i = first + maskFrom; i < first + maskFrom + maskCount; i++)
        {
            masked.Append(text, position, chain[i].Start - position).Append('*');
            position = chain[i].End;
        }
        masked.Append(text, position, end - position);
        found.Add(new NumberMatch(start, end, kind, masked.ToString()));
    }

    /// <summary>A letter just before the number is allowed only as a prefix (TEL13912345678); ABC139… is a code.</summary>
    private static bool LetterBeforeIsAPrefix(string text, int start)
    {
        var end = start;
        while (end > 0 && ClassificationText.IsInvisible(text[end - 1])) end--;
        var letters = end;
        while (letters > 0 && char.IsAsciiLetter(text[letters - 1])) letters--;
        return letters == end || LetterPrefixes.Contains(text[letters..end]);
    }

    private static bool IsAsciiLetterAfter(string text, int end)
    {
        while (end < text.Length && ClassificationText.IsInvisible(text[end])) end++;
        return end < text.Length && char.IsAsciiLetter(text[end]);
    }

    /// <summary>A digit at <paramref name="index"/>: its value, UTF-16 width and whether it is a Chinese numeral.</summary>
    private static bool TryDigit(string text, int index, out int value, out int width, out bool chinese)
    {
        var c = text[index];
        (width, chinese) = (1, false);
        if (char.IsAsciiDigit(c))
        {
            value = c - '0';
            return true;
        }
        value = ChineseDigitValue(c);
        if (value >= 0)
        {
            chinese = true;
            return true;
        }
        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            var rune = new Rune(c, text[index + 1]);
            if (!Rune.IsDigit(rune)) return false;
            (value, width) = ((int)Rune.GetNumericValue(rune), 2);
            return true;
        }
        if (c < 0x80 || !char.IsDigit(c)) return false;
        value = (int)char.GetNumericValue(c); // full-width, Arabic-Indic, Devanagari… (Unicode decimal digits)
        return true;
    }

    private static int ChineseDigitValue(char c) => c switch
    {
        '〇' or '○' or '零' or '◯' => 0,
        '一' or '幺' or '壹' => 1,
        '二' or '贰' or '貳' => 2,
        '三' or '叁' or '參' => 3,
        '四' or '肆' => 4,
        '五' or '伍' => 5,
        '六' or '陆' or '陸' => 6,
        '七' or '柒' => 7,
        '八' or '捌' => 8,
        '九' or '玖' => 9,
        _ => -1,
    };

    /// <summary>UTF-16 width of an invisible character at <paramref name="index"/> (0 when the character shows).</summary>
    private static int InvisibleWidth(string text, int index)
    {
        var c = text[index];
        if (c < 0x80) return 0;
        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            return ClassificationText.IsInvisible(new Rune(c, text[index + 1])) ? 2 : 0;
        return ClassificationText.IsInvisible(c) ? 1 : 0;
    }

    private static int SeparatorKind(char c) => c switch
    {
        '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' or '\uFE58' or '\uFE63' or '\uFF0D' or '~' or '\uFF5E' => Dash,
        '/' or '\uFF0F' or '\\' or '\uFF3C' => Slash,
        '_' or '\uFF3F' => Underscore,
        '.' or '\uFF0E' or '\u00B7' or '\u2027' or '\u30FB' or '\uFF65' or '\u2219' or '\u22C5' => Dot,
        '(' or ')' or '\uFF08' or '\uFF09' or '[' or ']' or '\u3010' or '\u3011' or '\u3014' or '\u3015' or '\uFF3B' or '\uFF3D' => Bracket,
        _ when char.IsWhiteSpace(c) => Space,
        _ => 0,
    };

    private static bool IsCheckLetter(char c) => c is 'X' or 'x' or 'Ｘ' or 'ｘ';
}
