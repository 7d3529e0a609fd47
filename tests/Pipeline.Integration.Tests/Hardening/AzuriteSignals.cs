using System.Diagnostics;
using Pipeline.Integration.Tests.Infrastructure;

namespace Pipeline.Integration.Tests.Hardening;

/// <summary>
/// Stops a test Azurite the way an operator or a service manager does (SIGTERM), so it saves its on-disk data.
/// <see cref="AzuriteInstance.StopAsync"/> kills it (SIGKILL), and Azurite keeps its metadata in LokiJS files that are
/// only written on a clean shutdown: after a SIGKILL it comes back empty — an emulator property, not the service's.
/// </summary>
public static class AzuriteSignals
{
    public static async Task StopGracefullyAsync(AzuriteInstance azurite, TimeSpan timeout)
    {
        var pid = FindProcess(azurite.BlobPort) ?? throw new InvalidOperationException($"no Azurite process listens on blob port {azurite.BlobPort}");
        using (var kill = Process.Start("kill", ["-TERM", pid.ToString()]))
        {
            await kill.WaitForExitAsync();
            if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -TERM {pid} failed");
        }
        var deadline = DateTime.UtcNow + timeout;
        while (Directory.Exists($"/proc/{pid}") && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        if (Directory.Exists($"/proc/{pid}")) throw new TimeoutException($"Azurite {pid} did not exit within {timeout} of SIGTERM");
    }

    /// <summary>The node process whose command line has "--blobPort &lt;port&gt;" (from /proc, Linux).</summary>
    private static int? FindProcess(int blobPort)
    {
        var marker = $"--blobPort\0{blobPort}\0";
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(marker, StringComparison.Ordinal)) return pid;
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return null;
    }
}
