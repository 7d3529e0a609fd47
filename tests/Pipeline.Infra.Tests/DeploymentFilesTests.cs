using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pipeline.Infra.Tests;

/// <summary>azd's files point at what exists, and functions/try-build.sh never skips silently.</summary>
public sealed partial class DeploymentFilesTests
{
    [Fact]
    public async Task Every_azd_parameter_is_a_parameter_of_main_bicep()
    {
        var template = await CompiledTemplate.MainAsync();
        var declared = template.Root["parameters"]!.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var file = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Infra, "main.parameters.json")))!;
        var passed = file["parameters"]!.AsObject().Select(p => p.Key).ToList();

        Assert.Empty(passed.Except(declared));
        Assert.Contains("environmentName", passed);
        Assert.Contains("location", passed);
        // Parameters without a default must be given by azd.
        var required = template.Root["parameters"]!.AsObject().Where(p => p.Value!["defaultValue"] is null).Select(p => p.Key);
        Assert.Empty(required.Except(passed));
    }

    [Fact]
    public async Task Azure_yaml_deploys_the_functions_project_and_its_hook_exists()
    {
        var yaml = await File.ReadAllTextAsync(Repository.PathOf("azure.yaml"));
        var project = ProjectLine().Match(yaml);
        Assert.True(project.Success, "azure.yaml names no service project");
        Assert.True(Directory.Exists(Repository.PathOf(project.Groups[1].Value.Trim())), $"{project.Groups[1].Value} does not exist");
        Assert.Contains("host: function", yaml, StringComparison.Ordinal);
        foreach (Match hook in RunLine().Matches(yaml))
            Assert.True(File.Exists(Repository.PathOf(hook.Groups[1].Value.Trim())), $"hook {hook.Groups[1].Value} does not exist");
        // The tag azd finds the app by.
        Assert.Contains("'azd-service-name': 'functions'", await File.ReadAllTextAsync(Path.Combine(Repository.Infra, "modules", "functionapp.bicep")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_Grid_delivers_uploads_of_the_incoming_container_to_the_ValidateUpload_function()
    {
        var template = await CompiledTemplate.MainAsync();
        // The postdeploy hook passes these outputs to infra/upload-events.bicep.
        var functionName = template.Output("UPLOAD_EVENTS_FUNCTION").GetValue<string>();
        var container = template.Output("UPLOAD_EVENTS_CONTAINER").GetValue<string>();
        // Read from the source here; tests/Pipeline.Functions.Tests checks the compiled functions.metadata as well.
        var source = await File.ReadAllTextAsync(Repository.PathOf("functions", "Pipeline.Functions", "ValidateUploadFunction.cs"));

        Assert.Equal(Pipeline.Storage.StorageNames.IncomingContainer, container);
        Assert.Contains($"public const string Name = \"{functionName}\";", source, StringComparison.Ordinal);
        Assert.Contains("[BlobTrigger(StorageNames.IncomingContainer + \"/{agency}/{name}\", Source = BlobTriggerSource.EventGrid, Connection = PipelineOptions.StorageKey)]", source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Try_build_either_builds_or_says_in_one_line_why_it_skipped()
    {
        var emptyFeed = Directory.CreateTempSubdirectory("pipeline-empty-feed-");
        try
        {
            var result = await Repository.RunAsync("bash", ["functions/try-build.sh"], Repository.Root,
                new Dictionary<string, string> { ["FUNCTIONS_EXTRA_FEED"] = emptyFeed.FullName }, TimeSpan.FromMinutes(8));

            Assert.True(result.ExitCode == 0, $"try-build.sh exited {result.ExitCode}:\n{result.Output}");
            var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var verdict = Assert.Single(lines);
            Assert.Matches(@"^Functions app: (built \(0 warnings\)|SKIPPED — worker packages cannot be restored from the configured NuGet sources \(NU110[123]: Unable to find package Microsoft\.Azure\.Functions\.Worker[^)]*\))", verdict);
        }
        finally
        {
            emptyFeed.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Try_build_fails_loudly_when_restore_fails_for_another_reason()
    {
        var missingFeed = Path.Combine(Path.GetTempPath(), "pipeline-no-such-feed-" + Guid.NewGuid().ToString("N"));
        var result = await Repository.RunAsync("bash", ["functions/try-build.sh"], Repository.Root,
            new Dictionary<string, string> { ["FUNCTIONS_EXTRA_FEED"] = missingFeed }, TimeSpan.FromMinutes(8));

        Assert.NotEqual(0, result.ExitCode);
        Assert.DoesNotContain("SKIPPED", result.Output, StringComparison.Ordinal);
        Assert.Contains("restore FAILED", result.StandardError, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\s+project:\s*(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ProjectLine();

    [GeneratedRegex(@"^\s+run:\s*(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex RunLine();
}
