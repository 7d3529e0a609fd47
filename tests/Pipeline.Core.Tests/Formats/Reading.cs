using Pipeline.Core;
using Pipeline.Core.Model;

namespace Pipeline.Core.Tests.Formats;

/// <summary>What a reader gets from an analysed upload: the metadata, the title, the outline, the paragraphs' text and the tables' cells.</summary>
public sealed record Reading(
    bool Accepted,
    string? Title,
    string? IndexCode,
    string? Publisher,
    string? Scope,
    DateOnly? Generated,
    IReadOnlyList<string> Headings,
    IReadOnlyList<string> Tables,
    string Paragraphs)
{
    public static Reading Of(ReportAnalysis analysis)
    {
        var document = analysis.Document;
        var metadata = analysis.Metadata;
        return new Reading(
            analysis.Verdict.Accepted,
            document.Title,
            metadata.IndexCode.Value,
            metadata.Publisher.Value,
            metadata.PublicScope.Value,
            metadata.GeneratedDate.Value,
            document.Headings.Select(h => $"{h.Level}:{h.DisplayText}").ToList(),
            document.Tables.SelectMany(t => t.Table.Header.Concat(t.Table.Rows)).Select(r => string.Join("|", r.Select(c => c?.Trim() ?? ""))).ToList(),
            string.Concat(document.Blocks.OfType<Paragraph>().Select(p => p.Text)).Replace(" ", ""));
    }

    public static ReportAnalysis Analyze(byte[] bytes, string fileName) =>
        ReportAnalyzer.Analyze(bytes, fileName, TestFiles.Beijinggang);

    /// <summary>Asserts field by field, so a failure names what differs.</summary>
    public static void AssertSame(Reading expected, Reading actual, string producer)
    {
        Assert.True(actual.Accepted, $"{producer}: not accepted");
        Assert.Equal((producer, expected.Title), (producer, actual.Title));
        Assert.Equal((producer, expected.IndexCode), (producer, actual.IndexCode));
        Assert.Equal((producer, expected.Publisher), (producer, actual.Publisher));
        Assert.Equal((producer, expected.Scope), (producer, actual.Scope));
        Assert.Equal((producer, expected.Generated), (producer, actual.Generated));
        Assert.Equal(expected.Headings.Select(h => producer + " " + h), actual.Headings.Select(h => producer + " " + h));
        Assert.Equal(expected.Tables.Select(h => producer + " " + h), actual.Tables.Select(h => producer + " " + h));
        Assert.Equal((producer, expected.Paragraphs), (producer, actual.Paragraphs));
    }
}
