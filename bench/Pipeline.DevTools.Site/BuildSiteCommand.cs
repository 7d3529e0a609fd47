using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Pipeline.Cli;
using Pipeline.Cli.Commands;
using Pipeline.Core;
using Pipeline.Core.Model;
using Pipeline.Site;
using Pipeline.Site.Catalog;
using Pipeline.Site.Publishing;
using Pipeline.Site.Reports;
using Pipeline.Site.Search;
using Pipeline.Site.Stores;

namespace Pipeline.DevTools;

/// <summary>
/// <c>pipeline-dev build-site &lt;folder&gt; -o &lt;out&gt; [--generate N [--from M]] [--state &lt;dir&gt;] [--page-size N] [--search "q1|q2"]</c>:
/// builds the static site into a local folder. Without --generate, every file in the folder is analysed, rendered
/// and published. With --generate, N deterministic synthetic reports are made from the folder's sentences
/// (benchmarks); with --from M, reports M..N-1 are published incrementally into the existing site instead of a
/// rebuild. --search measures what each query downloads. The same command is <c>pipeline-dev-site build-site</c>, the
/// Native AOT build bench/site-vs-hugo.sh runs (this project's csproj says why).
/// </summary>
public static class BuildSiteCommand
{
    private static readonly string[] Publishers =
        ["华容县北景港镇人民政府", "成都市武侯区人民政府", "湘潭市人民政府", "岳阳市教育局", "四川省交通运输厅", "长沙市财政局", "株洲市生态环境局", "德阳市旌阳区人民政府"];

