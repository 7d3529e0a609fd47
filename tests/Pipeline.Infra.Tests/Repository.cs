using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Pipeline.Infra.Tests;

/// <summary>Paths in the repository and the tools the tests run.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Infra => Path.Combine(Root, "infra");

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Pipeline.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"No Pipeline.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>The bicep executable from the Azure.Bicep.CommandLine package restore downloaded.</summary>
    public static string Bicep { get; } = FindBicep();

    private static string FindBicep()
    {
        var packageDirectory = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "BicepPackageDirectory")?.Value;
        if (string.IsNullOrEmpty(packageDirectory))
            throw new InvalidOperationException("The build did not record where the Azure.Bicep.CommandLine package is (GeneratePathProperty).");
        var executable = Path.Combine(packageDirectory, "tools", OperatingSystem.IsWindows() ? "bicep.exe" : "bicep");
        if (!File.Exists(executable))
            throw new InvalidOperationException($"bicep executable not found at {executable}; run dotnet restore.");
        if (!OperatingSystem.IsWindows())
        {
            // Package extraction does not always keep the executable bit.
            var mode = File.GetUnixFileMode(executable);
            if ((mode & UnixFileMode.UserExecute) == 0)
                File.SetUnixFileMode(executable, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
        return executable;
    }

    public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
    {
        public string Output => StandardOutput + StandardError;
    }

    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Keep tool chatter (telemetry notices, first-run banners) out of the outputs the tests read.
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        if (environment is not null)
            foreach (var (key, value) in environment) start.Environment[key] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}");
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        var standardOutput = process.StandardOutput.ReadToEndAsync(cancellation.Token);
        var standardError = process.StandardError.ReadToEndAsync(cancellation.Token);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in time");
        }
        return new ProcessResult(process.ExitCode, await standardOutput, await standardError);
    }
}
