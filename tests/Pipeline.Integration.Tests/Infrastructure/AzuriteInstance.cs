using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Pipeline.Integration.Tests.Infrastructure;

/// <summary>
/// A private Azurite (blob, queue, table) on free ports of 127.0.0.1 with data in a temp folder, started for a test
/// and killed afterwards. <see cref="StopAsync"/> + <see cref="StartAsync()"/> simulate an emulator restart on the
/// same ports and data. Reusable by any test (browser tests included).
/// </summary>
public sealed class AzuriteInstance : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process? _process;
    private readonly string _location;

    private AzuriteInstance(int blobPort, int queuePort, int tablePort)
    {
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
        _location = Path.Combine(Path.GetTempPath(), "pipeline-azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_location);
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <summary>Starts a new instance on three free ports.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    public static async Task<AzuriteInstance> StartNewAsync(CancellationToken ct = default)
    {
        var ports = FreePorts(3);
        var instance = new AzuriteInstance(ports[0], ports[1], ports[2]);
        await instance.StartAsync(ct);
        return instance;
    }

    public async Task StartAsync(CancellationToken ct = default)
    {
        if (_process is { HasExited: false }) return;
        if (!File.Exists(RepoPaths.Azurite))
            throw new InvalidOperationException($"Azurite not found at {RepoPaths.Azurite}: run `npm ci` in the repository root.");
        var info = new ProcessStartInfo(RepoPaths.Azurite)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(),
                     "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(),
                     "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(),
                     "--location", _location, "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry",
                 })
            info.ArgumentList.Add(arg);
        _process = ChildProcesses.Start(info);
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // Only bounds a hang: on a loaded machine (load average 50+ on two cores, several test runs each starting
        // emulators) Node took more than 30 s to open its ports, and every test of the run failed on that timing.
        var deadline = DateTime.UtcNow.Add(StartTimeout);
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (!await CanConnectAsync(port, ct))
            {
                if (_process.HasExited) throw new InvalidOperationException($"azurite exited with code {_process.ExitCode}");
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"azurite did not open port {port} in {StartTimeout.TotalSeconds:0} s");
                await Task.Delay(100, ct);
            }
        }
    }

    /// <summary>Kills the emulator (data stays in its folder for a restart).</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        ChildProcesses.Kill(_process);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<bool> CanConnectAsync(int port, CancellationToken ct)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, ct);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Free TCP ports on 127.0.0.1 (listeners on port 0, held together so the ports differ).</summary>
    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
