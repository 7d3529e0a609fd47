using Pipeline.Integration.Tests.Infrastructure;

namespace Pipeline.Cli.Tests;

/// <summary>
/// The storage commands as an operator runs them: the built executable, in its own process, against a private Azurite.
/// Exit codes (README, "Operator CLI"): 0 done, 1 the answer is no, 2 usage, 3 failed.
/// </summary>
public sealed class StorageCommandTests : IAsyncLifetime
{
    private AzuriteInstance _azurite = null!;

    public async Task InitializeAsync()
    {
        // Azurite's start is bounded at 30 s per attempt by the shared fixture; on a machine loaded with other builds a
        // start has been seen to take 27 s, so a start that times out is tried again (the test asserts nothing on time).
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _azurite = await AzuriteInstance.StartNewAsync();
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    private Task<(int Exit, string Out, string Err)> Pipeline(params string[] args) => CliRun.ProcessAsync(_azurite.ConnectionString, args);

    [Fact]
    public async Task Seed_upload_status_publish_rebuild_and_the_answers_that_are_no()
    {
        var (seed, _, seedErr) = await Pipeline("seed");
        Assert.True(seed == ExitCodes.Success, seedErr);

        var sample = CliRun.Sample("000");
        var name = Path.GetFileName(sample);
        var (upload, uploadOut, uploadErr) = await Pipeline("upload", sample, "--agency", "tongbai-wenguang", "--release-at", "2020-01-01T00:00:00Z");
        Assert.True(upload == ExitCodes.Success, uploadErr);
        Assert.Equal($"[1/1] {name} → incoming/tongbai-wenguang/{name} ({new FileInfo(sample).Length:N0} bytes), release at 2020-01-01T00:00:00.0000000+00:00\n", uploadOut);
        Assert.DoesNotContain("[#", uploadErr); // no progress bar: stderr is not a terminal

        var (byFile, byFileOut, byFileErr) = await Pipeline("status", "--agency", "tongbai-wenguang", "--file", name);
        Assert.True(byFile == ExitCodes.Success, byFileErr);
        Assert.StartsWith($"upload     incoming/tongbai-wenguang/{name}\n", byFileOut);

        var (noFile, _, noFileErr) = await Pipeline("status", "--agency", "tongbai-wenguang", "--file", "never-uploaded.txt");
        Assert.Equal(ExitCodes.NotDone, noFile);
        Assert.Contains("no upload incoming/tongbai-wenguang/never-uploaded.txt known", noFileErr);

        var (list, _, listErr) = await Pipeline("status");
        Assert.True(list == ExitCodes.Success, listErr);

        var (status, _, statusErr) = await Pipeline("status", "NOSUCH/2020-1");
        Assert.Equal(ExitCodes.NotDone, status);
        Assert.Contains("no report with index code NOSUCH/2020-1", statusErr);

        var (withdraw, withdrawOut, _) = await Pipeline("withdraw", "NOSUCH/2020-1", "--reason", "test");
        Assert.Equal(ExitCodes.NotDone, withdraw);
        Assert.Empty(withdrawOut);

        var (approve, approveOut, _) = await Pipeline("approve", "NOSUCH/2020-1", "--as-is");
        Assert.Equal(ExitCodes.NotDone, approve);
        Assert.Empty(approveOut);

        // Configuration overrides after a storage command's arguments are read as configuration, not rejected.
        var (publish, publishOut, publishErr) = await Pipeline("publish", "--Site:BaseUrl=http://127.0.0.1:9/", "--Pipeline:PublishLeaseSeconds", "20");
        Assert.True(publish == ExitCodes.Success, publishErr);
        Assert.False(string.IsNullOrWhiteSpace(publishOut));

        var (rebuild, rebuildOut, rebuildErr) = await Pipeline("rebuild");
        Assert.True(rebuild == ExitCodes.Success, rebuildErr);
        Assert.False(string.IsNullOrWhiteSpace(rebuildOut));
        Assert.DoesNotContain("[#", rebuildErr);
    }
}
