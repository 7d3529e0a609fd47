using System.Collections.Concurrent;
using System.Diagnostics;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Storage;

namespace Pipeline.Integration.Tests.Hardening;

/// <summary>How a soak or load run is driven.</summary>
/// <param name="Uploads">Files uploaded (see <see cref="HardeningReports.SoakMix"/>).</param>
/// <param name="Kills">SIGKILLs of a host at random moments, each followed by a restart.</param>
/// <param name="Hosts">`pipeline run` processes working the same storage at once.</param>
/// <param name="AzuriteOutage">When set, Azurite is stopped after the first wave for this long, then started again on its data.</param>
/// <param name="UploadParallelism">Concurrent uploads (a burst when high).</param>
public sealed record SoakOptions(int Uploads, int Kills, int Seed, int Hosts = 1, TimeSpan? AzuriteOutage = null, int UploadParallelism = 8)
{
    /// <summary>Reads "PIPELINE_SOAK_UPLOADS"-style overrides so the bench scripts can scale the in-suite runs.</summary>
    public static int FromEnvironment(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value > 0 ? value : fallback;
}

public sealed record SoakResult(
    AuditReport Audit,
    int Kills,
    int HostStarts,
    TimeSpan UploadTime,
    TimeSpan TotalTime,
    IReadOnlyList<double> PublishLatenciesSeconds,
    long PeakResidentBytes,
    string HostLog)
{
    public double Percentile(double p)
    {
        if (PublishLatenciesSeconds.Count == 0) return double.NaN;
        var sorted = PublishLatenciesSeconds.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public string Summary =>
        $"{Audit.Uploads} uploads, {Kills} kills, {HostStarts} host starts; lost {Audit.Lost}, duplicated {Audit.Duplicated}, problems {Audit.Problems.Count}; " +
        $"uploads took {UploadTime.TotalSeconds:0.0} s, all settled after {TotalTime.TotalSeconds:0.0} s " +
        $"({Audit.Uploads / Math.Max(0.001, TotalTime.TotalSeconds):0.0} uploads/s); published {Audit.PublishedReports}; " +
        $"upload→published p50 {Percentile(50):0.0} s, p90 {Percentile(90):0.0} s, p99 {Percentile(99):0.0} s, max {Percentile(100):0.0} s; " +
        $"peak host RSS (VmHWM) {PeakResidentBytes / 1048576.0:0} MiB";
}

/// <summary>
/// Drives real `pipeline run` hosts on a private Azurite: uploads a deterministic mix in waves, kills hosts with
/// SIGKILL between and during waves (and optionally stops Azurite), restarts them, waits until everything settled,
/// then audits storage (<see cref="SiteAudit"/>) and measures upload→published latency from the ledger.
/// </summary>
public static class SoakRun
{
    public static async Task<SoakResult> RunAsync(SoakOptions options, TimeSpan settleTimeout, Action<string>? progress = null)
    {
        var total = Stopwatch.StartNew();
        await using var azurite = await AzuriteInstance.StartNewAsync();
        await using var reader = await PipelineTestHost.StartAsync(azurite);
        var hosts = Enumerable.Range(0, options.Hosts).Select(_ => new PipelineHostProcess(azurite, PipelineHostProcess.FastSettings())).ToList();
        var random = new Random(options.Seed);
        var peak = 0L;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                foreach (var h in hosts) Interlocked.Exchange(ref peak, Math.Max(Interlocked.Read(ref peak), h.PeakResidentBytes() ?? 0));
                try { await Task.Delay(200, sampling.Token); } catch (OperationCanceledException) { }
            }
        });
        try
        {
            foreach (var host in hosts) await host.StartAsync();
            var plan = HardeningReports.SoakMix(options.Uploads, options.Seed, DateTimeOffset.UtcNow.AddDays(3), $"k{options.Seed}-");
            var uploadedAt = new ConcurrentDictionary<(string, string), DateTimeOffset>();
            // One wave per kill (plus one); with an outage, at least two so uploads also arrive after storage is back.
            var waveCount = Math.Max(options.Kills + 1, options.AzuriteOutage is null ? 1 : 2);
            var waves = plan.Chunk(Math.Max(1, (int)Math.Ceiling(plan.Count / (double)waveCount))).ToList();
            var kills = 0;
            var uploadClock = Stopwatch.StartNew();
            for (var w = 0; w < waves.Count; w++)
            {
                await Parallel.ForEachAsync(waves[w], new ParallelOptions { MaxDegreeOfParallelism = options.UploadParallelism }, async (upload, _) =>
                {
                    uploadedAt[(upload.Agency, upload.FileName)] = DateTimeOffset.UtcNow;
                    await reader.UploadAsync(upload);
                });
                if (w == 0 && options.AzuriteOutage is { } outage)
                {
                    await Task.Delay(random.Next(300, 1500));
                    progress?.Invoke($"stopping Azurite for {outage.TotalSeconds:0} s");
                    await AzuriteSignals.StopGracefullyAsync(azurite, TimeSpan.FromSeconds(30));
                    await Task.Delay(outage);
                    await azurite.StartAsync();
                    progress?.Invoke("Azurite started again");
                }
                if (kills < options.Kills)
                {
                    // A random moment: while the wave is validated, rendered or published.
                    await Task.Delay(random.Next(300, 4000));
                    var victim = hosts[random.Next(hosts.Count)];
                    await victim.KillAsync();
                    kills++;
                    progress?.Invoke($"kill {kills}/{options.Kills} after wave {w + 1}/{waves.Count}");
                    await victim.StartAsync();
                }
            }
            var uploadTime = uploadClock.Elapsed;
            var expected = plan.Select(p => p.Expected).ToList();
            var expectedPublished = expected.Count(e => e.Fate == ExpectedFate.Published);

            // Settled: nothing waiting in incoming/ and every report that should be public is.
            await SiteAudit.WaitUntilAsync(async () =>
            {
                if ((await reader.ListBlobsAsync(StorageNames.IncomingContainer)).Count > 0) return false;
                var published = 0;
                await foreach (var row in reader.Get<ReportLedger>().ListLatestAsync(CancellationToken.None))
                    if (row.State == ReportState.Published) published++;
                return published >= expectedPublished;
            }, settleTimeout, TimeSpan.FromSeconds(Math.Max(1, options.Uploads / 500))); // listing the ledger is not free at 5,000
            var settled = total.Elapsed;
            // One more publish period so a run that was mid-write when we looked has finished its indexes.
            await Task.Delay(TimeSpan.FromSeconds(3));
            var audit = await SiteAudit.RunAsync(reader, expected);

            var latencies = new List<double>();
            foreach (var upload in plan.Where(p => p.Fate == ExpectedFate.Published))
            {
                var outcome = await reader.OutcomeOfAsync(upload.Agency, upload.FileName);
                var entry = outcome?.IndexCode is { } code ? await reader.LatestAsync(code) : null;
                if (entry is { State: ReportState.Published } && uploadedAt.TryGetValue((upload.Agency, upload.FileName), out var at))
                    latencies.Add((entry.UpdatedAt - at).TotalSeconds);
            }
            // Every incarnation's peak (killed ones' read just before their kill), whatever the sampler's timing caught.
            var peakOfAll = Math.Max(Interlocked.Read(ref peak), hosts.Max(h => h.PeakResidentBytes() ?? 0));
            return new SoakResult(audit, kills, hosts.Sum(h => h.Starts), uploadTime, settled, latencies, peakOfAll,
                string.Join("\n", hosts.SelectMany(h => h.Log)));
        }
        finally
        {
            // Hosts first: whatever else failed (the sampler included), no host outlives the run.
            sampling.Cancel();
            foreach (var host in hosts) await host.DisposeAsync();
            await sampler;
        }
    }
}
