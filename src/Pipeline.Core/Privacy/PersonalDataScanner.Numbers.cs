using System.Buffers;

namespace Pipeline.Core.Privacy;

/// <summary>
/// Mobile and resident ID numbers as people write them: contiguous (13912345678), grouped 3-4-4 / 6-8-4 with one kind
/// of separator (139-1234-5678, 139 1234 5678, 139.1234.5678, 110105 19491231 002X), in full-width digits
/// (１３９１２３４５６７８), and mobiles behind a country code (+86 139 1234 5678, +8613912345678, 0086-13912345678).
/// Digits are normalised per character only for matching; positions refer to the original text, so masking keeps the
/// written form (139-****-5678, １３９****５６７８).
/// </summary>
/// <remarks>
/// Hand-written rather than a regular expression because it runs on every line of every upload: it jumps from digit
/// to digit with vectorised searches and looks at each digit once. A grouped number must be a whole run of groups
/// joined by the same separator: "合计 10 139 1234 5678" is a row of four counts, not a mobile, while in
/// "10 139-1234-5678" the hyphen run stands on its own. Landlines (0730-4500137, 028-1234-5678) do not start with 1,
/// and digit runs longer than a number (order numbers) never match.
/// </remarks>
public static partial class PersonalDataScanner
{
    private readonly record struct NumberMatch(int Start, int End, string Kind, int MaskFromDigit, int MaskedDigitCount);

    private const string MobileKind = "mobile";
    private const string ResidentIdKind = "resident-id";

    // Mobile: keep the first three and the last four digits. Resident ID: keep region (6) and sequence + check (4).
    private const int MobileMaskFrom = 3, MobileMaskCount = 4, IdMaskFrom = 6, IdMaskCount = 8;

    /// <summary>An optional country code and three groups: longer runs of groups are rows of figures.</summary>
    private const int MaxRunGroups = 4;

    private static readonly SearchValues<char> AsciiAndFullWidthDigits = SearchValues.Create("0123456789０１２３４５６７８９");

    private static void FindNumbers(string text, bool hasFullWidthDigits, int maxBirthYear, ref List<NumberMatch>? found)
    {
        var position = 0;
        while (position < text.Length)
        {
            var rest = text.AsSpan(position);
            var offset = hasFullWidthDigits ? rest.IndexOfAny(AsciiAndFullWidthDigits) : rest.IndexOfAnyInRange('0', '9');
            if (offset < 0) return;
            position = ScanChain(text, position + offset, maxBirthYear, ref found);
        }
    }

    /// <summary>
    /// Scans one chain of digit groups joined by single separators, starting at the first digit of the chain;
    /// returns the index just after its last digit.
    /// </summary>
    private static int ScanChain(string text, int start, int maxBirthYear, ref List<NumberMatch>? found)
    {
        // The current run: consecutive groups joined by the same kind of separator. Counting stops at
        // MaxRunGroups + 1, which marks a run too long to be one number.
        Span<int> runStarts = stackalloc int[MaxRunGroups];
        Span<int> runEnds = stackalloc int[MaxRunGroups];
        var runCount = 0;
        var runSeparator = '\0';
        var groupStart = start;
        while (true)
        {
            var groupEnd = groupStart;
            while (groupEnd < text.Length && IsDigit(text[groupEnd])) groupEnd++;
            CheckContiguous(text, groupStart, groupEnd, maxBirthYear, ref found);

            if (runCount < MaxRunGroups)
            {
                runStarts[runCount] = groupStart;
                runEnds[runCount] = groupEnd;
            }
            runCount = Math.Min(runCount + 1, MaxRunGroups + 1);

            var separator = groupEnd + 1 < text.Length && IsDigit(text[groupEnd + 1]) ? SeparatorKind(text[groupEnd]) : '\0';
            if (separator == '\0')
            {
                CheckGrouped(text, runStarts, runEnds, runCount, maxBirthYear, ref found);
                return groupEnd;
            }
            if (runCount > 1 && separator != runSeparator)
            {
                // The separator changes: the run so far ends, and this group opens the next run as well.
                CheckGrouped(text, runStarts, runEnds, runCount, maxBirthYear, ref found);
                runStarts[0] = groupStart;
                runEnds[0] = groupEnd;
                runCount = 1;
            }
            runSeparator = separator;
            groupStart = groupEnd + 1;
        }
    }

