using System.Collections.Concurrent;
using System.Diagnostics;

namespace Pipeline.Integration.Tests.Infrastructure;

/// <summary>
/// Every process the tests start (Azurite, `pipeline run` hosts, one-shot CLI commands) is registered here and killed
/// when the test process exits, whatever happened to the test that started it (an assertion or a timeout thrown
/// before its cleanup, a fixture that failed to initialise). Tests still end their processes themselves; this is
/// the backstop that keeps a failed run from leaving hosts and emulators behind.
/// </summary>
public static class ChildProcesses
{
    private static readonly ConcurrentDictionary<int, Process> Running = new();

    static ChildProcesses()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
    }

    /// <summary>Starts <paramref name="info"/> and registers the process.</summary>
    public static Process Start(ProcessStartInfo info)
    {
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + info.FileName);
        // The id is read once, here: the Exited handler may run after the owner disposed the Process object, whose Id
        // then throws "No process is associated with this object" on a thread-pool thread (that ends the test run).
        var pid = process.Id;
        Running[pid] = process;
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => Running.TryRemove(pid, out _);
        return process;
    }

    /// <summary>Kills a process (and its children) if it still runs; never throws.</summary>
    public static void Kill(Process? process, bool entireProcessTree = true)
    {
        if (process is null) return;
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree);
        }
        catch (InvalidOperationException)
        {
            // Already exited, or the Process object was disposed: nothing left to end.
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
    }

    /// <summary>The processes registered and still running (for a test of the harness itself).</summary>
    public static IReadOnlyCollection<int> RunningIds => Running.Keys.ToList();

    private static void KillAll()
    {
        foreach (var process in Running.Values) Kill(process);
    }
}
