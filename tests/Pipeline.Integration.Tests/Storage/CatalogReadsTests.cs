using System.Collections.Concurrent;
using System.Text;
using Azure.Storage.Blobs;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Site;
using Pipeline.Site.Catalog;
using Pipeline.Site.Publishing;
using Pipeline.Site.Reports;
using Pipeline.Site.Stores;
using Pipeline.Storage;
using Xunit.Abstractions;

namespace Pipeline.Integration.Tests.Storage;

/// <summary>
/// A publish run that appends reads the same catalog files however large the site has grown (the catalog head, its
/// codes' lookup buckets, the states of the lists its reports join and the row buckets and record shards of the ranks
/// it shows): counted on the private state in a real Azurite blob container, seeded by the real publisher
/// (<see cref="SitePublisher.RebuildAsync"/>, as <c>pipeline-dev bench --seed</c> seeds it).
/// </summary>
public sealed class CatalogReadsTests(ITestOutputHelper output) : FreshPipelineTest
{
    private const int Batch = 10;
    private static readonly string[] Publishers = ["平凉市人民政府办公室", "平凉市教育局", "崆峒区人民政府"];

    [Fact]
    public async Task One_publish_run_of_ten_reads_as_many_catalog_files_with_three_thousand_published_as_with_one_thousand()
    {
        var small = await CatalogReadsAsync(1000);
        var large = await CatalogReadsAsync(3000);

        output.WriteLine($"1,000 published: {string.Join(", ", small.Select(p => $"{p.Key} {p.Value}"))}");
        output.WriteLine($"3,000 published: {string.Join(", ", large.Select(p => $"{p.Key} {p.Value}"))}");
        // Before the list states, a run read every row bucket (1,000 ranks each): 1 at 1,000, 3 at 3,000.
        Assert.Equal(small.Where(p => p.Key != "codes"), large.Where(p => p.Key != "codes"));
        // The lookup buckets: one per new code at most (fewer when two share one), read once and again before the write.
        Assert.InRange(small.GetValueOrDefault("codes"), 1, 2 * Batch);
        Assert.InRange(large.GetValueOrDefault("codes"), 1, 2 * Batch);
    }

    /// <summary>The catalog files (by kind: head, rows, records, lists, codes) one publish run of 10 reads with <paramref name="published"/> already published.</summary>
    private async Task<SortedDictionary<string, int>> CatalogReadsAsync(int published)
    {
        var container = Host.Get<BlobServiceClient>().GetBlobContainerClient($"catalog-reads-{published}");
        await container.CreateIfNotExistsAsync();
        var site = new MemorySiteStore();
        var options = new SiteOptions();
        await new SitePublisher(site, new BlobSiteStore(container), options).RebuildAsync(Reports(0, published), []);

        var state = new CountingSiteStore(new BlobSiteStore(container));
        var run = await new SitePublisher(site, state, options).PublishAsync(await ToListAsync(Reports(published, Batch)), []);
        Assert.Contains(run.ChangedPaths, p => p == "state:catalog/head.json");
        var reads = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var path in state.Reads.Where(p => p.StartsWith("catalog/", StringComparison.Ordinal)))
        {
            var kind = path.Split('/')[1].Replace(".json", "", StringComparison.Ordinal);
            reads[kind] = reads.GetValueOrDefault(kind) + 1;
        }
        return reads;
    }

    /// <summary>
    /// Reports as the publish stage hands them over, in the shape of a county's year of notices (a publisher, an index
    /// code of the national form, 发布日期 a few days after 生成日期); the page itself is not what this test reads.
    /// </summary>
    private static async IAsyncEnumerable<PublishedReport> Reports(int first, int count)
    {
        for (var i = first; i < first + count; i++)
        {
            await Task.Yield();
            var release = new DateOnly(2021 + i % 4, 1 + i % 12, 1 + i % 27);
            var meta = new PageMetadata($"关于第{i}号事项的通知", $"01362021X2/{release.Year}-{100000 + i}", Publishers[i % Publishers.Length],
                release.AddDays(-3), "主动公开", release, null);
            var entry = SiteEntry.From(meta, sequence: i + 1, publishedAt: new DateTimeOffset(release.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)));
            yield return new PublishedReport(entry, Encoding.UTF8.GetBytes($"<!doctype html><title>{i}</title>"), $"关于第{i}号事项的通知 编号R{i}");
        }
    }

    private static async Task<List<PublishedReport>> ToListAsync(IAsyncEnumerable<PublishedReport> reports)
    {
        var list = new List<PublishedReport>();
        await foreach (var report in reports) list.Add(report);
        return list;
    }

    /// <summary>The private state with every read recorded (path), to count what a run reads.</summary>
    private sealed class CountingSiteStore(ISiteStore inner) : ISiteStore
    {
        public ConcurrentQueue<string> Reads { get; } = new();

        public ValueTask<byte[]?> ReadAsync(string path, CancellationToken cancellationToken = default)
        {
            Reads.Enqueue(path);
            return inner.ReadAsync(path, cancellationToken);
        }

        public ValueTask WriteAsync(SiteFile file, CancellationToken cancellationToken = default) => inner.WriteAsync(file, cancellationToken);

        public ValueTask DeleteAsync(string path, CancellationToken cancellationToken = default) => inner.DeleteAsync(path, cancellationToken);
    }
}
