using System.Collections.Concurrent;
using System.Diagnostics;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Stages;

namespace Pipeline.Integration.Tests.Hardening;

/// <summary>
/// The real local host (`pipeline run`) as a child process on a given Azurite: configured by environment variables
/// only (no local.settings.json is read), its console log captured. <see cref="Kill"/> sends SIGKILL — no shutdown
/// code runs, as when a VM or container dies — and <see cref="StartAsync"/> on the same object starts a fresh process.
/// Safe to watch from another thread while it is killed and restarted (the memory sampler of <see cref="SoakRun"/>
/// does): the process id and a task that completes at its exit are captured at start, so no property reads a
/// Process object that has exited or that a restart disposed; peak memory is read from /proc by id, and once more
/// just before each kill, so a sample that the timing misses is not lost either.
/// </summary>
public sealed class PipelineHostProcess : IAsyncDisposable
{
    private readonly AzuriteInstance _azurite;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly string _workingDirectory;
    private readonly Lock _gate = new();
    private Process? _process;
    private int _pid;
    private Task _exited = Task.CompletedTask;
    private long _peakOfEarlierIncarnations;

    /// <param name="settings">Extra configuration as environment variables ("Pipeline__Privacy" = "PublishMasked").</param>
    public PipelineHostProcess(AzuriteInstance azurite, IReadOnlyDictionary<string, string>? settings = null)
    {
        _azurite = azurite;
        _settings = settings ?? new Dictionary<string, string>();
        _workingDirectory = Directory.CreateTempSubdirectory("pipeline-host-").FullName;
    }

    /// <summary>Every line the host (all its incarnations) printed, in order.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    public int Starts { get; private set; }

    /// <summary>The id of the running process, or null when none runs.</summary>
    public int? ProcessId
    {
        get
        {
            var pid = Volatile.Read(ref _pid);
            return pid != 0 && IsRunning ? pid : null;
        }
    }

    /// <summary>True while the current incarnation runs (from the exit task captured at start; no Process property is read).</summary>
    public bool IsRunning
    {
        get
        {
            lock (_gate) return _process is not null && !_exited.IsCompleted;
        }
    }

    /// <summary>The built CLI next to the test assembly (the test project references Pipeline.Cli).</summary>
    /// PIPELINE_HOST_EXECUTABLE names another build (e.g. an older commit's, to measure a figure before a fix).
    public static string Executable => Environment.GetEnvironmentVariable("PIPELINE_HOST_EXECUTABLE") is { Length: > 0 } other
        ? other
        : Path.Combine(AppContext.BaseDirectory, "pipeline");

    /// <summary>Settings every test host gets: fast polling, short lease and visibility so a killed host's work comes back quickly.</summary>
    public static Dictionary<string, string> FastSettings(string publishSchedule = "*/2 * * * * *") => new()
    {
        ["PublishSchedule"] = publishSchedule,
        ["Pipeline__IncomingScanIntervalSeconds"] = "1",
        ["Pipeline__RenderVisibilityTimeoutSeconds"] = "5",
        ["Pipeline__PublishLeaseSeconds"] = "15",
    };

    public Task StartAsync()
    {
        if (IsRunning) throw new InvalidOperationException("the host is already running");
        _process?.Dispose();
        var info = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = _workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "run", "--port", "0" }) info.ArgumentList.Add(arg);
        info.Environment[PipelineOptions.StorageKey] = _azurite.ConnectionString;
        info.Environment["PIPELINE_SETTINGS"] = Path.Combine(_workingDirectory, "no-local-settings.json");
        info.Environment["Pipeline__AgenciesFile"] = RepoPaths.AgenciesFile;
        info.Environment["Site__BaseUrl"] = "http://127.0.0.1:8080/";
        foreach (var (key, value) in _settings) info.Environment[key] = value;

        var generation = ++Starts;
        var process = ChildProcesses.Start(info);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Log.Enqueue($"[{generation}] {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Log.Enqueue($"[{generation}] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var pid = process.Id;
        var exited = process.WaitForExitAsync();
        Process? previous;
        lock (_gate)
        {
            previous = _process;
            _process = process;
            _exited = exited;
            Volatile.Write(ref _pid, pid);
        }
        previous?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>SIGTERM (what a service manager or `kill` sends): the host shuts down gracefully.</summary>
    public async Task<bool> TerminateAsync(TimeSpan timeout)
    {
        if (ProcessId is not { } pid) return true;
        using (var kill = Process.Start("kill", ["-TERM", pid.ToString()]))
            await kill.WaitForExitAsync();
        return await WaitForExitAsync(timeout);
    }

    /// <summary>Waits until the current process has exited; false if it still runs after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        Task exited;
        lock (_gate) exited = _exited;
        try
        {
            await exited.WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL: the process dies at once, mid-write if it was writing.</summary>
    public async Task KillAsync()
    {
        Process? process;
        Task exited;
        lock (_gate)
        {
            process = _process;
            exited = _exited;
        }
        if (process is null) return;
        // The dying incarnation's peak, read while it still runs (the sampler may not have looked since its last rise).
        if (ReadPeak(Volatile.Read(ref _pid)) is { } last)
            Interlocked.Exchange(ref _peakOfEarlierIncarnations, Math.Max(Interlocked.Read(ref _peakOfEarlierIncarnations), last));
        ChildProcesses.Kill(process, entireProcessTree: false);
        await exited;
    }

    /// <summary>
    /// Peak resident memory (VmHWM from /proc, in bytes) over every incarnation so far: the running one's as it stands,
    /// the killed ones' as read just before their kill. Null when nothing was ever read. Never throws, whatever the
    /// process does meanwhile: it reads /proc by the id captured at start, never a Process object.
    /// </summary>
    public long? PeakResidentBytes()
    {
        // Only while it runs: the id of an exited process may already belong to another one.
        var current = IsRunning ? ReadPeak(Volatile.Read(ref _pid)) : null;
        var earlier = Interlocked.Read(ref _peakOfEarlierIncarnations);
        return current is null && earlier == 0 ? null : Math.Max(current ?? 0, earlier);
    }

    private static long? ReadPeak(int pid)
    {
        if (pid == 0) return null;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.TryParse(line["VmHWM:".Length..].Trim().Split(' ')[0], out var kib) ? kib * 1024 : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Exited between the check and the read (or a zombie: no VmHWM line at all, also null).
        }
        return null;
    }

    public string LogText => string.Join('\n', Log);

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        lock (_gate)
        {
            _process?.Dispose();
            _process = null;
            Volatile.Write(ref _pid, 0);
        }
        try
        {
            Directory.Delete(_workingDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
