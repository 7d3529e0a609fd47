namespace Pipeline.Infra.Tests;

/// <summary>Every Bicep file compiles and passes the linter (infra/bicepconfig.json: all rules as warnings) cleanly.</summary>
public sealed class BicepTests
{
    private static List<string> Files() =>
        Directory.EnumerateFiles(Repository.Infra, "*.bicep", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(Repository.Root, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static TheoryData<string> BicepFiles() => new(Files());

    [Fact]
    public void Infra_has_the_main_template_and_its_modules()
    {
        var files = Files();
        Assert.Contains("infra/main.bicep", files);
        Assert.True(files.Count >= 6, $"expected main.bicep and its modules, found: {string.Join(", ", files)}");
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Compiles_without_warnings(string file)
    {
        var result = await Repository.RunAsync(Repository.Bicep, ["build", file, "--stdout"], Repository.Root);

        Assert.True(result.ExitCode == 0, $"bicep build {file} exited {result.ExitCode}:\n{result.StandardError}");
        AssertNoDiagnostics(result.StandardError);
        Assert.StartsWith("{", result.StandardOutput.TrimStart());
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Passes_the_linter_without_warnings(string file)
    {
        var result = await Repository.RunAsync(Repository.Bicep, ["lint", file], Repository.Root);

        Assert.True(result.ExitCode == 0, $"bicep lint {file} exited {result.ExitCode}:\n{result.Output}");
        AssertNoDiagnostics(result.Output);
    }

    [Fact]
    public void Linter_configuration_turns_every_rule_into_a_warning_or_explains_why_not()
    {
        var config = File.ReadAllText(Path.Combine(Repository.Infra, "bicepconfig.json"));
        Assert.Contains("\"use-recent-api-versions\": { \"level\": \"warning\" }", config);
        Assert.Contains("\"no-unused-params\": { \"level\": \"warning\" }", config);
        Assert.Contains("\"outputs-should-not-contain-secrets\": { \"level\": \"warning\" }", config);
    }

    private static void AssertNoDiagnostics(string output)
    {
        var diagnostics = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.Contains(": Warning ", StringComparison.Ordinal) || line.Contains(": Error ", StringComparison.Ordinal))
            .ToList();
        Assert.True(diagnostics.Count == 0, "bicep reported:\n" + string.Join('\n', diagnostics));
    }
}
