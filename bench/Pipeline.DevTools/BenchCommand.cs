using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.Cli;
using Pipeline.Cli.Hosting;
using Pipeline.Stages;
using Pipeline.Storage;

namespace Pipeline.DevTools;

/// <summary>
/// `pipeline-dev bench [--reports 1000] [--grow 10000] [--batch 10]`: on the configured storage (Azurite in
/// bench/pipeline-bench.sh), measures (1) first upload → all published for N generated reports, running the stages
/// back to back as fast as they go, and (2) the cost of one publish run of a small batch as the number of already
/// published reports grows: storage requests by kind and target, and time.
/// </summary>
public static class BenchCommand
{
    private const string Agency = "pingliang";

    public static Command Create()
    {
        var reports = new Option<int>("--reports") { Description = "Reports to upload and publish end to end.", DefaultValueFactory = _ => 1000 };
        var grow = new Option<int>("--grow") { Description = "Grow the site to this many published reports, then measure one publish run again (0: don't).", DefaultValueFactory = _ => 0 };
        var batch = new Option<int>("--batch") { Description = "Reports in the measured publish run.", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "First seed an empty site with this many published reports (site files, site state and ledger rows, in bulk), then measure.", DefaultValueFactory = _ => 0 };
        var seedLedger = new Option<bool>("--seed-ledger") { Description = "With --seed: also write each seeded report's ledger rows (false: only the site, its state and the publish counter; a publish run reads no other report's ledger rows).", DefaultValueFactory = _ => true };
        var seedPages = new Option<bool>("--seed-pages") { Description = "With --seed: also write the seeded reports' pages (false: leave reports/… out; a publish run reads no other report's page).", DefaultValueFactory = _ => true };
        var corpus = new Option<string>("--corpus") { Description = "With --seed: the folder whose sentences the seeded reports reuse.", DefaultValueFactory = _ => "samples" };
        var command = new ConfiguredCommand("bench", "Throughput (first upload → all published) and the cost of one publish run, on the configured storage.")
        {
            reports, grow, batch, seed, seedLedger, seedPages, corpus,
        };
        command.SetAction(parse => RunAsync(parse.GetValue(reports), parse.GetValue(grow), parse.GetValue(batch), parse.GetValue(seed), parse.GetValue(seedLedger), parse.GetValue(seedPages), parse.GetValue(corpus)!, command.ConfigurationOverrides));
        return command;
    }

    public static async Task<int> RunAsync(int reports, int grow, int batch, int seed, bool seedLedger, bool seedPages, string corpus, IReadOnlyList<string> configurationOverrides)
    {
        var counter = new RequestCounter();
        var configuration = CliConfiguration.Build(configurationOverrides);
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging(b => b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning).AddFilter("Azure", LogLevel.Error));
        services.AddPipeline(configuration);
        services.AddAzureClients(clients => clients.ConfigureDefaults(o => o.AddPolicy(counter, HttpPipelinePosition.PerRetry)));
        // Azurite is one node process on 2 shared cores: under other jobs' load it has stopped answering for longer than
        // the pipeline's 30 s × 5 attempts (seeding 10,000 reports and a 1,000-upload run were aborted by that). The
        // bench measures counts and time, so it waits longer (after the pipeline's own configuration, which it overrides).
        services.PostConfigureAll<Azure.Storage.Blobs.BlobClientOptions>(o => WaitLonger(o.Retry));
        services.PostConfigureAll<Azure.Storage.Queues.QueueClientOptions>(o => WaitLonger(o.Retry));
        services.PostConfigureAll<Azure.Data.Tables.TableClientOptions>(o => WaitLonger(o.Retry));
        await using var provider = services.BuildServiceProvider();
        counter.Services[provider.GetRequiredService<BlobServiceClient>().Uri.Authority] = "blob";
        counter.Services[provider.GetRequiredService<Azure.Storage.Queues.QueueServiceClient>().Uri.Authority] = "queue";
        counter.Services[provider.GetRequiredService<Azure.Data.Tables.TableServiceClient>().Uri.Authority] = "table";
        using var cts = ConsoleCancellation.Create();
        var ct = cts.Token;
        await provider.GetRequiredService<PipelineStartup>().RunAsync(ct);

