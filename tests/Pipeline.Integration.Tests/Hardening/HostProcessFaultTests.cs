using System.Text.Json;
using Xunit.Abstractions;

namespace Pipeline.Integration.Tests.Hardening;

/// <summary>
/// The real local host (`pipeline run` processes) under faults: SIGKILLs at random moments, Azurite stopped and
/// restarted mid-run, two hosts on one storage account. Sizes are small here; bench/fault-soak.sh runs the same test
/// at 200 uploads / 20 kills through the PIPELINE_SOAK_* variables.
/// </summary>
[Collection(HostProcessCollection.Name)]
public sealed class HostProcessFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Sigkill_soak_loses_nothing_and_duplicates_nothing()
    {
        var options = new SoakOptions(
            Uploads: SoakOptions.FromEnvironment("PIPELINE_SOAK_UPLOADS", 40),
            Kills: SoakOptions.FromEnvironment("PIPELINE_SOAK_KILLS", 4),
            Seed: SoakOptions.FromEnvironment("PIPELINE_SOAK_SEED", 7));

        var result = await SoakRun.RunAsync(options, TimeSpan.FromSeconds(90 + options.Uploads), output.WriteLine);

        Report(result, "PIPELINE_SOAK_REPORT");
        Assert.Equal(options.Kills, result.Kills);
        Assert.True(result.Audit.Problems.Count == 0, result.Audit.ToString() + "\n--- host log (tail) ---\n" + Tail(result.HostLog));
    }

    [Fact]
    public async Task Azurite_stopped_mid_run_is_waited_for_and_nothing_is_lost()
    {
        var result = await SoakRun.RunAsync(new SoakOptions(Uploads: 24, Kills: 0, Seed: 11, AzuriteOutage: TimeSpan.FromSeconds(8)),
            TimeSpan.FromSeconds(120), output.WriteLine);

        Report(result, null);
        Assert.True(result.Audit.Problems.Count == 0, result.Audit + "\n--- host log (tail) ---\n" + Tail(result.HostLog));
        // The host said what was going on, and retried with backoff instead of dying.
        Assert.Contains("storage unreachable", result.HostLog);
        Assert.Matches(@"retrying in \d+(\.\d)? s \(attempt [2-9]", result.HostLog);
        Assert.Equal(1, result.HostStarts);
    }

    [Fact]
    public async Task Two_hosts_on_one_storage_publish_one_at_a_time_and_agree()
    {
        var result = await SoakRun.RunAsync(new SoakOptions(Uploads: 30, Kills: 2, Seed: 23, Hosts: 2), TimeSpan.FromSeconds(150), output.WriteLine);

        Report(result, null);
        var skipped = result.HostLog.Split('\n').Count(l => l.Contains("another publisher holds the lease", StringComparison.Ordinal));
        output.WriteLine($"publish runs skipped because the other host held the lease: {skipped}");
        Assert.True(result.Audit.Problems.Count == 0, result.Audit + "\n--- host log (tail) ---\n" + Tail(result.HostLog));
    }

    /// <summary>
    /// A burst of uploads into one host: throughput, upload→published latency percentiles, peak host memory, errors.
    /// In the suite it is a small smoke run; bench/load-bench.sh sets PIPELINE_LOAD_UPLOADS=5000.
    /// </summary>
    [Fact]
    public async Task Load_burst_is_published_with_no_errors()
    {
        var uploads = SoakOptions.FromEnvironment("PIPELINE_LOAD_UPLOADS", 60);
        var result = await SoakRun.RunAsync(new SoakOptions(uploads, Kills: 0, Seed: 5, UploadParallelism: 32),
            TimeSpan.FromSeconds(120 + uploads), output.WriteLine);

        Report(result, "PIPELINE_LOAD_REPORT");
        Assert.True(result.Audit.Problems.Count == 0, result.Audit + "\n--- host log (tail) ---\n" + Tail(result.HostLog));
        Assert.Equal(result.Audit.PublishedReports, result.PublishLatenciesSeconds.Count);
    }

    private void Report(SoakResult result, string? reportVariable)
    {
        output.WriteLine(result.Summary);
        output.WriteLine(result.Audit.ToString());
        if (reportVariable is not null && Environment.GetEnvironmentVariable(reportVariable) is { Length: > 0 } path)
        {
            File.WriteAllText(path, JsonSerializer.Serialize(new
            {
                uploads = result.Audit.Uploads,
                kills = result.Kills,
                hostStarts = result.HostStarts,
                published = result.Audit.PublishedReports,
                lost = result.Audit.Lost,
                duplicated = result.Audit.Duplicated,
                problems = result.Audit.Problems,
                uploadSeconds = result.UploadTime.TotalSeconds,
                settledSeconds = result.TotalTime.TotalSeconds,
                uploadsPerSecond = result.Audit.Uploads / result.TotalTime.TotalSeconds,
                latencyP50 = result.Percentile(50),
                latencyP90 = result.Percentile(90),
                latencyP99 = result.Percentile(99),
                latencyMax = result.Percentile(100),
                peakRssMiB = result.PeakResidentBytes / 1048576.0,
                summary = result.Summary,
            }, new JsonSerializerOptions { WriteIndented = true }));
        }
    }

    private static string Tail(string log) => string.Join('\n', log.Split('\n').TakeLast(60));
}

/// <summary>The host-process tests run one after another: each starts real processes that compete for two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostProcessCollection
{
    public const string Name = "host processes";
}
