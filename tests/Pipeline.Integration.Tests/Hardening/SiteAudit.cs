using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Azure.Data.Tables;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Site;
using Pipeline.Stages;
using Pipeline.Storage;

namespace Pipeline.Integration.Tests.Hardening;

/// <summary>What an upload should have become once the pipeline is done with it.</summary>
public enum ExpectedFate
{
    /// <summary>Accepted, public, release time passed: on the site exactly once.</summary>
    Published,
    /// <summary>Accepted but 公开范围 is not public: kept, never on the site.</summary>
    NotPublic,
    /// <summary>Accepted, release time still in the future: rendered, not on the site yet.</summary>
    Scheduled,
    /// <summary>Accepted, personal data found: held for privacy review.</summary>
    Held,
    /// <summary>Rejected: in quarantine with its result document.</summary>
    Rejected,
}

public sealed record ExpectedUpload(string Agency, string FileName, ExpectedFate Fate);

/// <summary>Counts and every inconsistency found by <see cref="SiteAudit.RunAsync"/>.</summary>
public sealed record AuditReport(
    int Uploads,
    int PublishedReports,
    int ReportPages,
    int JsonEntries,
    int FeedEntries,
    int SitemapReportUrls,
    int Lost,
    int Duplicated,
    IReadOnlyList<string> Problems)
{
    public override string ToString() =>
        $"uploads {Uploads}, published {PublishedReports}, pages {ReportPages}, JSON entries {JsonEntries}, feed entries {FeedEntries}, " +
        $"sitemap URLs {SitemapReportUrls}, lost {Lost}, duplicated {Duplicated}" +
        (Problems.Count == 0 ? "" : "\n" + string.Join("\n", Problems.Take(40)));
}

