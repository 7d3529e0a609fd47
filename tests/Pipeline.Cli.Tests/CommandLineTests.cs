using System.CommandLine;

namespace Pipeline.Cli.Tests;

/// <summary>Help, usage errors and configuration overrides, for every command, in process (no storage is reached).</summary>
[Collection(nameof(ConsoleCollection))]
public class CommandLineTests
{
    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var command in CliApp.CreateRootCommand().Subcommands) data.Add(command.Name);
        return data;
    }

    [Fact]
    public void Every_command_of_the_readme_is_declared()
    {
        var names = CliApp.CreateRootCommand().Subcommands.Select(c => c.Name).Order();
        Assert.Equal(["approve", "inspect", "publish", "rebuild", "render", "run", "score", "seed", "status", "upload", "withdraw"], names);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_on_every_command_prints_its_usage_and_exits_0(string name)
    {
        foreach (var help in new[] { "--help", "-h" })
        {
            var (exit, stdout, stderr) = await CliRun.InProcessAsync(name, help);
            Assert.Equal(ExitCodes.Success, exit);
            Assert.Contains($"pipeline {name}", stdout);
            Assert.Contains("Usage:", stdout);
            Assert.Empty(stderr);
        }
    }

    [Fact]
    public async Task Help_lists_every_command()
    {
        var (exit, stdout, _) = await CliRun.InProcessAsync("--help");
        Assert.Equal(ExitCodes.Success, exit);
        foreach (var command in CliApp.CreateRootCommand().Subcommands)
            Assert.Contains("  " + command.Name, stdout);
    }

    [Theory]
    [InlineData(new string[0], "Required command was not provided")]
    [InlineData(new[] { "frobnicate" }, "Unrecognized command or argument 'frobnicate'")]
    [InlineData(new[] { "withdraw", "41133021X7/2018-1" }, "Option '--reason' is required")]
    [InlineData(new[] { "withdraw", "41133021X7/2018-1", "--reason", " " }, "--reason must not be empty")]
    [InlineData(new[] { "withdraw", "--reason", "wrong" }, "Required argument 'index code' missing")]
    [InlineData(new[] { "approve", "41133021X7/2018-1" }, "give exactly one of --masked and --as-is")]
    [InlineData(new[] { "approve", "41133021X7/2018-1", "--masked", "--as-is" }, "give exactly one of --masked and --as-is")]
    [InlineData(new[] { "status", "--agency", "hebi" }, "--agency and --file go together")]
    [InlineData(new[] { "status", "a/1", "--agency", "hebi", "--file", "x.txt" }, "not both")]
    [InlineData(new[] { "status", "a/1", "b/2" }, "Unrecognized command or argument 'b/2'")]
    [InlineData(new[] { "upload", "/no/such/file.txt", "--agency", "hebi" }, "file not found: /no/such/file.txt")]
    [InlineData(new[] { "upload", "README.md" }, "Option '--agency' is required")]
    [InlineData(new[] { "publish", "now" }, "Unrecognized command or argument 'now'")]
    [InlineData(new[] { "rebuild", "--bogus" }, "Unrecognized command or argument '--bogus'")]
    [InlineData(new[] { "run", "--port", "70000" }, "--port must be a port number")]
    [InlineData(new[] { "run", "--port", "http" }, "'http'")]
    [InlineData(new[] { "render", "/no/such/folder", "-o", "/tmp/x" }, "not found: /no/such/folder")]
    [InlineData(new[] { "score", "/no/such/folder" }, "is not a folder")]
    [InlineData(new[] { "score", ".", "--min", "most" }, "'most'")]
    [InlineData(new[] { "inspect", "x.txt", "--Site:BaseUrl=http://x/" }, "--Site:BaseUrl=http://x/")]
    public async Task Usage_errors_exit_2_with_the_error_and_the_usage_on_stderr(string[] args, string message)
    {
        if (args.Length > 1 && args[0] == "upload" && args[1] == "README.md") args[1] = CliRun.Sample("000");
        var (exit, stdout, stderr) = await CliRun.InProcessAsync(args);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(message, stderr);
        Assert.Contains("Usage:", stderr);
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task Upload_release_at_must_be_a_date()
    {
        var (exit, _, stderr) = await CliRun.InProcessAsync("upload", CliRun.Sample("000"), "--agency", "hebi", "--release-at", "tomorrow");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--release-at 'tomorrow' is not an ISO 8601 date/time", stderr);
    }

    [Fact]
    public void Configuration_overrides_are_split_from_the_command_arguments()
    {
        var (rest, overrides) = Hosting.CliConfiguration.SplitOverrides(
            ["status", "--Pipeline:Webhooks:0=http://127.0.0.1/hook", "41133021X7/2018-1", "--Site__BaseUrl", "http://x/", "--agency", "a"]);
        Assert.Equal(["status", "41133021X7/2018-1", "--agency", "a"], rest);
        Assert.Equal(["--Pipeline:Webhooks:0=http://127.0.0.1/hook", "--Site__BaseUrl", "http://x/"], overrides);
    }

    [Fact]
    public void Storage_commands_take_configuration_overrides_and_file_commands_do_not()
    {
        var root = CliApp.CreateRootCommand();
        var configured = root.Subcommands.OfType<Hosting.ConfiguredCommand>().Select(c => c.Name).Order();
        Assert.Equal(["approve", "publish", "rebuild", "run", "seed", "status", "upload", "withdraw"], configured);
    }

    [Fact]
    public async Task Score_below_min_exits_1_and_at_or_above_exits_0()
    {
        var folder = Path.Combine(Integration.Tests.Infrastructure.RepoPaths.Root, "tests", "corpus");
        var (below, stdout, _) = await CliRun.InProcessAsync("score", folder, "--min", "1.01");
        Assert.Equal(ExitCodes.NotDone, below);
        Assert.Contains("fields scored", stdout);
        var (above, _, _) = await CliRun.InProcessAsync("score", folder, "--min", "0");
        Assert.Equal(ExitCodes.Success, above);
    }

    [Fact]
    public void Every_option_and_argument_has_a_description()
    {
        foreach (var command in CliApp.CreateRootCommand().Subcommands)
        {
            Assert.False(string.IsNullOrWhiteSpace(command.Description), command.Name);
            foreach (var symbol in command.Options.Cast<Symbol>().Concat(command.Arguments))
                Assert.False(string.IsNullOrWhiteSpace(symbol.Description), $"{command.Name} {symbol.Name}");
        }
    }
}
