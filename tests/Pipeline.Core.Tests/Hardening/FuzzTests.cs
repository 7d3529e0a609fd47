using System.Diagnostics;
using AngleSharp.Html.Parser;
using Pipeline.Core;
using Pipeline.Site;
using Pipeline.Site.Reports;
using Pipeline.Site.Search;
using Xunit.Abstractions;

namespace Pipeline.Core.Tests.Hardening;

/// <summary>
/// The seeded fuzz corpus (<see cref="FuzzCorpus"/>) through the analyser and the page renderer: nothing escapes, nothing
/// hangs, every verdict is explained, and no input smuggles markup into a page.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    /// <summary>Generous per-case bound (measured worst is recorded in docs/reliability.md): a hang, not a slow case, fails.</summary>
    private static readonly TimeSpan PerCaseBound = TimeSpan.FromSeconds(10);

    private static readonly HtmlParser Parser = new();
    private static readonly SiteOptions Site = new();

    [Fact]
    public async Task Every_fuzz_case_ends_in_an_explained_verdict_and_renders_without_markup_from_input()
    {
        var failures = new List<string>();
        var internalErrors = new List<string>();
        var count = 0;
        var accepted = 0;
        var worst = (Name: "", Time: TimeSpan.Zero);
        var total = Stopwatch.StartNew();

        foreach (var fuzz in FuzzCorpus.All())
        {
            count++;
            var stopwatch = Stopwatch.StartNew();
            var work = Task.Run(() => AnalyzeAndRender(fuzz));
            if (await Task.WhenAny(work, Task.Delay(PerCaseBound)) != work)
            {
                failures.Add($"{fuzz.Name}: no verdict within {PerCaseBound.TotalSeconds} s");
                break; // The thread is still busy; later timings would be meaningless.
            }
            stopwatch.Stop();
            if (stopwatch.Elapsed > worst.Time) worst = (fuzz.Name, stopwatch.Elapsed);

            var (analysis, html, problem) = await work;
            if (problem is not null)
            {
                failures.Add($"{fuzz.Name}: {problem}");
                continue;
            }
            if (analysis!.Verdict.HasError("internal-error")) internalErrors.Add($"{fuzz.Name}: {analysis.Verdict.Errors[0].MessageEn}");
            if (analysis.Verdict.Accepted)
            {
                accepted++;
                var markupProblem = FindMarkupFromInput(html!);
                if (markupProblem is not null) failures.Add($"{fuzz.Name}: {markupProblem}");
            }
            else if (analysis.Verdict.Errors.Count == 0 || analysis.Verdict.Errors.Any(e => string.IsNullOrWhiteSpace(e.Code) || string.IsNullOrWhiteSpace(e.MessageZh) || string.IsNullOrWhiteSpace(e.MessageEn)))
            {
                failures.Add($"{fuzz.Name}: rejected without an explained error");
            }
        }

        output.WriteLine($"fuzz cases: {count} ({accepted} accepted, {count - accepted} rejected); total {total.Elapsed.TotalSeconds:0.0} s; " +
                         $"worst case {worst.Time.TotalMilliseconds:0} ms ({worst.Name}); internal errors: {internalErrors.Count}");
        foreach (var e in internalErrors.Take(20)) output.WriteLine("internal error: " + e);
        Assert.True(count >= 5_000, $"corpus has {count} cases");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
        Assert.True(internalErrors.Count == 0, "analyser exceptions turned into internal-error rejections:\n" + string.Join("\n", internalErrors.Take(30)));
    }

    [Fact]
    public void The_corpus_is_deterministic()
    {
        var first = FuzzCorpus.All().Take(300).Select(c => (c.Name, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(c.Bytes)))).ToList();
        var second = FuzzCorpus.All().Take(300).Select(c => (c.Name, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(c.Bytes)))).ToList();
        Assert.Equal(first, second);
    }

    [Fact]
    public void Hostile_docx_is_rejected_or_read_without_resolving_entities()
    {
        var agency = HardeningFiles.Agencies()["beijinggang"];
        foreach (var (name, bytes) in HostileDocx.All())
        {
            var analysis = ReportAnalyzer.Analyze(bytes, name + ".docx", agency);
            var text = analysis.Document.Title + "\n" + ReportSearchText.Of(analysis.Document);
            Assert.DoesNotContain("root:", text);
            Assert.DoesNotContain("lollol", text);
            if (name.StartsWith("docx-zip-bomb", StringComparison.Ordinal) || name == "docx-many-entries")
                Assert.False(analysis.Verdict.Accepted, $"{name} was accepted");
        }
    }

    [Fact]
    public async Task Deeply_nested_docx_is_rejected_on_a_thread_pool_thread()
    {
        var agency = HardeningFiles.Agencies()["beijinggang"];
        foreach (var (name, bytes) in HostileDocx.StackExhausting())
        {
            // The validate stage runs on thread-pool threads: analyse on one, as the hosts do.
            var analysis = await Task.Run(() => ReportAnalyzer.Analyze(bytes, name + ".docx", agency));
            Assert.False(analysis.Verdict.Accepted, name);
            Assert.NotEmpty(analysis.Verdict.Errors);
        }
    }

    private static (ReportAnalysis? Analysis, string? Html, string? Problem) AnalyzeAndRender(FuzzCase fuzz)
    {
        ReportAnalysis analysis;
        try
        {
            analysis = ReportAnalyzer.Analyze(fuzz.Bytes, fuzz.FileName, fuzz.Agency, new AnalysisOptions { Privacy = fuzz.Privacy });
        }
        catch (Exception e)
        {
            return (null, null, "analyser threw " + e.GetType().Name + ": " + e.Message);
        }
        if (!analysis.Verdict.Accepted) return (analysis, null, null);
        try
        {
            var model = new ReportPageModel(analysis.Document, PageMetadata.From(analysis.Metadata, Path.GetFileNameWithoutExtension(fuzz.FileName)));
            return (analysis, ReportPageRenderer.Render(model, Site), null);
        }
        catch (Exception e)
        {
            return (analysis, null, "renderer threw " + e.GetType().Name + ": " + e.Message);
        }
    }

    /// <summary>What a browser would execute or load because of the input: scripts, event handlers, javascript: URLs, frames.</summary>
    private static string? FindMarkupFromInput(string html)
    {
        var document = Parser.ParseDocument(html);
        var active = document.QuerySelector("script, iframe, object, embed, img, svg, math, style, base, form[action^='javascript']");
        if (active is not null)
            return "page contains an active element: " + active.OuterHtml;
        foreach (var element in document.All)
        {
            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                    return $"event handler attribute {attribute.Name} on <{element.LocalName}>";
                if (attribute.Name is "href" or "src" or "action" or "formaction" &&
                    attribute.Value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
                    return $"javascript: URL in <{element.LocalName} {attribute.Name}>";
            }
        }
        return null;
    }
}
