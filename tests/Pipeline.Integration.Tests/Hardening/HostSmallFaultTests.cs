using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Pipeline.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pipeline.Integration.Tests.Hardening;

/// <summary>
/// The smaller faults of the real local host (`pipeline run` processes on a private Azurite): what its static site
/// server answers to methods other than GET/HEAD, how fast it stops when told to while storage is down, and the
/// harness's own promise that a host it watches can be restarted under a memory sampler and never outlives a test.
/// </summary>
[Collection(HostProcessCollection.Name)]
public sealed partial class HostSmallFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_site_server_answers_only_get_and_head_and_logs_no_stack_trace_for_a_bad_request()
    {
        await using var azurite = await AzuriteInstance.StartNewAsync();
        await using var host = new PipelineHostProcess(azurite, PipelineHostProcess.FastSettings());
        await host.StartAsync();
        var port = await SitePortAsync(host);
        await UntilAsync(host, () => host.LogText.Contains("Storage ready"), 60);
        var logBefore = host.Log.Count;

        var problems = new List<string>();
        foreach (var method in new[] { "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "BREW", "CONNECT" })
        {
            // CONNECT names its target as host:port, and Kestrel wants the Host header to match it.
            var (target, hostHeader) = method == "CONNECT" ? ($"127.0.0.1:{port}", $"127.0.0.1:{port}") : ("/index.html", "127.0.0.1");
            var (status, headers) = await RawRequestAsync(port, $"{method} {target} HTTP/1.1\r\nHost: {hostHeader}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            output.WriteLine($"{method} -> {status} {headers.GetValueOrDefault("allow")}");
            if (status != 405) problems.Add($"{method}: status {status}, expected 405");
            if (headers.GetValueOrDefault("allow") != "GET, HEAD") problems.Add($"{method}: Allow '{headers.GetValueOrDefault("allow")}'");
        }
        foreach (var method in new[] { "GET", "HEAD" })
        {
            var (status, _) = await RawRequestAsync(port, $"{method} /no-such-page/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            output.WriteLine($"{method} -> {status}");
            if (status != 404) problems.Add($"{method} of a missing page: status {status}, expected 404");
        }
        // Names storage cannot hold or that aim elsewhere: answered, never an exception in the server.
        foreach (var path in new[] { "/%00", "/a%5Cb", "/..%2F..%2Fetc", "/" + new string('x', 2000), "/%ff%fe" })
        {
            var (status, _) = await RawRequestAsync(port, $"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            output.WriteLine($"GET {path[..Math.Min(20, path.Length)]} -> {status}");
            if (status is < 400 or >= 500) problems.Add($"GET {path[..Math.Min(20, path.Length)]}: status {status}, expected a 4xx");
        }
        await Task.Delay(500); // the log lines of the requests above, if any, are written asynchronously
        var newLines = host.Log.Skip(logBefore).ToList();
        problems.AddRange(newLines.Where(l => l.Contains("fail:", StringComparison.Ordinal) || StackFrame().IsMatch(l)).Select(l => "logged: " + l));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Sigterm_stops_the_host_within_10_s_while_storage_is_down()
    {
        await using var azurite = await AzuriteInstance.StartNewAsync();
        await using var host = new PipelineHostProcess(azurite, PipelineHostProcess.FastSettings());
        await host.StartAsync();
        await UntilAsync(host, () => host.LogText.Contains("Storage ready"), 60);

        await azurite.StopAsync();
        // Wait until the workers are deep in their retries (a back-off of several seconds), then ask the host to stop.
        await UntilAsync(host, () => RetryAttempt().Matches(host.LogText).Any(m => int.Parse(m.Groups[1].Value) >= 4), 120);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var exited = await host.TerminateAsync(TimeSpan.FromSeconds(10));
        output.WriteLine($"exited: {exited} after {stopwatch.Elapsed.TotalSeconds:0.0} s");
        Assert.True(exited, "the host still ran 10 s after SIGTERM with storage down\n" + string.Join("\n", host.Log.TakeLast(30)));
    }

    [Fact]
    public async Task Sigterm_stops_a_host_that_never_reached_storage_within_10_s()
    {
        await using var azurite = await AzuriteInstance.StartNewAsync();
        await azurite.StopAsync();
        await using var host = new PipelineHostProcess(azurite, PipelineHostProcess.FastSettings());
        await host.StartAsync();
        await UntilAsync(host, () => RetryAttempt().Matches(host.LogText).Any(m => int.Parse(m.Groups[1].Value) >= 4), 120);
        var exited = await host.TerminateAsync(TimeSpan.FromSeconds(10));
        Assert.True(exited, "the host still ran 10 s after SIGTERM\n" + string.Join("\n", host.Log.TakeLast(30)));
    }

    [Fact]
    public async Task A_host_restarted_while_its_memory_is_sampled_never_breaks_the_sampler_and_never_outlives_its_owner()
    {
        await using var azurite = await AzuriteInstance.StartNewAsync();
        var host = new PipelineHostProcess(azurite, PipelineHostProcess.FastSettings());
        var pids = new List<int>();
        Exception? samplerError = null;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(() =>
        {
            // As SoakRun's sampler, without its pause: every read races the restarts below.
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    host.PeakResidentBytes();
                    _ = host.ProcessId;
                    _ = host.IsRunning;
                }
            }
            catch (Exception e)
            {
                samplerError = e;
            }
        });
        try
        {
            for (var i = 0; i < 6; i++)
            {
                await host.StartAsync();
                pids.Add(host.ProcessId!.Value);
                await host.KillAsync();
            }
            await host.StartAsync();
            pids.Add(host.ProcessId!.Value);
        }
        finally
        {
            await host.DisposeAsync();
            stop.Cancel();
            await sampler;
        }
        Assert.Null(samplerError);
        Assert.All(pids, pid => Assert.False(Directory.Exists($"/proc/{pid}") && !IsZombie(pid), $"host {pid} still runs"));
        Assert.DoesNotContain(pids, ChildProcesses.RunningIds.Contains);
    }

    /// <summary>Polls the host's log (an external process: no clock of ours drives it) until the condition holds.</summary>
    private static async Task UntilAsync(PipelineHostProcess host, Func<bool> condition, int seconds)
    {
        var reached = await SiteAudit.WaitUntilAsync(() => Task.FromResult(condition()), TimeSpan.FromSeconds(seconds), TimeSpan.FromMilliseconds(200));
        Assert.True(reached, "timed out; host log tail:\n" + string.Join("\n", host.Log.TakeLast(30)));
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] == "Z";
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static async Task<int> SitePortAsync(PipelineHostProcess host)
    {
        await UntilAsync(host, () => ServingAt().IsMatch(host.LogText), 60);
        return int.Parse(ServingAt().Match(host.LogText).Groups[1].Value);
    }

    /// <summary>One request over a raw socket (HttpClient will not send CONNECT or made-up methods to a server).</summary>
    private static async Task<(int Status, Dictionary<string, string> Headers)> RawRequestAsync(int port, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var received = new StringBuilder();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var n = await stream.ReadAsync(buffer, timeout.Token);
            if (n == 0) break;
            received.Append(Encoding.Latin1.GetString(buffer, 0, n));
        }
        var head = received.ToString().Split("\r\n\r\n")[0].Split("\r\n");
        var status = head[0].Split(' ') is [_, var code, ..] && int.TryParse(code, out var s) ? s : 0;
        var headers = head.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim().ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First()[1].Trim());
        return (status, headers);
    }

    [GeneratedRegex(@"Serving the site at http://127\.0\.0\.1:(\d+)/")]
    private static partial Regex ServingAt();

    [GeneratedRegex(@"\(attempt (\d+)\)")]
    private static partial Regex RetryAttempt();

    [GeneratedRegex(@"^\[\d+\]\s+at \S+\(")]
    private static partial Regex StackFrame();
}
