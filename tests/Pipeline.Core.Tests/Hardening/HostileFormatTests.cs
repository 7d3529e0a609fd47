using System.Diagnostics;
using Pipeline.Site;
using Pipeline.Site.Reports;
using Xunit.Abstractions;

namespace Pipeline.Core.Tests.Hardening;

/// <summary>
/// Hostile PDFs and web pages (<see cref="HostileFormats"/>) through the analyser and the renderer: no exception
/// escapes, no internal error, every rejection explained, each case within a generous bound (a hang fails, a slow
/// machine does not), and memory stays bounded. Figures go to the test output and docs/reliability.md.
/// </summary>
public sealed class HostileFormatTests(ITestOutputHelper output)
{
    private static readonly TimeSpan PerCaseBound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Hostile_pdfs_and_pages_end_in_explained_verdicts_within_bounds()
    {
        var agency = HardeningFiles.Agencies()["beijinggang"];
        var failures = new List<string>();
        var count = 0;
        var accepted = 0;
        var worst = (Name: "", Time: TimeSpan.Zero);
        long worstAllocated = 0;
        var worstAllocatedName = "";
        var codes = new SortedDictionary<string, int>();
        foreach (var (name, fileName, bytes) in HostileFormats.All())
        {
            count++;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
            var watch = Stopwatch.StartNew();
            var work = Task.Run(() => ReportAnalyzer.Analyze(bytes, fileName, agency));
            if (await Task.WhenAny(work, Task.Delay(PerCaseBound)) != work)
            {
                failures.Add($"{name}: no verdict within {PerCaseBound.TotalSeconds} s");
                break;
            }
            watch.Stop();
            var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
            if (allocated > worstAllocated) (worstAllocated, worstAllocatedName) = (allocated, name);
            if (watch.Elapsed > worst.Time) worst = (name, watch.Elapsed);
            var analysis = await work;
            foreach (var e in analysis.Verdict.Errors) codes[e.Code] = codes.GetValueOrDefault(e.Code) + 1;
            if (analysis.Verdict.HasError("internal-error")) failures.Add($"{name}: {analysis.Verdict.Errors[0].MessageEn}");
            if (analysis.Verdict.Accepted)
            {
                accepted++;
                var html = ReportPageRenderer.Render(new ReportPageModel(analysis.Document, PageMetadata.From(analysis.Metadata, "x")), new SiteOptions());
                if (html.Contains("<script>alert", StringComparison.Ordinal) || html.Contains("onerror=alert", StringComparison.Ordinal)) failures.Add($"{name}: markup from input on the page");
            }
            else if (analysis.Verdict.Errors.Count == 0) failures.Add($"{name}: rejected without a finding");
            output.WriteLine($"{name,-40} {bytes.Length,10:N0} B {watch.Elapsed.TotalMilliseconds,8:0} ms {allocated / (1024 * 1024),6:N0} MB allocated  {(analysis.Verdict.Accepted ? "accepted" : analysis.Verdict.Errors[0].Code)}");
        }
        output.WriteLine($"cases: {count} ({accepted} accepted); worst time {worst.Time.TotalMilliseconds:0} ms ({worst.Name}); most allocated {worstAllocated / (1024 * 1024)} MB ({worstAllocatedName}); " +
                         $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB; rejections: {string.Join(", ", codes.Select(c => $"{c.Key} {c.Value}"))}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
