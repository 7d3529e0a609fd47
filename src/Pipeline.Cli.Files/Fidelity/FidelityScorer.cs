using System.Globalization;
using System.Text.Json;
using System.Text;
using Pipeline.Core.Metadata;
using Pipeline.Core.Model;
using Pipeline.Core;
using Pipeline.Site.Search;

namespace Pipeline.Cli.Fidelity;

/// <summary>
/// Runs the analyser over documents that have an expected reading and counts, field by field, how often it reads
/// what a careful person reads: title, publisher, generated and release dates, index code, public scope, top-level
/// sections, number of tables, text kept, chrome or markup left on the page, privacy (a hold on a report without
/// a private person's data is a false hold; a private person's data not found is a miss) and, cell by cell, the
/// template statistics tables. Documents are analysed as a
/// new agency's upload would be: without a registry entry, so every value must come from the document itself.
/// </summary>
public static class FidelityScorer
{
    /// <summary>Marks that must never reach a page whatever the document: markdown, Word HTML, escaped tags.</summary>
    private static readonly string[] MarkupMarks = ["<!--", "-->", "[if ", "[endif]", "|---", "| ---", "|:--", "##", "**", "&nbsp;", "</", "<p>", "<br"];

    public const string ExpectationSuffix = ".expected.json";