/// <summary>
/// Checks a finished pipeline end to end from storage alone: incoming/ is empty; every upload ended as expected
/// (rejected ones quarantined with a result document, accepted ones archived); no content became two reports; and
/// the ledger, the report pages, the JSON index, the Atom feed and the sitemaps all agree, with no duplicates.
/// </summary>
public static class SiteAudit
{
    public static async Task<AuditReport> RunAsync(PipelineTestHost host, IReadOnlyCollection<ExpectedUpload> uploads)
    {
        var problems = new List<string>();
        var lost = 0;
        var duplicated = 0;
        var ct = CancellationToken.None;

        var incoming = await host.ListBlobsAsync(StorageNames.IncomingContainer);
        if (incoming.Count > 0) problems.Add($"incoming/ still holds {incoming.Count} blob(s): {string.Join(", ", incoming.Take(5))}");
        var quarantine = (await host.ListBlobsAsync(StorageNames.QuarantineContainer)).ToHashSet(StringComparer.Ordinal);
        var results = (await host.ListBlobsAsync(StorageNames.ResultsContainer)).ToHashSet(StringComparer.Ordinal);
        var archive = (await host.ListBlobsAsync(StorageNames.ArchiveContainer)).ToHashSet(StringComparer.Ordinal);

        var ledgerRows = new List<LedgerEntry>();
        await foreach (var row in host.Get<ReportLedger>().ListLatestAsync(ct)) ledgerRows.Add(row);
        var byCode = ledgerRows.ToDictionary(r => r.IndexCode, StringComparer.Ordinal);

        var expectedPublished = new HashSet<string>(StringComparer.Ordinal);
        foreach (var upload in uploads)
        {
            var outcome = await host.OutcomeOfAsync(upload.Agency, upload.FileName);
            var resultBlob = ReportBlobs.ResultName(upload.Agency, upload.FileName);
            if (outcome is null)
            {
                lost++;
                problems.Add($"{upload.Agency}/{upload.FileName}: no upload outcome recorded");
                continue;
            }
            if (!results.Contains(resultBlob)) problems.Add($"{upload.Agency}/{upload.FileName}: result document {resultBlob} missing");
            if (upload.Fate == ExpectedFate.Rejected)
            {
                if (outcome.Outcome != "Rejected") problems.Add($"{upload.Agency}/{upload.FileName}: expected Rejected, was {outcome.Outcome}");
                if (outcome.QuarantineBlob is null || !quarantine.Contains(outcome.QuarantineBlob)) problems.Add($"{upload.Agency}/{upload.FileName}: not in quarantine");
                if (string.IsNullOrWhiteSpace(outcome.Reason)) problems.Add($"{upload.Agency}/{upload.FileName}: rejected without a reason");
                continue;
            }
            if (outcome.Outcome is not ("Accepted" or "Duplicate") || outcome.IndexCode is null || !byCode.TryGetValue(outcome.IndexCode, out var entry))
            {
                lost++;
                problems.Add($"{upload.Agency}/{upload.FileName}: expected {upload.Fate}, upload outcome {outcome.Outcome} ({outcome.Reason}), no ledger entry");
                continue;
            }
            if (entry.ArchiveBlob is null || !archive.Contains(entry.ArchiveBlob)) problems.Add($"{upload.Agency}/{upload.FileName}: original not archived ({entry.ArchiveBlob})");
            var fine = upload.Fate switch
            {
                ExpectedFate.Published => entry.State == ReportState.Published,
                ExpectedFate.NotPublic => entry.State == ReportState.Rendered && !entry.Publishable,
                ExpectedFate.Scheduled => entry.State == ReportState.Rendered && entry.Publishable,
                ExpectedFate.Held => entry.State == ReportState.Held,
                _ => false,
            };
            if (!fine)
            {
                if (upload.Fate == ExpectedFate.Published) lost++;
                problems.Add($"{upload.Agency}/{upload.FileName}: expected {upload.Fate}, ledger says {entry.State} (publishable {entry.Publishable}; {entry.Reason})");
            }
            if (upload.Fate == ExpectedFate.Published) expectedPublished.Add(entry.IndexCode);
        }

        // One report per content: a retried validation must reuse its index code, never draw a second one.
        foreach (var group in ledgerRows.GroupBy(r => (r.Agency, r.ContentHash)).Where(g => g.Count() > 1))
        {
            duplicated += group.Count() - 1;
            problems.Add($"content {group.Key.ContentHash[..12]} of {group.Key.Agency} became {group.Count()} reports: {string.Join(", ", group.Select(r => r.IndexCode))}");
        }
        foreach (var group in ledgerRows.Where(r => r.PublishSequence is not null).GroupBy(r => r.PublishSequence).Where(g => g.Count() > 1))
            problems.Add($"publish sequence {group.Key} shared by {string.Join(", ", group.Select(r => r.IndexCode))}");

        var published = ledgerRows.Where(r => r.State == ReportState.Published).Select(r => r.IndexCode).ToHashSet(StringComparer.Ordinal);
        if (!published.SetEquals(expectedPublished))
            problems.Add($"ledger published set differs from expected: extra [{string.Join(", ", published.Except(expectedPublished).Take(5))}], missing [{string.Join(", ", expectedPublished.Except(published).Take(5))}]");
        var publishedUrls = published.ToDictionary(c => SiteUrls.Report(Slug.FromIndexCode(c)), c => c, StringComparer.Ordinal);

        var site = await host.ListBlobsAsync(StorageNames.WebContainer);
        var pageSlugs = site.Select(n => Regex.Match(n, "^reports/([^/]+)/index\\.html$")).Where(m => m.Success).Select(m => "/reports/" + m.Groups[1].Value + "/").ToList();
        CompareSets("report pages", pageSlugs, publishedUrls.Keys, problems, ref duplicated);

        var jsonCodes = await JsonIndexCodesAsync(host);
        CompareSets("JSON index entries", jsonCodes, published, problems, ref duplicated);

        var feedUrls = await FeedEntryUrlsAsync(host);
        var feedDuplicates = feedUrls.Count - feedUrls.Distinct().Count();
        if (feedDuplicates > 0)
        {
            duplicated += feedDuplicates;
            problems.Add($"feed has {feedDuplicates} duplicate entries");
        }
        if (feedUrls.Count != Math.Min(50, published.Count)) problems.Add($"feed has {feedUrls.Count} entries for {published.Count} published reports");
        foreach (var url in feedUrls.Where(u => !publishedUrls.ContainsKey(new Uri(u).AbsolutePath))) problems.Add($"feed entry {url} is not a published report");

        var sitemapUrls = await SitemapReportPathsAsync(host, site);
        CompareSets("sitemap report URLs", sitemapUrls, publishedUrls.Keys, problems, ref duplicated);

        return new AuditReport(uploads.Count, published.Count, pageSlugs.Count, jsonCodes.Count, feedUrls.Count, sitemapUrls.Count, lost, duplicated, problems);
    }

