using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pipeline.Core.Model;
using Pipeline.Core.Privacy;
using Xunit.Abstractions;

namespace Pipeline.Core.Tests.Properties;

/// <summary>
/// Issue 16 item 1: nothing that decides publication is fooled by how a thing is written. Generated written forms of
/// known mobile and resident ID numbers, in a report otherwise fit to publish, are always found (so the report is held,
/// never publishable) and masked without leaving the number readable; generated not-public scopes are never publishable.
/// Each property runs the whole analyser (decode → clean → scan → header → metadata → validate), as an upload would.
/// </summary>
public class PublicationClassificationPropertyTests(ITestOutputHelper output)
{
    public static Arbitrary<NumberForm> MobileLines() => WrittenForms.MobileLines.ToArbitrary();

    public static Arbitrary<IdForm> IdLines() => WrittenForms.ResidentIdLines.ToArbitrary();

    public static Arbitrary<ScopeForm> ScopeHeaders() => WrittenForms.NotPublicScopeHeaders.ToArbitrary();

    private static bool IsHeldWithThe(string kind, ReportAnalysis analysis) =>
        analysis.Verdict.Accepted && !analysis.Verdict.Publishable && analysis.PersonalData.Any(h => h.Kind == kind);

    /// <summary>Masked output keeps no run of the number's digits longer than the unmasked head/tail (classification-normalised).</summary>
    private static bool MaskHidesTheNumber(string line, string number)
    {
        var hits = new List<PersonalDataHit>();
        var masked = PersonalDataScanner.ScanText(line, 1, mask: true, 2027, hits) ?? line;
        var digits = DigitsOf(masked);
        // The masked middle (digits 4–7 of a mobile, 7–14 of an ID) must not survive in the masked text.
        var middle = number.Length == 11 ? number[3..7] : number[6..14];
        return hits.Count > 0 && !digits.Contains(number, StringComparison.Ordinal) && !digits.Contains(number[..3] + middle, StringComparison.Ordinal);
    }

    /// <summary>Every digit of the text, whatever its script, as ASCII (Chinese numerals included), invisible characters dropped.</summary>
    private static string DigitsOf(string text)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            var s = rune.ToString();
            var i = "〇一二三四五六七八九".IndexOf(s, StringComparison.Ordinal);
            if (i >= 0) sb.Append((char)('0' + i));
            else if (s is "○" or "零") sb.Append('0');
            else if (s == "幺") sb.Append('1');
            else if (System.Text.Rune.IsDigit(rune)) sb.Append((char)('0' + (int)System.Text.Rune.GetNumericValue(rune)));
            else if (s is "X" or "x" or "Ｘ") sb.Append('X');
            else if (!IsInvisible(rune)) sb.Append(' ');
        }
        return sb.ToString().Replace(" ", "", StringComparison.Ordinal);
    }

    // The test's own idea of "shows nothing" (not the production normaliser's): format characters, marks, U+180E.
    private static bool IsInvisible(System.Text.Rune rune) =>
        System.Globalization.CharUnicodeInfo.GetUnicodeCategory(rune.Value) is System.Globalization.UnicodeCategory.Format
            or System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.EnclosingMark
        || rune.Value == 0x180E;

    [Property(MaxTest = 400, Arbitrary = [typeof(PublicationClassificationPropertyTests)])]
    public Property Any_written_mobile_number_is_held_and_masked(NumberForm form) =>
        (IsHeldWithThe("mobile", TestFiles.AnalyzeText(WrittenForms.ReportWithBodyLine(form.Line))) && MaskHidesTheNumber(form.Line, form.Number))
        .Label($"not held or not masked: {Escape(form.Line)}");

    [Property(MaxTest = 300, Arbitrary = [typeof(PublicationClassificationPropertyTests)])]
    public Property Any_written_resident_id_is_held_and_masked(IdForm form) =>
        (IsHeldWithThe("resident-id", TestFiles.AnalyzeText(WrittenForms.ReportWithBodyLine(form.Line))) && MaskHidesTheNumber(form.Line, form.Number))
        .Label($"not held or not masked: {Escape(form.Line)}");

    [Property(MaxTest = 400, Arbitrary = [typeof(PublicationClassificationPropertyTests)])]
    public Property Any_written_not_public_scope_is_never_publishable(ScopeForm form)
    {
        var analysis = TestFiles.AnalyzeText(WrittenForms.ReportWithScope(form.HeaderLines));
        return (analysis.Verdict.Accepted && !analysis.Verdict.Publishable && analysis.Metadata.PublicScopeNormalized != PublicScope.Public)
            .Label($"publishable: {Escape(form.HeaderLines)}");
    }

    /// <summary>
    /// The figure for docs/reliability.md: of a fixed, seeded sample of generated forms, how many are held (numbers)
    /// or not publishable (scopes). Asserts all; prints the counts so the figure can be measured on any version.
    /// </summary>
    [Fact]
    public void Seeded_sample_figures()
    {
        const int count = 1000;
        var mobiles = WrittenForms.MobileLines.Sample(count, new Rnd(16UL), 30);
        var ids = WrittenForms.ResidentIdLines.Sample(count, new Rnd(16UL), 30);
        var scopes = WrittenForms.NotPublicScopeHeaders.Sample(count, new Rnd(16UL), 30);
        var mobileMissed = mobiles.Where(f => !IsHeldWithThe("mobile", TestFiles.AnalyzeText(WrittenForms.ReportWithBodyLine(f.Line)))).ToList();
        var idMissed = ids.Where(f => !IsHeldWithThe("resident-id", TestFiles.AnalyzeText(WrittenForms.ReportWithBodyLine(f.Line)))).ToList();
        var scopeMissed = scopes.Where(f => TestFiles.AnalyzeText(WrittenForms.ReportWithScope(f.HeaderLines)).Verdict.Publishable).ToList();
        output.WriteLine($"mobile forms held: {mobiles.Length - mobileMissed.Count}/{mobiles.Length} ({mobiles.Select(f => f.Line).Distinct().Count()} distinct)");
        output.WriteLine($"resident ID forms held: {ids.Length - idMissed.Count}/{ids.Length} ({ids.Select(f => f.Line).Distinct().Count()} distinct)");
        output.WriteLine($"not-public scope forms not publishable: {scopes.Length - scopeMissed.Count}/{scopes.Length} ({scopes.Select(f => f.HeaderLines).Distinct().Count()} distinct)");
        foreach (var f in mobileMissed.Take(15)) output.WriteLine("mobile missed: " + Escape(f.Line));
        foreach (var f in idMissed.Take(15)) output.WriteLine("id missed: " + Escape(f.Line));
        foreach (var f in scopeMissed.Take(15)) output.WriteLine("scope published: " + Escape(f.HeaderLines));
        Assert.Empty(mobileMissed);
        Assert.Empty(idMissed);
        Assert.Empty(scopeMissed);
    }

    private static string Escape(string s) => string.Concat(s.EnumerateRunes().Select(r =>
        r.Value is < 0x20 or (>= 0x7F and <= 0xA0) || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(r.Value) == System.Globalization.UnicodeCategory.Format
            ? $"\\u{r.Value:X4}" : r.ToString()));
}