    public static Command Create()
    {
        var input = new Argument<string>("folder") { Description = "Report files to publish, or (with --generate) whose sentences synthetic reports reuse." };
        input.Validators.Add(r => { if (!Directory.Exists(r.GetValueOrDefault<string>())) r.AddError($"'{r.GetValueOrDefault<string>()}' is not a folder"); });
        var output = new Option<string>("--output", "-o") { Description = "The site folder to write.", Required = true, HelpName = "out" };
        var state = new Option<string>("--state") { Description = "The publisher's state folder (default: <out>.state).", HelpName = "dir" };
        var generate = new Option<int?>("--generate") { Description = "Publish N deterministic synthetic reports instead of the folder's files.", HelpName = "N" };
        var from = new Option<int?>("--from") { Description = "With --generate: publish reports M..N-1 incrementally into the existing site.", HelpName = "M" };
        var pageSize = new Option<int>("--page-size") { Description = "Reports per list page.", DefaultValueFactory = _ => new SiteOptions().PageSize };
        var searches = new Option<string>("--search") { Description = "Queries separated by '|': what each downloads from the built site.", HelpName = "q1|q2" };
        var command = new Command("build-site", "Build the static site into a local folder, as the publish stage would (report pages, lists, feeds, JSON, search).")
        {
            input, output, state, generate, from, pageSize, searches,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetRequiredValue(input), parse.GetRequiredValue(output), parse.GetValue(state),
            parse.GetValue(generate), parse.GetValue(from), parse.GetValue(pageSize), parse.GetValue(searches), ct));
        return command;
    }

    public static async Task<int> RunAsync(string input, string output, string? statePath, int? generate, int? from, int pageSize, string? searches,
        CancellationToken cancellationToken = default)
    {
        var options = new SiteOptions { PageSize = pageSize };
        var site = new FolderSiteStore(output);
        var state = new FolderSiteStore(statePath ?? Path.GetFullPath(output).TrimEnd(Path.DirectorySeparatorChar) + ".state");
        var publisher = new SitePublisher(site, state, options);
        var files = ReportFiles.InFolder(input).ToList();

        var watch = Stopwatch.StartNew();
        SitePublishResult result;
        if (generate is { } count)
        {
            var corpus = Corpus(files);
            if (from is { } first)
                result = await publisher.PublishAsync(Enumerable.Range(first, Math.Max(0, count - first)).Select(n => Synthetic(n, corpus, options)).ToList(), [], cancellationToken).ConfigureAwait(false);
            else
                result = await publisher.RebuildAsync(InParallel(Enumerable.Range(0, count), n => Synthetic(n, corpus, options)), [], cancellationToken).ConfigureAwait(false);
        }
        else
        {
            result = await publisher.RebuildAsync(Accepted(InParallel(files.Select((file, n) => (file, n)), f => FromFile(f.file, f.n, options))), [], cancellationToken).ConfigureAwait(false);
        }
        watch.Stop();
        var siteFiles = result.ChangedPaths.Count(p => !p.StartsWith("state:", StringComparison.Ordinal));
        Console.Out.WriteLine($"site {site.Root}: {result.FilesWritten} files written ({siteFiles} site paths changed), {result.BytesWritten / 1048576.0:F2} MB, {watch.Elapsed.TotalSeconds:F2} s");

        if (result.Note is not null) Console.Error.WriteLine(result.Note);

        foreach (var query in (searches ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (ranks, bytes, fetched) = await SearchQuery.RunAsync(site, query, cancellationToken).ConfigureAwait(false);
            // A browser also fetches the result metadata chunks of the first page of results.
            var chunks = ranks.Take(20).Select(r => r / SearchLayout.DocChunkSize).Distinct().ToList();
            long chunkBytes = 0;
            foreach (var chunk in chunks)
                chunkBytes += (await site.ReadAsync($"search/docs/{chunk}.json", cancellationToken).ConfigureAwait(false))?.Length ?? 0;
            Console.Out.WriteLine($"search \"{query}\": {ranks.Count} hits, {fetched + chunks.Count} files, {(bytes + chunkBytes) / 1024.0:F1} KB downloaded");
        }
        return ExitCodes.Success;
    }

    /// <summary>
    /// One file as the pipeline publishes it on its first upload: the analysis, the page model, the page, and the list
    /// entry and search text (<see cref="SiteEntry.From"/>, <see cref="ReportSearchText.Of(ReportPageModel)"/>, as the
    /// publish stage).
    /// </summary>
    private static PublishedReport? FromFile(string file, int n, SiteOptions options)
    {
        var analysis = ReportAnalyzer.Analyze(File.ReadAllBytes(file), Path.GetFileName(file));
        if (!analysis.Verdict.Accepted)
        {
            Console.Error.WriteLine($"{file}: not accepted, skipped");
            return null;
        }
        var model = FirstUploadModel(analysis, Path.GetFileName(file));
        var published = model.Metadata.ReleaseDate ?? model.Metadata.GeneratedDate ?? new DateOnly(2020, 1, 1);
        var entry = SiteEntry.From(model.Metadata, n + 1, new DateTimeOffset(published.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)));
        return new PublishedReport(entry, ReportPageRenderer.RenderUtf8(model, options), ReportSearchText.Of(model)) { Statistics = model.Document.Statistics };
    }

    /// <summary>
    /// The page model of a file published as a first upload (version 1; the document's title else the file name; its
    /// index code else LOCAL-&lt;name&gt;) with no archived original, no release time yet and no registered publisher:
    /// what the render stage's <c>PageModelFactory.Build</c> makes of such a ledger row, which is the document's metadata
    /// as <c>pipeline render</c> shows it with that index code. Pipeline.Stages is not referenced (it brings the Azure
    /// SDK, and this project compiles Native AOT); tests/Pipeline.Integration.Tests/Stages/BuildSitePageModelTests.cs
    /// holds the two equal.
    /// </summary>
    public static ReportPageModel FirstUploadModel(ReportAnalysis analysis, string fileName)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var name = Path.GetFileNameWithoutExtension(fileName);
        return new ReportPageModel(analysis.Document,
            PageMetadata.From(analysis.Metadata, name) with { IndexCode = analysis.Metadata.IndexCode.Value ?? "LOCAL-" + name });
    }

    /// <summary>Sentences of the sample reports: synthetic reports reuse real vocabulary, so index sizes are realistic.</summary>
    public static List<string> Corpus(IEnumerable<string> files)
    {
        var sentences = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var analysis = ReportAnalyzer.Analyze(File.ReadAllBytes(file), Path.GetFileName(file));
            foreach (var sentence in (analysis.Document.Title + "\n" + ReportSearchText.Of(analysis.Document)).Split(new[] { '。', '\n', '；' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (sentence.Length >= 8) sentences.Add(sentence + "。");
        }
        if (sentences.Count == 0) sentences.Add("深化政务公开促进依法行政，主动公开政府信息。");
        return [.. sentences];
    }

    /// <summary>Report n of a deterministic synthetic site (same n, same report, whatever else is generated).</summary>
    public static PublishedReport Synthetic(int n, List<string> corpus, SiteOptions options)
    {
        var random = new Random(n * 7919 + 17);
        var publisher = Publishers[n % Publishers.Length];
        var year = 2015 + n * 10 / 10_000 % 10;
        var release = new DateOnly(year, 1, 1).AddDays(n % 360);
        var blocks = new List<Block>();
        for (var section = 0; section < 5; section++)
        {
            var headingText = corpus[random.Next(corpus.Count)].TrimEnd('。');
            blocks.Add(new Heading(1, "一二三四五"[section] + "、", headingText[..Math.Min(16, headingText.Length)]));
            for (var p = 0; p < 3; p++)
                blocks.Add(new Paragraph(string.Concat(Enumerable.Range(0, 4).Select(_ => corpus[random.Next(corpus.Count)]))));
        }
        blocks.Add(new TableBlock(new Table("政府信息公开情况统计表", [["指标", "单位", "数量"]],
            [["主动公开政府信息数", "条", random.Next(10, 5000).ToString(CultureInfo.InvariantCulture)], ["收到申请数", "件", random.Next(0, 300).ToString(CultureInfo.InvariantCulture)], ["行政复议数", "件", null]], [])));
        var title = $"{publisher}{year}年政府信息公开工作年度报告（第{n + 1}号）";
        var document = new ReportDocument(title, blocks, new Signature([publisher], $"{release:yyyy年M月d日}", release));
        var metadata = new PageMetadata(title, $"SYN{n % Publishers.Length:D2}X/{year}-{n + 1:D6}", publisher, release.AddDays(-5), "主动公开", release, null);
        var entry = SiteEntry.From(metadata, n + 1, new DateTimeOffset(release.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)));
        var model = new ReportPageModel(document, metadata);
        return new PublishedReport(entry, ReportPageRenderer.RenderUtf8(model, options), ReportSearchText.Of(model)) { Statistics = model.Document.Statistics };
    }

    /// <summary>
    /// Analyses/renders on every core, yielding results in input order (publish order is input order): up to
    /// <see cref="ChunksAhead"/> chunks are produced while the publisher consumes the current one.
    /// </summary>
    public static async IAsyncEnumerable<TResult> InParallel<TSource, TResult>(IEnumerable<TSource> items, Func<TSource, TResult> make)
    {
        var pending = new Queue<Task<TResult[]>>();
        foreach (var chunk in items.Chunk(256))
        {
            pending.Enqueue(Task.Run(() =>
            {
                var results = new TResult[chunk.Length];
                Parallel.For(0, chunk.Length, i => results[i] = make(chunk[i]));
                return results;
            }));
            if (pending.Count <= ChunksAhead) continue;
            foreach (var result in await pending.Dequeue().ConfigureAwait(false)) yield return result;
        }
        while (pending.Count > 0)
            foreach (var result in await pending.Dequeue().ConfigureAwait(false)) yield return result;
    }

    /// <summary>
    /// Chunks rendered ahead of the publisher. The publisher takes reports in batches (<see cref="SitePublisher.RebuildBatchSize"/>)
    /// and works through part of each batch on one core (catalog, statistics): with one chunk ahead the other core sat
    /// idle then; a few chunks (≈ 1,000 reports) keep it rendering.
    /// </summary>
    private const int ChunksAhead = 4;

    private static async IAsyncEnumerable<PublishedReport> Accepted(IAsyncEnumerable<PublishedReport?> reports)
    {
        await foreach (var report in reports.ConfigureAwait(false))
            if (report is not null) yield return report;
    }
}
