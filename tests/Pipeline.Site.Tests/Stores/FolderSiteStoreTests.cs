using System.Text;
using Pipeline.Site.Stores;

namespace Pipeline.Site.Tests.Stores;

/// <summary>The local folder store under the publisher's concurrent writes.</summary>
public sealed class FolderSiteStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "folder-store-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Writers_racing_into_a_folder_not_made_yet_all_land()
    {
        // A rebuild writes a new layout's 256 code buckets at once into one new folder; the store used to remember the
        // folder before it existed, so another writer could open a file in it first (ENOENT) and the build failed. Many
        // rounds of writers starting together into fresh folders: every file lands, whatever the interleaving.
        var store = new FolderSiteStore(_root);
        for (var round = 0; round < 40; round++)
        {
            var folder = $"catalog/codes/{round}/";
            using var start = new Barrier(8);
            await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Factory.StartNew(() =>
            {
                start.SignalAndWait();
                for (var i = writer; i < 64; i += 8)
                    store.WriteAsync(new SiteFile(folder + i + ".json", Encoding.UTF8.GetBytes("{\"n\":" + i + "}"), "application/json", "no-cache")).AsTask().GetAwaiter().GetResult();
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
            for (var i = 0; i < 64; i++)
                Assert.Equal("{\"n\":" + i + "}", Encoding.UTF8.GetString((await store.ReadAsync(folder + i + ".json"))!));
        }
    }

    [Fact]
    public async Task A_folder_removed_after_it_was_written_is_made_again()
    {
        var store = new FolderSiteStore(_root);
        await store.WriteAsync(new SiteFile("reports/a/index.html", "one"u8.ToArray(), "text/html", "no-cache"));
        Directory.Delete(Path.Combine(_root, "reports", "a"), recursive: true);

        await store.WriteAsync(new SiteFile("reports/a/index.html", "two"u8.ToArray(), "text/html", "no-cache"));

        Assert.Equal("two", Encoding.UTF8.GetString((await store.ReadAsync("reports/a/index.html"))!));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
