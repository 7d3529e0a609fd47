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
/// does): the current process id is captured at start, never read from a Process object that a restart disposes.
/// </summary>
public sealed class PipelineHostProcess : IAsyncDisposable
{
    private readonly AzuriteInstance _azurite;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly string _workingDirectory;
    private readonly Lock _gate = new();
    private Process? _process;
    private int _pid;

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

    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                try
                {
                    return _process is { HasExited: false };
                }
                catch (InvalidOperationException)
                {
                    return false;
                }
            }
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
        Process? previous;
        lock (_gate)
        {
            previous = _process;
            _process = process;
            Volatile.Write(ref _pid, process.Id);
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
        Process? process;
        lock (_gate) process = _process;
        if (process is null) return true;
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
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
        lock (_gate) process = _process;
        if (process is null) return;
        ChildProcesses.Kill(process, entireProcessTree: false);
        try
        {
            await process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>Peak resident memory of the running process (VmHWM from /proc), in bytes; null when not running.</summary>
    public long? PeakResidentBytes()
    {
        // The captured id, read from /proc without touching the Process object: a concurrent restart cannot make
        // this throw (it did: "No process is associated with this object" from a disposed Process).
        var pid = Volatile.Read(ref _pid);
        if (pid == 0) return null;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0]) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Exited between the check and the read.
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
