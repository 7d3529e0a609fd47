namespace Pipeline.Cli.Tests;

/// <summary>Exit codes of the built executable in its own process, where no storage is reached.</summary>
public sealed class ExecutableTests
{
    [Fact]
    public async Task Storage_that_cannot_be_used_exits_3_with_the_reason_on_stderr()
    {
        var (exit, stdout, stderr) = await CliRun.ProcessAsync("this is not a connection string", "status");
        Assert.Equal(ExitCodes.Failed, exit);
        Assert.StartsWith("pipeline status: ", stderr);
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task Usage_errors_exit_2_from_the_executable_too()
    {
        var (exit, stdout, stderr) = await CliRun.ProcessAsync(null, "withdraw", "--help", "--bogus");
        Assert.Equal(ExitCodes.Success, exit); // --help wins, as for every command
        Assert.Contains("Usage:", stdout);
        (exit, stdout, stderr) = await CliRun.ProcessAsync(null, "withdraw");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Empty(stdout);
        Assert.Contains("Required argument 'index code' missing", stderr);
    }
}
