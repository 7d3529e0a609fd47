using System.Text;
using System.Text.RegularExpressions;
using Pipeline.Core.Classification;
using Pipeline.Core.Decoding;
using Pipeline.Core.Model;

namespace Pipeline.Core.Privacy;

/// <summary>
/// Finds personal data that must not go on a public site unreviewed: mainland mobile numbers (1[3-9] + 9 digits, not
/// part of a longer number), 18-digit resident ID numbers with a valid ISO 7064 MOD 11-2 check character and a
/// plausible birth date, and e-mail addresses at personal mail providers. Can mask what it finds (185****6331).
/// Numbers are recognised as people write them, not only as contiguous ASCII digits: see PersonalDataScanner.Numbers.cs.
/// </summary>
public static partial class PersonalDataScanner
{
    private static readonly int[] IdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string IdCheckCharacters = "10X98765432";
    private const string EmailKind = "email";

    /// <summary>Scans the lines; when <paramref name="mask"/> is true, returns lines (and .docx tables) with hits masked.</summary>
    public static IReadOnlyList<SourceLine> Scan(IReadOnlyList<SourceLine> lines, bool mask, int maxBirthYear, List<PersonalDataHit> hits)
    {
        var result = mask ? new List<SourceLine>(lines.Count) : null;
        string? previous = null;
        foreach (var line in lines)
        {
            if (line.Table is { } table)
            {
                var maskedTable = ScanTable(table, line.Number, mask, maxBirthYear, hits);
                result?.Add(line with { Table = maskedTable, Text = DocxExtractor.Flatten(maskedTable) });
                previous = null;
                continue;
            }
            // A sentence a line break cut ("…请与某办公室联系（电话：…，电子邮箱：" / "abc@163.com）。") is read whole.
            var masked = ScanText(line.Text, line.Number, mask, maxBirthYear, hits, previous);
            result?.Add(masked is null ? line : line with { Text = masked });
            previous = UnfinishedSentence(previous, line.Text);
        }
        return result ?? lines;
    }

    // Built once: a collection expression here allocated and filled a new array on every line.
    private static readonly char[] SentenceEnds = ['。', '！', '？', '；', '!', '?'];

    /// <summary>The text of the sentence still open at the end of <paramref name="line"/> (at most 240 characters), or null.</summary>
    private static string? UnfinishedSentence(string? open, string line)
    {
        var end = line.LastIndexOfAny(SentenceEnds);
        var tail = end < 0 ? (open ?? "") + line : line[(end + 1)..];
        if (tail.Length == 0) return null;
        return tail.Length > 240 ? tail[^240..] : tail;
    }

    private static Table ScanTable(Table table, int lineNumber, bool mask, int maxBirthYear, List<PersonalDataHit> hits)
    {
        if (!mask)
        {
            // Only the hits are wanted: every cell scanned in the same order, no masked copy of the table built.
            ScanRows(table.Header);
            ScanRows(table.Rows);
            return table;
        }
        void ScanRows(IReadOnlyList<IReadOnlyList<string?>> rows)
        {
            for (var r = 0; r < rows.Count; r++)
                for (var c = 0; c < rows[r].Count; c++)
                    if (rows[r][c] is { } cell) ScanText(cell, lineNumber, mask: false, maxBirthYear, hits);
        }
        IReadOnlyList<IReadOnlyList<string?>> MaskRows(IReadOnlyList<IReadOnlyList<string?>> rows) =>
            rows.Select(r => (IReadOnlyList<string?>)r.Select(c => c is null ? null : ScanText(c, lineNumber, mask, maxBirthYear, hits) ?? c).ToList()).ToList();
        var header = MaskRows(table.Header);
        var rows = MaskRows(table.Rows);
        return mask ? table with { Header = header, Rows = rows } : table;
    }

    /// <summary>Records hits in one text; returns the masked text when masking changed it, else null.</summary>
    /// <remarks>
    /// An organisation's published contact details are not personal data: a hit that <see cref="IsOrganisationContact"/>
    /// clears (see PersonalDataScanner.Context.cs) is neither recorded nor masked.
    /// </remarks>
    public static string? ScanText(string text, int lineNumber, bool mask, int maxBirthYear, List<PersonalDataHit> hits, string? precedingText = null)
    {
        var before = precedingText ?? "";
        bool IsOrganisationContactHere(int start, int end, string kind) =>
            before.Length == 0 ? IsOrganisationContact(text, start, end, kind) : IsOrganisationContact(before + text, start + before.Length, end + before.Length, kind);
        List<(int Index, int Length, string Masked)>? replacements = null;
        List<NumberMatch>? numbers = null;
        FindNumbers(text, maxBirthYear, ref numbers);
        if (numbers is not null)
            foreach (var number in numbers.OrderBy(n => n.Start))
                if (!IsTableFigure(text, number.Start, number.End, number.Kind) && !IsOrganisationContactHere(number.Start, number.End, number.Kind))
                    Record(number.Start, text[number.Start..number.End], number.Kind, number.Masked);
        if (text.AsSpan().IndexOfAny("@＠﹫") >= 0)
            foreach (var (index, length) in FindPersonalEmails(text))
            {
                var value = text.Substring(index, length);
                if (!IsOrganisationContactHere(index, index + length, EmailKind)) Record(index, value, EmailKind, MaskEmail(value));
            }

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

        void Record(int index, string value, string kind, string masked)
        {
            hits.Add(new PersonalDataHit(kind, value, masked, lineNumber));
            (replacements ??= []).Add((index, value.Length, masked));
        }
    }

    /// <summary>
    /// Personal-provider e-mail addresses, also when written with full-width characters or invisible characters inside:
    /// the regex runs on a folded copy (invisible characters dropped, full-width ASCII folded) whose positions map back
    /// to the original, so the mask covers what was written.
    /// </summary>
    private static IEnumerable<(int Index, int Length)> FindPersonalEmails(string text)
    {
        var folded = new StringBuilder(text.Length);
        var origin = new List<int>(text.Length + 1);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= 0x80 && ClassificationText.IsInvisible(c)) continue;
            folded.Append(c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c == '﹫' ? '@' : c);
            origin.Add(i);
        }
        origin.Add(text.Length);
        foreach (Match m in PersonalEmail().Matches(folded.ToString()))
        {
            var start = origin[m.Index];
            var end = origin[m.Index + m.Length - 1] + 1;
            yield return (start, end - start);
        }
    }

    public static string MaskMobile(string number) => number[..3] + "****" + number[7..];

    public static string MaskEmail(string email)
    {
        var at = email.AsSpan().IndexOfAny("@＠﹫");
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

    [GeneratedRegex(@"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:qq|vip\.qq|foxmail|163|126|yeah|vip\.163|vip\.126|188|139|189|wo|sina|sina\.cn|sohu|aliyun|tom|21cn|gmail|hotmail|outlook|live|yahoo|icloud|me|msn)\.(?:com|cn|net|com\.cn)(?![\w.-])", RegexOptions.IgnoreCase)]
    private static partial Regex PersonalEmail();
}
