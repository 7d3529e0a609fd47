using Pipeline.Cli.Fidelity;

namespace Pipeline.Core.Tests.Fidelity;

/// <summary>
/// The scorer over tests/corpus: documents written for this project that reproduce the shapes of real published
/// reports (each cites the real documents it stands for). The floor is set from the measured figures
/// (docs/fidelity.md); a change that reads real shapes worse fails here.
/// </summary>
public class CorpusTests
{
    /// <summary>Measured 96.7 % (docs/fidelity.md, 2026-12-02); the floor is the goal, 95 %.</summary>
    private const double Floor = 0.95;

    /// <summary>
    /// Pages that still show chrome (docs/fidelity.md lists them): a budget tool's preview dump whose running header is
    /// scrambled into single characters, and a JavaScript source file that holds a report as a string.
    /// </summary>
    private const int KnownChromeMisses = 2;

    /// <summary>
    /// Statistics cells a reader of the text reads and the statistics reader does not yet (docs/fidelity.md), per
    /// document. None since the PDF reading-order, single-spaced and captioned section 四 shapes are read (2026-12-02);
    /// a shape found later that is left out rather than guessed is listed here with its count.
    /// </summary>
    private static readonly Dictionary<string, int> KnownStatisticsMisses = [];

    private static string CorpusFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln"))) return Path.Combine(dir.FullName, "tests", "corpus");
        throw new DirectoryNotFoundException("Pipeline.sln not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void The_corpus_is_read_right_above_the_floor()
    {
        var report = FidelityScorer.ScoreFolder(CorpusFolder());
        Assert.True(report.Documents >= 40, $"the corpus has {report.Documents} documents with expectations");
        Assert.True(report.Accuracy >= Floor, $"accuracy {report.Accuracy:P1} < {Floor:P0}\n" + Pipeline.Cli.Commands.ScoreCommand.Format(report));
    }

    [Fact]
    public void No_office_contact_is_held_every_private_number_is_and_chrome_stays_off_the_pages()
    {
        var report = FidelityScorer.ScoreFolder(CorpusFolder());
        var privacy = report.Misses.Where(m => m.Field == "privacy").ToList();
        Assert.True(privacy.Count == 0, string.Join("\n", privacy.Select(m => $"{m.Document}: {m.Found} (expected {m.Expected})")));
        var chrome = report.Misses.Where(m => m.Field == "chromeOnPage").ToList();
        Assert.True(chrome.Count <= KnownChromeMisses, string.Join("\n", chrome.Select(m => $"{m.Document}: {m.Found}")));
    }

    [Fact]
    public void Every_template_era_report_states_its_statistics_and_no_cell_is_misread()
    {
        var folder = CorpusFolder();
        foreach (var expectation in Directory.EnumerateFiles(folder, "*" + FidelityScorer.ExpectationSuffix))
        {
            var expected = ExpectedReading.Load(expectation);
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(expectation));
            var kind = json.RootElement.TryGetProperty("kind", out var k) ? k.GetString() : null;
            if (kind is "annual-report-2019-template" or "annual-report-2021-template")
                Assert.True(expected.Statistics.ValueKind != System.Text.Json.JsonValueKind.Undefined, $"{Path.GetFileName(expectation)} states no statistics");
        }
        var report = FidelityScorer.ScoreFolder(folder);
        var statistics = report.Fields.Single(f => f.Field == StatisticsExpectation.Field);
        Assert.True(statistics.Scored >= 250, $"only {statistics.Scored} statistics cells expected");
        var misses = report.Misses.Where(m => m.Field == StatisticsExpectation.Field).ToList();
        // A cell read as another number is always a failure (the checks would call the agency's arithmetic wrong); a
        // cell not read, or read blank, is one only beyond the known ones.
        var misread = misses.Where(m => m.Found is { } found && !found.EndsWith(": no cell", StringComparison.Ordinal) && !found.EndsWith(": blank", StringComparison.Ordinal)).ToList();
        Assert.True(misread.Count == 0, string.Join("\n", misread.Select(m => $"{m.Document}: {m.Found} (expected {m.Expected})")));
        var beyond = misses.GroupBy(m => m.Document).Where(g => g.Count() > KnownStatisticsMisses.GetValueOrDefault(g.Key)).SelectMany(g => g).ToList();
        Assert.True(beyond.Count == 0, string.Join("\n", beyond.Select(m => $"{m.Document}: {m.Found} (expected {m.Expected})")));
    }

    [Fact]
    public void The_scorer_counts_a_wrong_field_as_a_miss()
    {
        var folder = Directory.CreateTempSubdirectory("score-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "a.txt"), "东陵市2020年政府信息公开工作年度报告\n一、总体情况\n全年公开信息12条。\n东陵市人民政府\n2021年1月20日\n");
            File.WriteAllText(Path.Combine(folder.FullName, "a.expected.json"), """{ "title": "东陵市2020年政府信息公开工作年度报告", "publisher": "青岚县人民政府", "generatedDate": "2021-01-20", "sections": ["一、总体情况"], "mustNotContain": ["全年公开"] }""");
            var report = FidelityScorer.ScoreFolder(folder.FullName);
            Assert.Equal(1, report.Documents);
            Assert.Equal(["chromeOnPage", "publisher"], report.Misses.Select(m => m.Field).Order());
            Assert.Equal(3, report.Right); // title, generated date, sections
            Assert.Equal(5, report.Scored);

            // Statistics are scored per cell, apart from the document fields.
            File.WriteAllText(Path.Combine(folder.FullName, "a.expected.json"), """{ "title": "东陵市2020年政府信息公开工作年度报告", "statistics": { "cells": { "三 一 总计": 12 } } }""");
            report = FidelityScorer.ScoreFolder(folder.FullName);
            Assert.Equal("三 一 总计: no cell", Assert.Single(report.Misses, m => m.Field == StatisticsExpectation.Field).Found);
            Assert.Equal(2, report.Right);
            Assert.Equal(2, report.Scored); // title and chromeOnPage; the cell stands apart
            File.WriteAllText(Path.Combine(folder.FullName, "a.expected.json"), """{ "statistics": null }""");
            Assert.DoesNotContain(FidelityScorer.ScoreFolder(folder.FullName).Misses, m => m.Field == StatisticsExpectation.Field);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
