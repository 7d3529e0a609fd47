using System.Text.RegularExpressions;

namespace Pipeline.Infra.Tests;

/// <summary>The hooks are portable sh that shellcheck passes, and azure.yaml runs each of them on every platform.</summary>
public sealed partial class HookScriptTests
{
    private static readonly string[] Hooks = ["preprovision", "postprovision", "postdeploy"];

    [Fact]
    public async Task Hooks_pass_shellcheck_as_posix_sh()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Repository.Infra, "hooks"), "*.sh").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Hooks.Select(h => $"{h}.sh").Order(StringComparer.Ordinal), files.Select(Path.GetFileName));

        Repository.ProcessResult result;
        try
        {
            result = await Repository.RunAsync("shellcheck", ["--shell=sh", "--severity=style", .. files], Repository.Root);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail("shellcheck is not installed (test.sh installs it as root: apt-get install -y shellcheck)");
            return;
        }
        Assert.True(result.ExitCode == 0, "shellcheck:\n" + result.Output);
    }

    [Fact]
    public async Task Azure_yaml_runs_each_hook_on_posix_and_windows()
    {
        var yaml = await File.ReadAllTextAsync(Repository.PathOf("azure.yaml"));
        foreach (var hook in Hooks)
        {
            var block = Regex.Match(yaml, $@"^  {hook}:\n((?:    .*\n)+)", RegexOptions.Multiline);
            Assert.True(block.Success, $"azure.yaml has no {hook} hook");
            Assert.Contains($"run: ./infra/hooks/{hook}.sh", block.Groups[1].Value, StringComparison.Ordinal);
            Assert.Contains($"run: ./infra/hooks/{hook}.ps1", block.Groups[1].Value, StringComparison.Ordinal);
            Assert.Contains("continueOnError: false", block.Groups[1].Value, StringComparison.Ordinal);
            // The Windows hook runs the same sh script (one tested implementation).
            var windows = await File.ReadAllTextAsync(Path.Combine(Repository.Infra, "hooks", $"{hook}.ps1"));
            Assert.Contains($"-Hook '{hook}.sh'", windows, StringComparison.Ordinal);
        }
    }
}
