using Pipeline.Integration.Tests.Infrastructure;

namespace Pipeline.Cli.Tests;

/// <summary>
/// <c>pipeline-files</c> (the file-only CLI that is published Native AOT) prints byte for byte what <c>pipeline</c>
/// prints for the same file command: both built executables run as processes on every sample. The AOT binary itself is
/// compared with the full CLI by bench/cli-cold-start.sh (an AOT publish takes minutes, too long for the test suite).
/// </summary>
public sealed class FileCliTests
{
    public static TheoryData<string> Samples => new(Directory.GetFiles(RepoPaths.Samples, "*.txt").Select(Path.GetFileName).Order()!);

    private static async Task<(int Exit, byte[] Out, string Err)> Both(string[] args)
    {
        var full = await CliRun.ProcessOfAsync(CliRun.Executable, null, args);
        var files = await CliRun.ProcessOfAsync(CliRun.FilesExecutable, null, args);
        Assert.Equal(full.Exit, files.Exit);
        Assert.Equal(full.Out, files.Out);
        // stderr differs only in the command's name ("pipeline render: …" against "pipeline-files render: …").
        Assert.Equal(full.Err.Replace("pipeline ", "pipeline-files "), files.Err);
        return full;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Inspect_prints_the_same_bytes(string sample)
    {
        var path = Path.Combine(RepoPaths.Samples, sample);
        var (exit, json, _) = await Both(["inspect", path, "--json"]);
        Assert.Equal(ExitCodes.Success, exit);
        Assert.StartsWith("{\"accepted\":", System.Text.Encoding.UTF8.GetString(json));
        await Both(["inspect", path]);
        await Both(["inspect", path, "--agency", "华容县北景港镇人民政府", "--json"]);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Render_writes_the_same_page(string sample)
    {
        var folder = Directory.CreateTempSubdirectory("pipeline-files-render-");
        try
        {
            var (full, files) = (Path.Combine(folder.FullName, "full.html"), Path.Combine(folder.FullName, "files.html"));
            var fullRun = await CliRun.ProcessOfAsync(CliRun.Executable, null, "render", Path.Combine(RepoPaths.Samples, sample), "-o", full);
            var filesRun = await CliRun.ProcessOfAsync(CliRun.FilesExecutable, null, "render", Path.Combine(RepoPaths.Samples, sample), "-o", files);
            Assert.Equal((ExitCodes.Success, ExitCodes.Success), (fullRun.Exit, filesRun.Exit));
            var page = await File.ReadAllBytesAsync(full);
            Assert.NotEmpty(page);
            Assert.Equal(page, await File.ReadAllBytesAsync(files));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Score_prints_the_same_report()
    {
        var corpus = Path.Combine(RepoPaths.Root, "tests", "corpus");
        var (exit, json, _) = await Both(["score", corpus, "--json"]);
        Assert.Equal(ExitCodes.Success, exit);
        Assert.NotEmpty(json);
        await Both(["score", corpus, "--min", "1.01"]);
    }

    [Theory]
    [InlineData("inspect", "/no/such/file.txt")]
    [InlineData("render")]
    [InlineData("status")]
    public async Task Usage_errors_are_the_same_except_the_storage_commands_it_does_not_have(params string[] args)
    {
        var files = await CliRun.ProcessOfAsync(CliRun.FilesExecutable, null, args);
        Assert.Equal(ExitCodes.Usage, files.Exit);
        Assert.Empty(files.Out);
        if (args[0] != "status") await Both(args);
    }
}
