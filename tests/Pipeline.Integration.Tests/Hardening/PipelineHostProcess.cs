using System.Collections.Concurrent;
using System.Diagnostics;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Stages;

namespace Pipeline.Integration.Tests.Hardening;

/// <summary>
/// The real local host (`pipeline run`) as a child process on a given Azurite: configured by environment variables
/// only (no local.settings.json is read), its console log captured. <see cref="Kill"/> sends SIGKILL — no shutdown
/// code runs, as when a VM or container dies — and <see cref="StartAsync"/> on the same object starts a fresh process.
/// </summary>
public sealed class PipelineHostProcess : IAsyncDisposable
{
    private readonly AzuriteInstance _azurite;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly string _workingDirectory;
    private Process? _process;

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

    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The built CLI next to the test assembly (the test project references Pipeline.Cli).</summary>
    public static string Executable => Path.Combine(AppContext.BaseDirectory, "pipeline");

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
        _process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + Executable);
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) Log.Enqueue($"[{generation}] {e.Data}"); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Log.Enqueue($"[{generation}] {e.Data}"); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        return Task.CompletedTask;
    }

    /// <summary>SIGKILL: the process dies at once, mid-write if it was writing.</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    /// <summary>Peak resident memory of the running process (VmHWM from /proc), in bytes; null when not running.</summary>
    public long? PeakResidentBytes()
    {
        if (ProcessId is not { } pid) return null;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0]) * 1024;
        }
        catch (IOException)
        {
        }
        return null;
    }

    public string LogText => string.Join('\n', Log);

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(_workingDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