    /// <summary>One group of digits with no separators: 13912345678, +8613912345678, 11010519491231002X.</summary>
    private static void CheckContiguous(string text, int start, int end, int maxBirthYear, ref List<NumberMatch>? found)
    {
        var length = end - start;
        if (length < 11 || IsAsciiLetterAt(text, start - 1)) return;

        var national = start;
        if (length == 13 && start > 0 && text[start - 1] == '+' && StartsWithDigits(text, start, "86")) national = start + 2;
        else if (length == 15 && StartsWithDigits(text, start, "0086")) national = start + 4;
        if (end - national == 11)
        {
            if (IsMobilePrefix(text, national) && !IsAsciiLetterAt(text, end))
                (found ??= []).Add(new NumberMatch(national, end, MobileKind, MobileMaskFrom, MobileMaskCount));
            return;
        }

        var idEnd = length == 18 ? end : length == 17 && end < text.Length && IsCheckLetter(text[end]) ? end + 1 : -1;
        if (idEnd > 0 && !IsAsciiLetterAt(text, idEnd) && IsValidWrittenResidentId(text, start, idEnd, maxBirthYear))
            (found ??= []).Add(new NumberMatch(start, idEnd, ResidentIdKind, IdMaskFrom, IdMaskCount));
    }

    /// <summary>A whole run of groups joined by one kind of separator: [country code] 3-4-4 mobile, or 6-8-4 resident ID.</summary>
    private static void CheckGrouped(string text, ReadOnlySpan<int> starts, ReadOnlySpan<int> ends, int count, int maxBirthYear, ref List<NumberMatch>? found)
    {
        if (count is < 3 or > MaxRunGroups || IsAsciiLetterAt(text, starts[0] - 1)) return;
        var first = 0;
        if (count == MaxRunGroups)
        {
            if (!IsCountryCode(text, starts[0], ends[0])) return;
            first = 1;
        }
        var (length0, length1, length2) = (ends[first] - starts[first], ends[first + 1] - starts[first + 1], ends[first + 2] - starts[first + 2]);
        var start = starts[first];
        var end = ends[count - 1];

        if (length0 == 3 && length1 == 4 && length2 == 4)
        {
            if (IsMobilePrefix(text, start) && !IsAsciiLetterAt(text, end))
                (found ??= []).Add(new NumberMatch(start, end, MobileKind, MobileMaskFrom, MobileMaskCount));
            return;
        }
        if (first != 0 || length0 != 6 || length1 != 8) return;
        var idEnd = length2 == 4 ? end : length2 == 3 && end < text.Length && IsCheckLetter(text[end]) ? end + 1 : -1;
        if (idEnd > 0 && !IsAsciiLetterAt(text, idEnd) && IsValidWrittenResidentId(text, start, idEnd, maxBirthYear))
            (found ??= []).Add(new NumberMatch(start, idEnd, ResidentIdKind, IdMaskFrom, IdMaskCount));
    }

    /// <summary>Normalises the 18 characters of a written ID (dropping separators) and applies <see cref="IsValidResidentId"/>.</summary>
    private static bool IsValidWrittenResidentId(string text, int start, int end, int maxBirthYear)
    {
        Span<char> id = stackalloc char[18];
        var length = 0;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (IsDigit(c)) id[length++] = (char)('0' + DigitValue(c));
            else if (IsCheckLetter(c)) id[length++] = 'X';
            // anything else is a separator between groups
            if (length == id.Length) break;
        }
        return length == id.Length && IsValidResidentId(id, maxBirthYear);
    }

    private static bool IsCountryCode(string text, int start, int end) =>
        (end - start == 2 && start > 0 && text[start - 1] == '+' && StartsWithDigits(text, start, "86"))
        || (end - start == 4 && StartsWithDigits(text, start, "0086"));

    /// <summary>Mainland mobile numbers start 13–19.</summary>
    private static bool IsMobilePrefix(string text, int start) => DigitValue(text[start]) == 1 && DigitValue(text[start + 1]) >= 3;

    private static bool StartsWithDigits(string text, int start, string digits)
    {
        for (var i = 0; i < digits.Length; i++)
            if (DigitValue(text[start + i]) != digits[i] - '0') return false;
        return true;
    }

    /// <summary>Space, hyphen and dot, in their ASCII, no-break and full-width forms, each folded to one kind.</summary>
    private static char SeparatorKind(char c) => c switch
    {
        ' ' or '\u00A0' or '\u3000' => ' ',
        '-' or '\uFF0D' => '-',
        '.' or '\uFF0E' => '.',
        _ => '\0',
    };

    private static bool IsAsciiLetterAt(string text, int index) => (uint)index < (uint)text.Length && char.IsAsciiLetter(text[index]);

    private static bool IsCheckLetter(char c) => c is 'X' or 'x' or 'Ｘ' or 'ｘ';

    private static bool IsFullWidthDigit(char c) => (uint)(c - '０') <= 9;

    private static bool IsDigit(char c) => char.IsAsciiDigit(c) || IsFullWidthDigit(c);

    /// <summary>Value of an ASCII or full-width digit.</summary>
    private static int DigitValue(char c) => c <= '9' ? c - '0' : c - '０';
}
