using System.Globalization;
using System.Text;
using Pipeline.Core.Statistics;

namespace Pipeline.Core.Tests.Statistics;

/// <summary>
/// Every statistics cell the reader takes from the corpus documents (tests/corpus), pinned as written: version, table,
/// line, row and column keys, value, cell as written and where it was read. The reader is tuned for speed; this is
/// what says the tuning changed nothing it reads. A change that reads a cell differently on purpose regenerates the
/// file (<c>PIPELINE_UPDATE_SNAPSHOTS=1 dotnet test --filter CorpusStatisticsSnapshotTests</c>) and shows it in the diff.
/// </summary>
public class CorpusStatisticsSnapshotTests
{
    private const string SnapshotName = "CorpusStatistics.snapshot.txt";

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Pipeline.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The statistics of every corpus document, one line per cell, documents in file-name order.</summary>
    public static string Snapshot(string corpus)
    {
        var w = new StringBuilder();
        var documents = Directory.EnumerateFiles(corpus)
            .Where(f => !f.EndsWith(".json", StringComparison.Ordinal) && !Path.GetFileName(f).Equals("README.md", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var path in documents)
        {
            var statistics = ReportAnalyzer.Analyze(File.ReadAllBytes(path), Path.GetFileName(path)).Document.Statistics;
            if (statistics is null) continue;
            w.Append("## ").Append(Path.GetFileName(path)).Append(' ').Append(statistics.Version).Append('\n');
            foreach (var table in statistics.Tables)
            {
                w.Append("# ").Append(table.Kind).Append(' ').Append(table.Version).Append(" line ").Append(table.Line?.ToString(CultureInfo.InvariantCulture) ?? "-").Append('\n');
                foreach (var c in table.Cells)
                    w.Append(CultureInfo.InvariantCulture, $"{c.Row} {c.Column} = {c.Value?.ToString(CultureInfo.InvariantCulture) ?? "blank"} «{c.Written}» @{c.Source.Line?.ToString(CultureInfo.InvariantCulture) ?? "-"}:{c.Source.TableRow}:{c.Source.TableColumn}\n");
            }
        }
        return w.ToString();
    }

    [Fact]
    public void The_corpus_statistics_are_read_as_pinned()
    {
        var root = RepositoryRoot();
        var pinned = Path.Combine(root, "tests", "Pipeline.Core.Tests", "Statistics", SnapshotName);
        var actual = Snapshot(Path.Combine(root, "tests", "corpus"));
        if (Environment.GetEnvironmentVariable("PIPELINE_UPDATE_SNAPSHOTS") == "1") File.WriteAllText(pinned, actual);
        var expected = File.ReadAllText(pinned);
        Assert.True(actual.Contains("## ", StringComparison.Ordinal), "no corpus document has statistics");
        if (expected == actual) return;
        var (e, a) = (expected.Split('\n'), actual.Split('\n'));
        var first = Enumerable.Range(0, Math.Min(e.Length, a.Length)).FirstOrDefault(i => e[i] != a[i], Math.Min(e.Length, a.Length));
        Assert.Fail($"statistics differ from {SnapshotName} at line {first + 1}:\n pinned: {(first < e.Length ? e[first] : "(end)")}\n read:   {(first < a.Length ? a[first] : "(end)")}");
    }
}