        var next = 0;
        if (seed > 0)
        {
            counter.Reset();
            Console.Out.WriteLine("## " + await SiteSeeder.SeedAsync(provider.GetRequiredService<BlobServiceClient>(), provider.GetRequiredService<Azure.Data.Tables.TableServiceClient>(),
                provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Pipeline.Site.SiteOptions>>().Value, seed, corpus, seedLedger, seedPages, ct) + $" ({counter.Total:N0} storage requests)");
            next = seed;
            Console.Out.WriteLine($"\n## one publish run of {batch} new reports, by reports already published (two runs in a row)");
            Console.Out.WriteLine(PublishCost.Header);
            for (var run = 0; run < 2; run++, next += batch)
                Console.Out.WriteLine(await MeasurePublishAsync(provider, counter, next, batch, ct));
        }
        if (reports > 0)
        {
            Console.Out.WriteLine($"## first upload → all published, {reports:N0} reports");
            var e2e = await UploadAndPublishAsync(provider, counter, next, reports, ct);
            next += reports;
            Console.Out.WriteLine(e2e);

            Console.Out.WriteLine($"\n## one publish run of {batch} new reports, by reports already published");
            Console.Out.WriteLine(PublishCost.Header);
            Console.Out.WriteLine(await MeasurePublishAsync(provider, counter, next, batch, ct));
            next += batch;
        }
        if (grow > next)
        {
            // Grow in chunks of 1,000 (upload, validate, render, publish), as a busy day would.
            while (next < grow)
            {
                var add = Math.Min(1000, grow - next);
                Console.Error.WriteLine($"growing: {next:N0} → {next + add:N0} published reports: " + await UploadAndPublishAsync(provider, counter, next, add, ct));
                next += add;
            }
            Console.Out.WriteLine(await MeasurePublishAsync(provider, counter, next, batch, ct));
        }
        return ExitCodes.Success;
    }

    private static void WaitLonger(RetryOptions retry)
    {
        retry.NetworkTimeout = TimeSpan.FromMinutes(3);
        retry.MaxRetries = 10;
    }

    private static async Task<string> UploadAndPublishAsync(IServiceProvider provider, RequestCounter counter, int first, int count, CancellationToken ct)
    {
        var incoming = provider.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(StorageNames.IncomingContainer);
        counter.Reset();
        var total = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(first, count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
            await incoming.GetBlobClient($"{Agency}/bench-{i:D6}.txt").UploadAsync(new BinaryData(Generate(i)), token));
        var uploaded = total.Elapsed;
        var phases = new List<string> { $"upload {counter.Total:N0}" };
        counter.Reset();

        var scanner = provider.GetRequiredService<IncomingScanner>();
        while ((await scanner.RunOnceAsync(8, ct)).Count > 0)
        {
        }
        var validated = total.Elapsed;
        phases.Add($"validate {counter.Total:N0} ({counter.Breakdown()})");
        counter.Reset();
        var render = provider.GetRequiredService<RenderQueueProcessor>();
        var renderWorkers = Enumerable.Range(0, 4).Select(async _ =>
        {
            while (await render.RunOnceAsync(ct) > 0)
            {
            }
        });
        await Task.WhenAll(renderWorkers);
        var rendered = total.Elapsed;
        phases.Add($"render {counter.Total:N0} ({counter.Breakdown()})");
        counter.Reset();
        var publish = provider.GetRequiredService<PublishStage>();
        var runs = 0;
        PublishOutcome outcome;
        do
        {
            outcome = await publish.RunAsync(ct);
            runs++;
        }
        while (outcome.DueRowsHandled > 0 && (await provider.GetRequiredService<DueIndex>().ListDueAsync(DateTimeOffset.UtcNow, 1, ct)).Count > 0);
        var published = total.Elapsed;
        phases.Add($"publish {counter.Total:N0} ({counter.Breakdown()})");
        return $"uploaded {count:N0} in {uploaded.TotalSeconds:0.0} s; validated by {validated.TotalSeconds:0.0} s; rendered by {rendered.TotalSeconds:0.0} s; " +
               $"published by {published.TotalSeconds:0.0} s ({runs} publish run(s)) — {count / published.TotalSeconds:0.0} reports/s end to end; " +
               $"storage requests by phase: {string.Join("; ", phases)}";
    }

    private static async Task<string> MeasurePublishAsync(IServiceProvider provider, RequestCounter counter, int first, int batch, CancellationToken ct)
    {
        var incoming = provider.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(StorageNames.IncomingContainer);
        for (var i = first; i < first + batch; i++)
            await incoming.GetBlobClient($"{Agency}/bench-{i:D6}.txt").UploadAsync(new BinaryData(Generate(i)), ct);
        var scanner = provider.GetRequiredService<IncomingScanner>();
        while ((await scanner.RunOnceAsync(8, ct)).Count > 0)
        {
        }
        var render = provider.GetRequiredService<RenderQueueProcessor>();
        while (await render.RunOnceAsync(ct) > 0)
        {
        }
        counter.Reset();
        var outcome = await provider.GetRequiredService<PublishStage>().RunAsync(ct);
        return new PublishCost(first, outcome, counter.Snapshot(), counter.BytesReceived) + "\n<!-- largest writes: " + counter.LargestWrites(12) + " -->";
    }

    /// <summary>A distinct, plausible report: header (every other one with an index code), title, sections, signature.</summary>
    private static byte[] Generate(int i)
    {
        var text = new StringBuilder();
        if (i % 2 == 0) text.Append($"- 索引号:01362021X2/2024-{i + 100000:D6}\n- 公开范围:主动公开\n");
        text.Append($"平凉市第{i}号部门2024年政府信息公开工作年度报告\n");
        text.Append("一、总体情况\n");
        text.Append($"2024年,本部门认真贯彻落实《中华人民共和国政府信息公开条例》,全年主动公开政府信息{i % 500 + 20}条,其中规范性文件{i % 37}件。\n");
        text.Append("二、主动公开政府信息情况\n");
        text.Append($"通过政府网站发布信息{i % 300 + 10}条,回应公众关注热点{i % 40}次,召开新闻发布会{i % 7}次。\n");
        text.Append("三、收到和处理政府信息公开申请情况\n");
        text.Append($"全年共收到政府信息公开申请{i % 90}件,均已按时答复。\n");
        text.Append("四、存在的主要问题及改进情况\n信息公开的及时性和规范性仍需加强,下一步将完善工作机制,加强业务培训。\n");
        text.Append("平凉市人民政府\n2025年1月20日\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private sealed record PublishCost(int AlreadyPublished, PublishOutcome Outcome, IReadOnlyDictionary<string, int> Requests, long BytesRead)
    {
        public const string Header = "| already published | reports in run | time | blob reads | blob writes | table/queue requests | site files written | site bytes written | bytes read |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |";

        public override string ToString()
        {
            int Sum(Func<string, bool> predicate) => Requests.Where(kv => predicate(kv.Key)).Sum(kv => kv.Value);
            var blobReads = Sum(k => k.StartsWith("blob GET", StringComparison.Ordinal) || k.StartsWith("blob HEAD", StringComparison.Ordinal));
            var blobWrites = Sum(k => k.StartsWith("blob PUT", StringComparison.Ordinal) || k.StartsWith("blob DELETE", StringComparison.Ordinal));
            var other = Sum(k => !k.StartsWith("blob ", StringComparison.Ordinal));
            return $"| {AlreadyPublished:N0} | {Outcome.Published} | {Outcome.Duration.TotalMilliseconds:N0} ms | {blobReads:N0} | {blobWrites:N0} | {other:N0} | {Outcome.FilesWritten:N0} | {Outcome.BytesWritten:N0} | {BytesRead:N0} |" +
                   "\n<!-- " + string.Join(", ", Requests.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value}")) + " -->";
        }
    }

    /// <summary>Counts storage requests by service, method and container/table, and the bytes sent and received (an Azure SDK pipeline policy).</summary>
    private sealed class RequestCounter : HttpPipelineSynchronousPolicy
    {
        private ConcurrentDictionary<string, int> _counts = new();
        private ConcurrentQueue<(string Path, long Bytes)> _writes = new();
        private long _bytesSent;
        private long _bytesReceived;

        /// <summary>Endpoint authority (host:port) → "blob" / "queue" / "table".</summary>
        public Dictionary<string, string> Services { get; } = new(StringComparer.OrdinalIgnoreCase);

        public int Total => _counts.Values.Sum();

        /// <summary>Request bodies (blob uploads, table entities) since the last reset.</summary>
        public long BytesSent => Interlocked.Read(ref _bytesSent);

        /// <summary>Response bodies (blob downloads, table rows) since the last reset.</summary>
        public long BytesReceived => Interlocked.Read(ref _bytesReceived);

        public void Reset()
        {
            _counts = new ConcurrentDictionary<string, int>();
            _writes = new ConcurrentQueue<(string Path, long Bytes)>();
            Interlocked.Exchange(ref _bytesSent, 0);
            Interlocked.Exchange(ref _bytesReceived, 0);
        }

        public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(_counts);

        /// <summary>"blob GET $web=42, …", largest first.</summary>
        public string Breakdown() => string.Join(", ", _counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value:N0}"));

        public override void OnSendingRequest(HttpMessage message)
        {
            var uri = message.Request.Uri.ToUri();
            var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            // Azurite: /<account>/<container or table>/...; Azure: /<container or table>/...
            var target = segments.Length > 1 && segments[0] == "devstoreaccount1" ? segments[1] : segments.FirstOrDefault() ?? "";
            target = target.Split('(')[0];
            var service = Services.GetValueOrDefault(uri.Authority, "other");
            _counts.AddOrUpdate($"{service} {message.Request.Method} {Uri.UnescapeDataString(target)}", 1, (_, n) => n + 1);
            if (message.Request.Content is { } content && content.TryComputeLength(out var length))
            {
                Interlocked.Add(ref _bytesSent, length);
                if (service == "blob" && message.Request.Method == RequestMethod.Put)
                    _writes.Enqueue((Uri.UnescapeDataString(string.Join('/', segments.Skip(segments.Length > 1 && segments[0] == "devstoreaccount1" ? 1 : 0))), length));
            }
        }

        /// <summary>The largest blob uploads since the last reset ("container/path bytes"), to show what a run's bytes are.</summary>
        public string LargestWrites(int count) => string.Join(", ", _writes.OrderByDescending(w => w.Bytes).Take(count).Select(w => $"{w.Path} {w.Bytes:N0}"));

        public override void OnReceivedResponse(HttpMessage message)
        {
            if (message.Response.Headers.ContentLength is { } length) Interlocked.Add(ref _bytesReceived, length);
        }
    }
}
