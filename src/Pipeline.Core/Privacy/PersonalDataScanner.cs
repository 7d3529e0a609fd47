using System.Text;
using System.Text.RegularExpressions;
using Pipeline.Core.Decoding;
using Pipeline.Core.Model;

namespace Pipeline.Core.Privacy;

/// <summary>
/// Finds personal data that must not go on a public site unreviewed: mainland mobile numbers (1[3-9] + 9 digits, not
/// part of a longer number), 18-digit resident ID numbers with a valid ISO 7064 MOD 11-2 check character and a
/// plausible birth date, and e-mail addresses at personal mail providers. Can mask what it finds (185****6331).
/// </summary>
public static partial class PersonalDataScanner
{
    private static readonly int[] IdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string IdCheckCharacters = "10X98765432";

    /// <summary>Scans the lines; when <paramref name="mask"/> is true, returns lines (and .docx tables) with hits masked.</summary>
    public static IReadOnlyList<SourceLine> Scan(IReadOnlyList<SourceLine> lines, bool mask, int maxBirthYear, List<PersonalDataHit> hits)
    {
        var result = mask ? new List<SourceLine>(lines.Count) : null;
        foreach (var line in lines)
        {
            if (line.Table is { } table)
            {
                var maskedTable = ScanTable(table, line.Number, mask, maxBirthYear, hits);
                result?.Add(line with { Table = maskedTable, Text = DocxExtractor.Flatten(maskedTable) });
                continue;
            }
            var masked = ScanText(line.Text, line.Number, mask, maxBirthYear, hits);
            result?.Add(masked is null ? line : line with { Text = masked });
        }
        return result ?? lines;
    }

    private static Table ScanTable(Table table, int lineNumber, bool mask, int maxBirthYear, List<PersonalDataHit> hits)
    {
        IReadOnlyList<IReadOnlyList<string?>> MaskRows(IReadOnlyList<IReadOnlyList<string?>> rows) =>
            rows.Select(r => (IReadOnlyList<string?>)r.Select(c => c is null ? null : ScanText(c, lineNumber, mask, maxBirthYear, hits) ?? c).ToList()).ToList();
        var header = MaskRows(table.Header);
        var rows = MaskRows(table.Rows);
        return mask ? table with { Header = header, Rows = rows } : table;
    }

    /// <summary>Records hits in one text; returns the masked text when masking changed it, else null.</summary>
    public static string? ScanText(string text, int lineNumber, bool mask, int maxBirthYear, List<PersonalDataHit> hits)
    {
        // Cheap pre-checks: numbers need a run of at least 11 digits, e-mail addresses an '@'.
        var hasLongNumber = HasDigitRun(text, 11);
        var hasAt = text.Contains('@');
        if (!hasLongNumber && !hasAt) return null;

        List<(int Index, int Length, string Masked)>? replacements = null;
        if (hasLongNumber)
        {
            foreach (Match m in Mobile().Matches(text))
                Record(m, "mobile", MaskMobile(m.Value));
            foreach (Match m in ResidentId().Matches(text))
                if (IsValidResidentId(m.ValueSpan, maxBirthYear)) Record(m, "resident-id", m.Value[..6] + new string('*', 8) + m.Value[14..]);
        }
        if (hasAt)
            foreach (Match m in PersonalEmail().Matches(text))
                Record(m, "email", MaskEmail(m.Value));

        if (!mask || replacements is null) return null;
        replacements.Sort((a, b) => a.Index.CompareTo(b.Index));
        var sb = new StringBuilder(text.Length);
        var position = 0;
        foreach (var (index, length, masked) in replacements)
        {
            if (index < position) continue;
            sb.Append(text, position, index - position).Append(masked);
            position = index + length;
        }
        return sb.Append(text, position, text.Length - position).ToString();

        void Record(Match m, string kind, string masked)
        {
            hits.Add(new PersonalDataHit(kind, m.Value, masked, lineNumber));
            (replacements ??= []).Add((m.Index, m.Length, masked));
        }
    }

    private static bool HasDigitRun(string text, int length)
    {
        var span = text.AsSpan();
        while (span.Length >= length)
        {
            var start = span.IndexOfAnyInRange('0', '9');
            if (start < 0) return false;
            span = span[start..];
            var end = span.IndexOfAnyExceptInRange('0', '9');
            if (end < 0) end = span.Length;
            if (end >= length) return true;
            span = span[end..];
        }
        return false;
    }

    public static string MaskMobile(string number) => number[..3] + "****" + number[7..];

    public static string MaskEmail(string email)
    {
        var at = email.IndexOf('@');
        return email[..1] + new string('*', Math.Max(3, at - 1)) + email[at..];
    }

    /// <summary>GB 11643: six-digit region, eight-digit birth date, sequence, ISO 7064 MOD 11-2 check character.</summary>
    public static bool IsValidResidentId(ReadOnlySpan<char> id, int maxBirthYear)
    {
        if (id.Length != 18) return false;
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(id[i])) return false;
            sum += (id[i] - '0') * IdWeights[i];
        }
        if (char.ToUpperInvariant(id[17]) != IdCheckCharacters[sum % 11]) return false;
        if (id[0] is '0' or '9') return false; // no province code starts with 0 or 9
        var year = int.Parse(id.Slice(6, 4));
        var month = int.Parse(id.Slice(10, 2));
        var day = int.Parse(id.Slice(12, 2));
        return year >= 1900 && year <= maxBirthYear && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    [GeneratedRegex(@"(?<![\dA-Za-z])1[3-9]\d{9}(?![\dA-Za-z])")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])")]
    private static partial Regex ResidentId();

    [GeneratedRegex(@"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:qq|vip\.qq|foxmail|163|126|yeah|vip\.163|vip\.126|188|139|189|wo|sina|sina\.cn|sohu|aliyun|tom|21cn|gmail|hotmail|outlook|live|yahoo|icloud|me|msn)\.(?:com|cn|net|com\.cn)(?![\w.-])", RegexOptions.IgnoreCase)]
    private static partial Regex PersonalEmail();
}
