using System.Diagnostics;
using System.Text.Json.Nodes;
using Pipeline.Integration.Tests.Infrastructure;

namespace Pipeline.Functions.Tests;

/// <summary>
/// The Functions app published as it is deployed (`dotnet publish --no-build`, the configuration this test run was
/// built in) into a temporary folder, and the files the Functions host reads from it.
/// </summary>
public sealed class DeploymentPackage : IAsyncLifetime
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "pipeline-functions-publish-" + Guid.NewGuid().ToString("N"));
    public JsonArray Functions { get; private set; } = null!;
    public JsonObject Extensions { get; private set; } = null!;
    public JsonObject WorkerConfig { get; private set; } = null!;
    public JsonObject HostJson { get; private set; } = null!;

    /// <summary>Debug or Release: the folder above net10.0 in this test assembly's path.</summary>
    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public async Task InitializeAsync()
    {
        var project = Path.Combine(RepoPaths.Root, "functions", "Pipeline.Functions", "Pipeline.Functions.csproj");
        // Restore first: functions/try-build.sh (run by the infra tests, with other package sources) may have left the
        // project's restore state failed; publishing then takes the binaries this test run was built with.
        await DotnetAsync("restore", project, "-v", "q");
        await DotnetAsync("publish", project, "-c", Configuration, "--no-build", "-o", Folder, "-v", "q", "-nologo");

        Functions = Read("functions.metadata").AsArray();
        Extensions = Read("extensions.json").AsObject();
        WorkerConfig = Read("worker.config.json").AsObject();
        HostJson = Read("host.json").AsObject();
    }

    private static async Task DotnetAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in arguments) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await output}\n{await error}");
    }

    private JsonNode Read(string file)
    {
        var path = Path.Combine(Folder, file);
        Assert.True(File.Exists(path), $"the published app has no {file}");
        return JsonNode.Parse(File.ReadAllText(path), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
    }

    /// <summary>The function named <paramref name="name"/> in functions.metadata.</summary>
    public JsonObject Function(string name) =>
        Functions.Select(f => f!.AsObject()).SingleOrDefault(f => (string?)f["name"] == name) ?? throw new Xunit.Sdk.XunitException($"functions.metadata has no function {name}");

    /// <summary>The trigger binding (the one binding whose type ends with "Trigger") of a function.</summary>
    public static JsonObject Trigger(JsonObject function) =>
        function["bindings"]!.AsArray().Select(b => b!.AsObject()).Single(b => ((string)b["type"]!).EndsWith("Trigger", StringComparison.Ordinal));

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }
}
