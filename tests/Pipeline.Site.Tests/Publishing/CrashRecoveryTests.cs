using System.Text;
using System.Text.RegularExpressions;
using Pipeline.Site;
using Pipeline.Site.Catalog;
using Pipeline.Site.Publishing;
using Pipeline.Site.Stores;

namespace Pipeline.Site.Tests.Publishing;

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
    [InlineData(0.0, false)]
    [InlineData(0.2, false)]
    [InlineData(0.4, false)]
    [InlineData(0.6, false)]
    [InlineData(0.8, false)]
    [InlineData(0.99, false)]
    [InlineData(0.05, true)]
    [InlineData(0.3, true)]
    [InlineData(0.6, true)]
    [InlineData(0.9, true)]
    public async Task A_run_dying_after_any_write_leaves_no_dangling_link_and_a_rerun_completes_it(double failAt, bool firstRunDies)
    {
        var first = Enumerable.Range(0, 27).Select(i => SitePublisherTests.Report(i)).ToList();
        // Two reports of a year no list exists for yet: their pages link to a list the run has still to write.
        var second = Enumerable.Range(27, 9).Select(i => SitePublisherTests.Report(i, year: i % 4 == 0 ? 2031 : null)).ToList();
        Withdrawal[] withdrawals = [new Withdrawal(first[4].Entry.IndexCode, first[4].Entry.Slug, "撤回", DateTimeOffset.UnixEpoch)];
        if (firstRunDies)
        {
            // The very first run dies: not even the directories, the front page or the feed exist yet.
            (first, second, withdrawals) = ([], [.. first, .. second], []);
        }

        var expectedSite = new MemorySiteStore();
        var expectedState = new MemorySiteStore();
        var reference = new SitePublisher(expectedSite, expectedState, Options);
        if (!firstRunDies) await reference.PublishAsync(first, []);
        var total = (await reference.PublishAsync(second, withdrawals)).FilesWritten;
        var budget = new WriteBudget((int)(total * failAt));

        var site = new MemorySiteStore();
        var state = new MemorySiteStore();
        if (!firstRunDies) await new SitePublisher(site, state, Options).PublishAsync(first, []);
        var crashing = new SitePublisher(new FailingStore(site, budget), new FailingStore(state, budget), Options);
        await Assert.ThrowsAsync<IOException>(() => crashing.PublishAsync(second, withdrawals));
        AssertEveryLinkResolves(site);

        await new SitePublisher(site, state, Options).PublishAsync(second, withdrawals);

        Assert.Equal(expectedSite.Files.Keys, site.Files.Keys);
        foreach (var (path, file) in expectedSite.Files)
            Assert.True(file.Content.Span.SequenceEqual(site.Files[path].Content.Span), path);
        Assert.Equal(expectedState.Files.Keys, state.Files.Keys);
    }

    /// <summary>Every report URL in any page, feed or JSON, and every site-relative href of any page, is a file.</summary>
    internal static void AssertEveryLinkResolves(MemorySiteStore site)
    {
        var files = site.Files;
        var missing = new List<string>();
        // Until the first run has written the front page the site has no entry point; the site-wide pages written
        // just before it link to one another.
        string[] siteWide = ["/", "/years/", "/publishers/", "/search/", "/feed.xml", "/api/reports/index.json", "/sitemap.xml"];
        var open = files.ContainsKey("index.html");
        foreach (var (path, file) in files.Where(f => f.Key.EndsWith(".html", StringComparison.Ordinal) || f.Key.EndsWith(".xml", StringComparison.Ordinal) || f.Key.EndsWith(".json", StringComparison.Ordinal)))
        {
            var text = Encoding.UTF8.GetString(file.Content.Span);
            foreach (Match link in ReportLink().Matches(text))
                if (!files.ContainsKey($"reports/{link.Groups[1].Value}/index.html")) missing.Add($"{path} links to missing report {link.Groups[1].Value}");
            if (!path.EndsWith(".html", StringComparison.Ordinal)) continue;
            foreach (Match link in Href().Matches(text))
                if (!files.ContainsKey(SiteUrls.FileOf(link.Groups[1].Value)) && (open || !siteWide.Contains(link.Groups[1].Value))) missing.Add($"{path} links to missing {link.Groups[1].Value}");
        }
        Assert.True(missing.Count == 0, string.Join("\n", missing.Distinct().Take(40)));
    }

    [GeneratedRegex("/reports/([A-Za-z0-9_-]+)/")]
    private static partial Regex ReportLink();

    [GeneratedRegex("href=\"(/[^\"#?]*)[\"#?]")]
    private static partial Regex Href();
}
