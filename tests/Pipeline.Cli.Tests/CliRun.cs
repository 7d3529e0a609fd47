using System.Diagnostics;
using System.Text;
using Pipeline.Integration.Tests.Infrastructure;

namespace Pipeline.Cli.Tests;

/// <summary>Runs the CLI: in this process (console captured), or as the built executable with its own environment.</summary>
public static class CliRun
{
    /// <summary>The built CLI next to the test assembly (this project references Pipeline.Cli).</summary>
    public static string Executable => Path.Combine(AppContext.BaseDirectory, "pipeline");

    /// <summary>The built file-only CLI (Pipeline.Cli.Files, referenced by Pipeline.Cli), the JIT build of the entry point that is published Native AOT.</summary>
    public static string FilesExecutable => Path.Combine(AppContext.BaseDirectory, "pipeline-files");

    public static string Sample(string prefix) => Directory.GetFiles(RepoPaths.Samples, prefix + "_*.txt").Single();

    /// <summary>
    /// <see cref="CliApp.RunAsync(string[])"/> with stdout and stderr captured. Console output is process-wide, so the
    /// tests that call this are in <see cref="ConsoleCollection"/>.
    /// </summary>
    public static async Task<(int Exit, string Out, string Err)> InProcessAsync(params string[] args)
    {
        var (originalOut, originalErr) = (Console.Out, Console.Error);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var exit = await CliApp.RunAsync(args);
            return (exit, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalErr);
        }
    }

    /// <summary>The executable as a child process (no local settings file, storage from <paramref name="storage"/>).</summary>
    public static async Task<(int Exit, string Out, string Err)> ProcessAsync(string? storage, params string[] args)
    {
        var (exit, stdout, stderr) = await ProcessOfAsync(Executable, storage, args);
        return (exit, Encoding.UTF8.GetString(stdout), stderr);
    }

    /// <summary><paramref name="executable"/> as a child process, as <see cref="ProcessAsync"/>; stdout as bytes.</summary>
    public static async Task<(int Exit, byte[] Out, string Err)> ProcessOfAsync(string executable, string? storage, params string[] args)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["PIPELINE_SETTINGS"] = Path.Combine(Path.GetTempPath(), "pipeline-cli-tests-no-settings.json");
        info.Environment["Pipeline__AgenciesFile"] = Path.Combine(RepoPaths.Root, "config", "agencies.json");
        if (storage is not null) info.Environment["PipelineStorage"] = storage;
        using var process = ChildProcesses.Start(info);
        var stdoutBytes = new MemoryStream();
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(stdoutBytes);
        var stderr = process.StandardError.ReadToEndAsync();
        // A bound against a hung process only (never a speed assertion): the commands take a few seconds at most.
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            ChildProcesses.Kill(process);
            throw new TimeoutException($"{Path.GetFileName(executable)} {string.Join(' ', args)} did not exit in 5 minutes");
        }
        await stdout;
        return (process.ExitCode, stdoutBytes.ToArray(), await stderr);
    }
}

[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public class ConsoleCollection;