    /// <summary>Scores every document in <paramref name="folder"/> (recursively) that has a sibling expectation file.</summary>
    public static FidelityReport ScoreFolder(string folder, AnalysisOptions? options = null)
    {
        var cases = new List<(string Name, byte[] Bytes, ExpectedReading Expected)>();
        foreach (var expectation in Directory.EnumerateFiles(folder, "*" + ExpectationSuffix, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var stem = expectation[..^ExpectationSuffix.Length];
            var document = Directory.EnumerateFiles(Path.GetDirectoryName(expectation)!, Path.GetFileName(stem) + ".*")
                .FirstOrDefault(f => !f.EndsWith(ExpectationSuffix, StringComparison.Ordinal) && !f.EndsWith(".md.note", StringComparison.Ordinal));
            if (document is null) continue;
            cases.Add((Path.GetRelativePath(folder, document), File.ReadAllBytes(document), ExpectedReading.Load(expectation)));
        }
        return Score(cases, options);
    }

    public static FidelityReport Score(IEnumerable<(string Name, byte[] Bytes, ExpectedReading Expected)> cases, AnalysisOptions? options = null)
    {
        var tally = new SortedDictionary<string, (int Right, int Scored)>(StringComparer.Ordinal);
        var misses = new List<FieldMiss>();
        var documents = 0;
        foreach (var (name, bytes, expected) in cases)
        {
            documents++;
            var analysis = ReportAnalyzer.Analyze(bytes, Path.GetFileName(name), agency: null, options);
            foreach (var (field, found, want, right) in Compare(analysis, expected))
            {
                var (r, s) = tally.GetValueOrDefault(field);
                tally[field] = (r + (right ? 1 : 0), s + 1);
                if (!right) misses.Add(new FieldMiss(name, field, found, want));
            }
        }
        var fields = tally.Select(kv => new FieldAccuracy(kv.Key, kv.Value.Right, kv.Value.Scored)).ToList();
        return new FidelityReport(documents, fields, misses);
    }

    private static IEnumerable<(string Field, string? Found, string? Expected, bool Right)> Compare(ReportAnalysis analysis, ExpectedReading expected)
    {
        var m = analysis.Metadata;
        if (expected.Title.ValueKind != JsonValueKind.Undefined)
            yield return Text("title", m.Title.Value, expected.Title);
        if (expected.Publisher.ValueKind != JsonValueKind.Undefined)
            yield return Text("publisher", m.Publisher.Value, expected.Publisher);
        if (expected.GeneratedDate.ValueKind != JsonValueKind.Undefined)
            yield return Text("generatedDate", Date(m.GeneratedDate.Value), expected.GeneratedDate);
        if (expected.ReleaseDate.ValueKind != JsonValueKind.Undefined)
            yield return Text("releaseDate", Date(m.ReleaseDate.Value), expected.ReleaseDate);
        if (expected.IndexCode.ValueKind != JsonValueKind.Undefined)
            yield return Text("indexCode", m.IndexCode.Source == MetadataSource.Document ? m.IndexCode.Raw : null, expected.IndexCode);
        if (expected.PublicScope.ValueKind != JsonValueKind.Undefined)
            yield return Text("publicScope", m.PublicScope.Source == MetadataSource.Document ? m.PublicScope.Value : null, expected.PublicScope);

        if (expected.Sections is { } sections)
        {
            var found = TopLevelSections(analysis.Document);
            var right = found.Select(Fold).SequenceEqual(sections.Select(Fold));
            yield return ("sections", string.Join(" / ", found), string.Join(" / ", sections), right);
        }
        if (expected.Tables is { } tables)
        {
            var found = analysis.Document.Tables.Count();
            yield return ("tables", found.ToString(CultureInfo.InvariantCulture), tables.ToString(CultureInfo.InvariantCulture), found == tables);
        }

        var page = Fold(PageText(analysis));
        if (expected.MustContain is { Count: > 0 } kept)
        {
            var lost = kept.Where(k => !page.Contains(Fold(k), StringComparison.Ordinal)).ToList();
            yield return ("textKept", lost.Count == 0 ? null : "lost: " + string.Join(" | ", lost), null, lost.Count == 0);
        }
        var chrome = (expected.MustNotContain ?? []).Concat(MarkupMarks)
            .Where(c => Fold(c) is { Length: > 0 } f && page.Contains(f, StringComparison.Ordinal)).Distinct().ToList();
        yield return ("chromeOnPage", chrome.Count == 0 ? null : "shown: " + string.Join(" | ", chrome), null, chrome.Count == 0);

        foreach (var item in StatisticsExpectation.Compare(analysis.Document.Statistics, expected.Statistics))
            yield return item;

        if (expected.PrivateData is { } privateData)
        {
            var found = analysis.PersonalData.Count > 0;
            var detail = found ? string.Join(", ", analysis.PersonalData.Select(p => p.Kind + " " + p.Value)) : "none";
            yield return ("privacy", detail, privateData ? "private data" : "no private data", found == privateData);
        }
    }

    /// <summary>The outline's top level: headings of the smallest level the document uses.</summary>
    public static IReadOnlyList<string> TopLevelSections(ReportDocument document)
    {
        var headings = document.Headings.ToList();
        if (headings.Count == 0) return [];
        var top = headings.Min(h => h.Level);
        return headings.Where(h => h.Level == top).Select(h => h.DisplayText).ToList();
    }

    /// <summary>What a visitor reads in the page's article: title, publisher, body, tables, signature.</summary>
    private static string PageText(ReportAnalysis analysis) =>
        analysis.Metadata.Title.Value + "\n" + analysis.Metadata.Publisher.Value + "\n" + DocumentTitleLine(analysis) + ReportSearchText.Of(analysis.Document);

    private static string DocumentTitleLine(ReportAnalysis analysis) =>
        string.IsNullOrWhiteSpace(analysis.Document.Title) ? "" : analysis.Document.Title + "\n";

    private static (string, string?, string?, bool) Text(string field, string? found, JsonElement expected)
    {
        var want = expected.ValueKind == JsonValueKind.String ? expected.GetString() : null;
        var right = string.IsNullOrWhiteSpace(want) ? string.IsNullOrWhiteSpace(found) : found is not null && Fold(found) == Fold(want);
        return (field, found, want, right);
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Compares as a reader does: width, spacing and bracket style do not matter.</summary>
    public static string Fold(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format) continue;
            sb.Append(c);
        }
        return sb.ToString();
    }
}
