using System.Text;
using System.Text.RegularExpressions;
using Pipeline.Core.Site;

namespace Pipeline.Core.Tests.Site;

/// <summary>A run that dies half-way leaves no link to a missing page, and re-running it completes the work.</summary>
public sealed partial class CrashRecoveryTests
{
    private static readonly SiteOptions Options = new() { PageSize = 10 };

    /// <summary>A real in-memory store whose writes start failing after a number of them (a storage outage).</summary>
    private sealed class FailingStore(MemorySiteStore inner, WriteBudget budget) : ISiteStore
    {
        public ValueTask<byte[]?> ReadAsync(string path, CancellationToken cancellationToken = default) => inner.ReadAsync(path, cancellationToken);
        public ValueTask WriteAsync(SiteFile file, CancellationToken cancellationToken = default) =>
            --budget.Remaining < 0 ? throw new IOException("storage unavailable") : inner.WriteAsync(file, cancellationToken);
        public ValueTask DeleteAsync(string path, CancellationToken cancellationToken = default) => inner.DeleteAsync(path, cancellationToken);
    }

    /// <summary>Writes left before the outage, shared by the site and state stores.</summary>
    private sealed class WriteBudget(int remaining)
    {
        public int Remaining = remaining;
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.2)]
    [InlineData(0.4)]
    [InlineData(0.6)]
    [InlineData(0.8)]
    [InlineData(0.99)]
    public async Task A_run_dying_after_any_write_leaves_no_dangling_link_and_a_rerun_completes_it(double failAt)
    {
        var first = Enumerable.Range(0, 27).Select(i => SitePublisherTests.Report(i)).ToList();
        var second = Enumerable.Range(27, 9).Select(i => SitePublisherTests.Report(i)).ToList();
        var withdrawal = new Withdrawal(first[4].Entry.IndexCode, first[4].Entry.Slug, "撤回", DateTimeOffset.UnixEpoch);

        var expectedSite = new MemorySiteStore();
        var expectedState = new MemorySiteStore();
        var reference = new SitePublisher(expectedSite, expectedState, Options);
        await reference.PublishAsync(first, []);
        var total = (await reference.PublishAsync(second, [withdrawal])).FilesWritten;
        var budget = new WriteBudget((int)(total * failAt));

        var site = new MemorySiteStore();
        var state = new MemorySiteStore();
        await new SitePublisher(site, state, Options).PublishAsync(first, []);
        var crashing = new SitePublisher(new FailingStore(site, budget), new FailingStore(state, budget), Options);
        await Assert.ThrowsAsync<IOException>(() => crashing.PublishAsync(second, [withdrawal]));
        AssertEveryReportLinkResolves(site);

        await new SitePublisher(site, state, Options).PublishAsync(second, [withdrawal]);

        Assert.Equal(expectedSite.Files.Keys, site.Files.Keys);
        foreach (var (path, file) in expectedSite.Files)
            Assert.True(file.Content.Span.SequenceEqual(site.Files[path].Content.Span), path);
        Assert.Equal(expectedState.Files.Keys, state.Files.Keys);
    }

    private static void AssertEveryReportLinkResolves(MemorySiteStore site)
    {
        var files = site.Files;
        foreach (var (path, file) in files.Where(f => f.Key.EndsWith(".html", StringComparison.Ordinal) || f.Key.EndsWith(".xml", StringComparison.Ordinal) || f.Key.EndsWith(".json", StringComparison.Ordinal)))
            foreach (Match link in ReportLink().Matches(Encoding.UTF8.GetString(file.Content.Span)))
                Assert.True(files.ContainsKey($"reports/{link.Groups[1].Value}/index.html"), $"{path} links to missing report {link.Groups[1].Value}");
    }

    [GeneratedRegex("/reports/([A-Za-z0-9_-]+)/")]
    private static partial Regex ReportLink();
}