    private static void CompareSets(string what, IReadOnlyList<string> found, IEnumerable<string> expected, List<string> problems, ref int duplicated)
    {
        var set = found.ToHashSet(StringComparer.Ordinal);
        if (set.Count != found.Count)
        {
            duplicated += found.Count - set.Count;
            problems.Add($"{what}: {found.Count - set.Count} duplicate(s): {string.Join(", ", found.GroupBy(x => x).Where(g => g.Count() > 1).Select(g => g.Key).Take(5))}");
        }
        var want = expected.ToHashSet(StringComparer.Ordinal);
        if (!set.SetEquals(want))
            problems.Add($"{what} differ from the ledger: extra [{string.Join(", ", set.Except(want).Take(5))}], missing [{string.Join(", ", want.Except(set).Take(5))}]");
    }

    /// <summary>Index codes of every entry in every shard listed by /api/reports/index.json.</summary>
    public static async Task<List<string>> JsonIndexCodesAsync(PipelineTestHost host)
    {
        var codes = new List<string>();
        var manifest = await host.ReadTextAsync(StorageNames.WebContainer, "api/reports/index.json");
        if (manifest is null) return codes;
        using var doc = JsonDocument.Parse(manifest);
        foreach (var shard in doc.RootElement.GetProperty("shards").EnumerateArray())
        {
            var text = await host.ReadTextAsync(StorageNames.WebContainer, shard.GetProperty("url").GetString()!.TrimStart('/'));
            if (text is null) continue;
            using var shardDoc = JsonDocument.Parse(text);
            codes.AddRange(shardDoc.RootElement.GetProperty("reports").EnumerateArray().Select(r => r.GetProperty("indexCode").GetString()!));
        }
        return codes;
    }

    public static async Task<List<string>> FeedEntryUrlsAsync(PipelineTestHost host)
    {
        var feed = await host.ReadTextAsync(StorageNames.WebContainer, "feed.xml");
        if (feed is null) return [];
        XNamespace atom = "http://www.w3.org/2005/Atom";
        return XDocument.Parse(feed).Root!.Elements(atom + "entry").Select(e => e.Element(atom + "id")!.Value).ToList();
    }

    private static async Task<List<string>> SitemapReportPathsAsync(PipelineTestHost host, IReadOnlyList<string> site)
    {
        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var paths = new List<string>();
        foreach (var name in site.Where(n => n.StartsWith("sitemaps/", StringComparison.Ordinal) && n != "sitemaps/pages.xml"))
        {
            var xml = await host.ReadTextAsync(StorageNames.WebContainer, name);
            paths.AddRange(XDocument.Parse(xml!).Root!.Elements(sm + "url").Select(u => new Uri(u.Element(sm + "loc")!.Value).AbsolutePath).Where(p => p.StartsWith("/reports/", StringComparison.Ordinal)));
        }
        return paths;
    }

    /// <summary>Waits (polling storage) until <paramref name="done"/> holds or the time is up; returns whether it held.</summary>
    public static async Task<bool> WaitUntilAsync(Func<Task<bool>> done, TimeSpan timeout, TimeSpan? poll = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await done()) return true;
            }
            catch (Azure.RequestFailedException)
            {
                // Storage restarting: keep waiting.
            }
            catch (AggregateException)
            {
            }
            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(500));
        }
        return await done();
    }
}
