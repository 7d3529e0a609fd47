using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Pipeline.Site.Tests.Reports;
using Pipeline.Site;
using Pipeline.Site.Catalog;
using Pipeline.Site.Html;
using Pipeline.Site.Publishing;
using Pipeline.Site.Reports;
using Pipeline.Site.Search;
using Pipeline.Site.Stores;

namespace Pipeline.Site.Tests.Publishing;

public sealed class SitePublisherTests
{
    private static readonly SiteOptions Options = new() { PageSize = 10 };
    private static readonly string[] Publishers = ["华容县北景港镇人民政府", "成都市武侯区人民政府", "湘潭市人民政府"];
    private static readonly string[] Phrases =
        ["深化政务公开促进依法行政", "主动公开政府信息", "依申请公开办理情况", "政府信息公开工作年度报告", "行政复议和行政诉讼情况", "加强平台建设"];

    internal static PublishedReport Report(int i, int? year = null)
    {
        var publisher = Publishers[i % Publishers.Length];
        var release = new DateOnly(year ?? 2018 + i % 3, 1 + i % 12, 1 + i % 27);
        var meta = new PageMetadata($"第{i}号报告：{Phrases[i % Phrases.Length]}", $"00638229X4/{release.Year}-{100000 + i}", publisher,
            release.AddDays(-3), "主动公开", release, null);
        var entry = SiteEntry.From(meta, sequence: i + 1, publishedAt: new DateTimeOffset(release.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)));
        var text = string.Join("。", Enumerable.Range(0, 6).Select(k => Phrases[(i + k * 5) % Phrases.Length])) + $"。编号 R{i}";
        var page = ReportPageRenderer.RenderUtf8(new ReportPageModel(new Pipeline.Core.Model.ReportDocument(meta.Title, [new Pipeline.Core.Model.Paragraph(text)], null), meta), Options);
        return new PublishedReport(entry, page, text);
    }

    private static Withdrawal Withdraw(PublishedReport r) =>
        new(r.Entry.IndexCode, r.Entry.Slug, "内容有误<script>", new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero));

    private static async IAsyncEnumerable<PublishedReport> Stream(IEnumerable<PublishedReport> reports)
    {
        foreach (var r in reports) { await Task.Yield(); yield return r; }
    }

    private static void AssertSameFiles(MemorySiteStore expected, MemorySiteStore actual)
    {
        var e = expected.Files;
        var a = actual.Files;
        Assert.Equal(e.Keys, a.Keys);
        foreach (var (path, file) in e)
        {
            Assert.True(file.Content.Span.SequenceEqual(a[path].Content.Span), $"{path} differs");
            Assert.Equal(file.ContentType, a[path].ContentType);
            Assert.Equal(file.CacheControl, a[path].CacheControl);
        }
    }

    [Fact]
    public async Task Files_a_dead_run_left_in_a_new_reports_folder_are_replaced_or_removed()
    {
        // A run that dies after writing a report's files but before saving the catalog leaves them behind; the re-run
        // lists the folder of each report new to the catalog instead of reading every path, and must still replace the
        // page and remove what the page no longer offers (here an original in another format and statistics files).
        var reports = Enumerable.Range(0, 3).Select(i => Report(i)).ToList();
        var clean = new MemorySiteStore();
        await new SitePublisher(clean, new MemorySiteStore(), Options).PublishAsync(reports, []);

        var site = new MemorySiteStore();
        var folder = SiteUrls.Report(reports[1].Entry.Slug).TrimStart('/');
        foreach (var name in new[] { "index.html", "original.pdf", "original.docx", "statistics.json", "statistics.csv" })
            await site.WriteAsync(new SiteFile(folder + name, Encoding.UTF8.GetBytes("left by a run that died"), "text/plain", "no-cache"));
        var result = await new SitePublisher(site, new MemorySiteStore(), Options).PublishAsync(reports, []);

        AssertSameFiles(clean, site);
        Assert.Contains(folder + "original.pdf", result.ChangedPaths);
        Assert.Contains(folder + "index.html", result.ChangedPaths);
    }

    [Fact]
    public async Task The_folder_of_a_report_no_run_has_written_is_not_listed_and_its_files_are_still_right()
    {
        // The publish stage marks a report whose publish sequence its run took (stored before any site write): no run
        // can have left files in its folder, so the folder is not listed. The site is the same as with the listing.
        var reports = Enumerable.Range(0, 4).Select(i => Report(i)).ToList();
        var clean = new MemorySiteStore();
        await new SitePublisher(clean, new MemorySiteStore(), Options).PublishAsync(reports, []);

        var site = new ListCountingStore(new MemorySiteStore());
        var fresh = reports.Select((r, i) => i % 2 == 0 ? r with { FolderNeverWritten = true } : r).ToList();
        // Were a page there after all (no run writes one without the sequence first), the write still replaces it.
        var folder = SiteUrls.Report(reports[0].Entry.Slug).TrimStart('/');
        await site.Files.WriteAsync(new SiteFile(folder + "index.html", Encoding.UTF8.GetBytes("stale"), "text/plain", "no-cache"));
        await new SitePublisher(site, new MemorySiteStore(), Options).PublishAsync(fresh, []);

        AssertSameFiles(clean, site.Files);
        var listed = site.Listed.Where(p => p.StartsWith("reports/", StringComparison.Ordinal)).Order().ToList();
        Assert.Equal([.. new[] { reports[1], reports[3] }.Select(r => SiteUrls.Report(r.Entry.Slug).TrimStart('/')).Order()], listed);
    }

    /// <summary>A listable store that records the prefixes it was asked to list.</summary>
    private sealed class ListCountingStore(MemorySiteStore files) : ISiteStore
    {
        public MemorySiteStore Files => files;
        public System.Collections.Concurrent.ConcurrentBag<string> Listed { get; } = [];
        public ValueTask<byte[]?> ReadAsync(string path, CancellationToken cancellationToken = default) => files.ReadAsync(path, cancellationToken);
        public ValueTask WriteAsync(SiteFile file, CancellationToken cancellationToken = default) => files.WriteAsync(file, cancellationToken);
        public ValueTask DeleteAsync(string path, CancellationToken cancellationToken = default) => files.DeleteAsync(path, cancellationToken);
        public IAsyncEnumerable<string>? ListAsync(string prefix, CancellationToken cancellationToken = default)
        {
            Listed.Add(prefix);
            return ((ISiteStore)files).ListAsync(prefix, cancellationToken);
        }
    }

    [Fact]
    public async Task Incremental_batches_equal_a_rebuild_byte_for_byte()
    {
        var reports = Enumerable.Range(0, 75).Select(i => Report(i)).ToList();
        var revised = reports[5] with { Entry = reports[5].Entry with { Title = "修订后的标题", Version = 2, Revised = new DateOnly(2020, 2, 2) } };
        var withdrawals = new[] { Withdraw(reports[3]), Withdraw(reports[40]) };

        var site = new MemorySiteStore();
        var state = new MemorySiteStore();
        var publisher = new SitePublisher(site, state, Options);
        await publisher.PublishAsync(reports[..30], []);
        await publisher.PublishAsync(reports[30..41], [withdrawals[0]]);
        await publisher.PublishAsync([.. reports[41..], revised], [withdrawals[1]]);

        var rebuiltSite = new MemorySiteStore();
        var rebuiltState = new MemorySiteStore();
        var all = reports.Select(r => r.Entry.IndexCode == revised.Entry.IndexCode ? revised : r);
        await new SitePublisher(rebuiltSite, rebuiltState, Options).RebuildAsync(Stream(all), withdrawals);

        AssertSameFiles(rebuiltSite, site);
        AssertSameFiles(rebuiltState, state);
    }

    /// <summary>Reports of varied timeliness: every 4th published 60 days after its 生成日期 (late), every 7th without one.</summary>
    private static PublishedReport TimedReport(int i)
    {
        var report = Report(i);
        var generated = i % 7 == 0 ? null : i % 4 == 0 ? report.Entry.ReleaseDate?.AddDays(-60) : report.Entry.GeneratedDate;
        return report with { Entry = report.Entry with { GeneratedDate = generated } };
    }

    [Fact]
    public async Task Runs_that_only_append_read_the_lists_they_join_and_equal_a_rebuild_byte_for_byte()
    {
        // Batches that cross list pages (10 a page), the code lookup's doublings (64 and 128 codes) and, in the middle,
        // a run that withdraws and revises (which reads every row) before appending resumes.
        var reports = Enumerable.Range(0, 150).Select(TimedReport).ToList();
        var revised = reports[5] with { Entry = reports[5].Entry with { Title = "修订后的标题", Version = 2, Revised = new DateOnly(2020, 2, 2) } };
        var withdrawals = new[] { Withdraw(reports[3]), Withdraw(reports[61]) };
        var site = new MemorySiteStore();
        var state = new MemorySiteStore();
        var publisher = new SitePublisher(site, state, Options);
        foreach (var (from, to) in new[] { (0, 1), (1, 13), (13, 40), (40, 64), (64, 65), (65, 70) })
            await publisher.PublishAsync(reports[from..to], []);
        await publisher.PublishAsync([revised], withdrawals);
        foreach (var (from, to) in new[] { (70, 71), (71, 128), (128, 129), (129, 150) })
            await publisher.PublishAsync(reports[from..to], []);

        var rebuiltSite = new MemorySiteStore();
        var rebuiltState = new MemorySiteStore();
        await new SitePublisher(rebuiltSite, rebuiltState, Options).RebuildAsync(Stream(reports.Select(r => r.Entry.IndexCode == revised.Entry.IndexCode ? revised : r)), withdrawals);

        AssertSameFiles(rebuiltSite, site);
        AssertSameFiles(rebuiltState, state);
        Assert.Contains("catalog/codes/2/0.json", state.Files.Keys);
        Assert.DoesNotContain(state.Files.Keys, p => p.StartsWith("catalog/codes/1/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_run_that_died_before_its_catalog_head_is_completed_by_its_rerun()
    {
        var reports = Enumerable.Range(0, 40).Select(TimedReport).ToList();
        var site = new MemorySiteStore();
        var state = new MemorySiteStore();
        var publisher = new SitePublisher(site, state, Options);
        await publisher.PublishAsync(reports[..30], []);
        var headBefore = state.Files["catalog/head.json"];

        // The run of the last 10 wrote everything but its head (its list states, codes and rows are then ahead of the head).
        await publisher.PublishAsync(reports[30..], []);
        await state.WriteAsync(headBefore);
        await publisher.PublishAsync(reports[30..], []);

        var rebuiltSite = new MemorySiteStore();
        var rebuiltState = new MemorySiteStore();
        await new SitePublisher(rebuiltSite, rebuiltState, Options).RebuildAsync(Stream(reports), []);
        AssertSameFiles(rebuiltSite, site);
        AssertSameFiles(rebuiltState, state);
    }

    [Fact]
    public async Task Republishing_the_same_entries_writes_nothing()
    {
        var site = new MemorySiteStore();
        var state = new MemorySiteStore();
        var publisher = new SitePublisher(site, state, Options);
        var reports = Enumerable.Range(0, 25).Select(i => Report(i)).ToList();
        await publisher.PublishAsync(reports, []);
        var result = await publisher.PublishAsync(reports[20..], []);
        Assert.Equal(0, result.FilesWritten);
        Assert.Empty(result.ChangedPaths);
    }

    [Fact]
    public async Task Publishing_one_report_into_two_thousand_writes_at_most_twenty_six_files()
    {
        var site = new MemorySiteStore();
        var state = new MemorySiteStore();
        var publisher = new SitePublisher(site, state, new SiteOptions { PageSize = 50 });
        await publisher.RebuildAsync(Stream(Enumerable.Range(0, 2000).Select(i => Report(i))), []);
        var stateBytesBefore = state.BytesWritten;

        var result = await publisher.PublishAsync([Report(2000)], []);

        // 20, plus the oversight view's year, agency and index pages (发布及时性 counts every report), plus the catalog's
        // code bucket and the states of the two lists the report joins (what the next run reads instead of every row).
        Assert.True(result.FilesWritten <= 26, string.Join("\n", result.ChangedPaths));
        // The catalog is sharded: appending rewrites its head, one row bucket and one record shard, not every row.
        Assert.True(result.BytesWritten <= 200_000, $"{result.BytesWritten} bytes");
        Assert.True(state.BytesWritten - stateBytesBefore <= 40_000, $"{state.BytesWritten - stateBytesBefore} state bytes");
        Assert.Contains("reports/" + Report(2000).Entry.Slug + "/index.html", result.ChangedPaths);
        // The page is written before anything that links to it.
        Assert.Equal(0, result.ChangedPaths.ToList().IndexOf("reports/" + Report(2000).Entry.Slug + "/index.html"));
    }

    [Fact]
    public async Task State_in_the_unsharded_catalog_layout_is_migrated_and_publishing_continues()
    {
        var reports = Enumerable.Range(0, 40).Select(i => Report(i)).ToList();
        var expectedSite = new MemorySiteStore();
        var expectedState = new MemorySiteStore();
        var expected = new SitePublisher(expectedSite, expectedState, Options);
        await expected.PublishAsync(reports[..30], []);
        await expected.PublishAsync(reports[30..], []);

        // The same first 30 reports, with the catalog rewritten into the layout used before it was sharded.
        var site = new MemorySiteStore();
        var state = new MemorySiteStore();
        var publisher = new SitePublisher(site, state, Options);
        await publisher.PublishAsync(reports[..30], []);
        var legacyCatalog = new JsonObject
        {
            ["rows"] = JsonNode.Parse(Text(state, "catalog/rows/0.json")),
            ["publishers"] = JsonNode.Parse(Text(state, "catalog/head.json"))!["publishers"]!.DeepClone(),
        };
        var legacyRecords = Text(state, "catalog/records/0.json");
        foreach (var path in state.Files.Keys.Where(p => p.StartsWith("catalog/", StringComparison.Ordinal))) await state.DeleteAsync(path);
        await state.WriteAsync(new SiteFile("catalog.json", Encoding.UTF8.GetBytes(legacyCatalog.ToJsonString()), "application/json", "no-store"));
        await state.WriteAsync(new SiteFile("records/0.json", Encoding.UTF8.GetBytes(legacyRecords), "application/json", "no-store"));

        await publisher.PublishAsync(reports[30..], []);

        Assert.False(state.Files.ContainsKey("catalog.json"));
        Assert.False(state.Files.ContainsKey("records/0.json"));
        AssertSameFiles(expectedSite, site);
        Assert.Equal(expectedState.Files.Keys, state.Files.Keys);
        foreach (var (path, file) in expectedState.Files)
            Assert.True(file.Content.Span.SequenceEqual(state.Files[path].Content.Span), $"{path} differs");
    }

    [Fact]
    public async Task Withdrawal_removes_every_posting_of_the_rank_from_every_search_file_in_the_same_run()
    {
        // 40 reports: sealed segments 0-32 and 32-8. Rank 3 sits in the big one, rank 35 in the small one.
        var reports = Enumerable.Range(0, 40).Select(i => Report(i)).ToList();
        var site = new MemorySiteStore();
        var state = new MemorySiteStore();
        var publisher = new SitePublisher(site, state, Options);
        await publisher.PublishAsync(reports, []);
        Assert.Contains(3, SearchPostings(site).Ranks);
        Assert.Contains(SearchTokenizer.Hash("r3"), SearchPostings(site).Terms);
        var shardsBefore = site.Files.Keys.Count(p => p.StartsWith("search/s/", StringComparison.Ordinal));

        var withdrawal = await publisher.PublishAsync([], [Withdraw(reports[3]), Withdraw(reports[35])]);

        // No shard under the site holds a posting of a withdrawn rank, nor the term only the withdrawn report had.
        var (ranks, terms) = SearchPostings(site);
        Assert.DoesNotContain(3, ranks);
        Assert.DoesNotContain(35, ranks);
        Assert.DoesNotContain(SearchTokenizer.Hash("r3"), terms);
        Assert.DoesNotContain(SearchTokenizer.Hash("r35"), terms);
        Assert.Contains(4, ranks);
        Assert.DoesNotContain("withdrawn", Text(site, "search/manifest.json"));
        Assert.Empty(await Search(site, "R3"));
        Assert.DoesNotContain(3, await Search(site, "政务公开"));
        // Bounded: the run rewrote the two segments holding the ranks and nothing else of search.
        var searchWrites = withdrawal.ChangedPaths.Count(p => p.StartsWith("search/s/", StringComparison.Ordinal));
        Assert.True(searchWrites <= 2 * shardsBefore, string.Join("\n", withdrawal.ChangedPaths));
        // Nothing served from search may be cached as immutable: a withdrawal replaces it.
        Assert.All(site.Files.Values.Where(f => f.Path.StartsWith("search/", StringComparison.Ordinal)),
            f => Assert.DoesNotContain("immutable", f.CacheControl, StringComparison.Ordinal));

        // Byte-identical to a rebuild that never indexed the withdrawn reports' words.
        var rebuiltSite = new MemorySiteStore();
        var rebuiltState = new MemorySiteStore();
        await new SitePublisher(rebuiltSite, rebuiltState, Options).RebuildAsync(Stream(reports), [Withdraw(reports[3]), Withdraw(reports[35])]);
        AssertSameFiles(rebuiltSite, site);
        AssertSameFiles(rebuiltState, state);
    }

    [Fact]
    public async Task The_front_page_lists_the_latest_newest_by_release_date_even_when_an_older_one_went_public_later()
    {
        // Published in this order (sequence 1, 2, 3): the last one states an older 发布日期 than the second.
        PublishedReport Dated(int i, DateOnly release) =>
            Report(i) with { Entry = Report(i).Entry with { ReleaseDate = release, Sequence = i } };
        var first = Dated(1, new DateOnly(2026, 3, 2));
        var newest = Dated(2, new DateOnly(2026, 3, 10));
        var lateButOlder = Dated(3, new DateOnly(2026, 3, 5));
        var site = new MemorySiteStore();

        await new SitePublisher(site, new MemorySiteStore(), Options).PublishAsync([first, newest, lateButOlder], []);

        var front = new HtmlParser().ParseDocument(Text(site, "index.html"));
        var dates = front.QuerySelectorAll("#entries > li").Select(li => li.GetAttribute("data-date")).ToList();
        Assert.Equal(["2026-03-10", "2026-03-05", "2026-03-02"], dates);
        Assert.Equal(["2", "3", "1"], front.QuerySelectorAll("#entries > li").Select(li => li.GetAttribute("data-seq")));
    }

    [Fact]
    public async Task A_withdrawal_that_empties_a_list_takes_it_out_of_the_navigation()
    {
        // Report 4 is the only one of 2031; reports 0, 3 and 6 are all of publisher 0.
        var reports = Enumerable.Range(0, 9).Select(i => Report(i, year: i == 4 ? 2031 : 2019)).ToList();
        var site = new MemorySiteStore();
        var publisher = new SitePublisher(site, new MemorySiteStore(), Options);
        await publisher.PublishAsync(reports, []);
        var publisherList = SiteUrls.Publisher(reports[0].Entry.PublisherSlug);
        Assert.True(site.Files.ContainsKey(SiteUrls.FileOf(publisherList)));
        Assert.True(site.Files.ContainsKey(SiteUrls.FileOf(SiteUrls.Year(2031))));

        await publisher.PublishAsync([], [Withdraw(reports[0]), Withdraw(reports[3]), Withdraw(reports[4]), Withdraw(reports[6])]);

        Assert.False(site.Files.ContainsKey(SiteUrls.FileOf(publisherList)));
        Assert.False(site.Files.ContainsKey(SiteUrls.FileOf(SiteUrls.Year(2031))));
        foreach (var path in site.Files.Keys.Where(p => p.EndsWith(".html", StringComparison.Ordinal) || p.EndsWith(".xml", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(publisherList, Text(site, path));
            Assert.DoesNotContain(SiteUrls.Year(2031), Text(site, path));
        }
        CrashRecoveryTests.AssertEveryLinkResolves(site);
        Assert.True(site.Files.ContainsKey(SiteUrls.FileOf(SiteUrls.Publisher(reports[1].Entry.PublisherSlug))));
    }

    /// <summary>
    /// Every (rank, term hash) posting in every search shard file of the site, decoded independently of the publisher
    /// from the format documented in SearchSegment.Encode: what anyone can recover from the public files.
    /// </summary>
    private static (HashSet<int> Ranks, HashSet<uint> Terms) SearchPostings(MemorySiteStore site)
    {
        var ranks = new HashSet<int>();
        var terms = new HashSet<uint>();
        foreach (var (path, file) in site.Files.Where(f => f.Key.StartsWith("search/s/", StringComparison.Ordinal)))
        {
            var segmentBase = int.Parse(path.Split('/')[2].Split('-')[0]);
            var data = file.Content.Span;
            var position = 0;
            var count = ReadVarint(data, ref position);
            uint hash = 0;
            for (var t = 0; t < count; t++)
            {
                hash += ReadVarint(data, ref position);
                terms.Add(hash);
                for (var list = 0; list < 2; list++)
                {
                    var header = ReadVarint(data, ref position);
                    if (header == 0) continue;
                    var bytes = data.Slice(position, (int)(header >> 1));
                    position += bytes.Length;
                    if ((header & 1) == 1)
                    {
                        for (var b = 0; b < bytes.Length; b++)
                            for (var bit = 0; bit < 8; bit++)
                                if ((bytes[b] & (1 << bit)) != 0) ranks.Add(segmentBase + b * 8 + bit);
                        continue;
                    }
                    var p = 0;
                    var id = 0;
                    var first = true;
                    while (p < bytes.Length)
                    {
                        var gap = (int)ReadVarint(bytes, ref p);
                        id = first ? gap : id + gap;
                        first = false;
                        ranks.Add(segmentBase + id);
                    }
                }
            }
        }
        return (ranks, terms);
    }

    private static uint ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        uint value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[position++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
    }

    [Fact]
    public async Task Rebuild_deletes_files_of_an_older_site_that_it_no_longer_produces()
    {
        var site = new MemorySiteStore();
        var state = new MemorySiteStore();
        var reports = Enumerable.Range(0, 20).Select(i => Report(i)).ToList();
        await new SitePublisher(site, state, Options).PublishAsync(reports, []);
        await site.WriteAsync(new SiteFile("reports/gone/index.html", "<p>old</p>"u8.ToArray(), "text/html", "no-store"));
        await site.WriteAsync(new SiteFile("search/s/0-8-deadbeef/0.bin", new byte[] { 1 }, "application/octet-stream", "no-store"));

        var result = await new SitePublisher(site, new MemorySiteStore(), Options).RebuildAsync(Stream(reports[..15]), []);

        Assert.Null(result.Note);
        Assert.Contains("reports/gone/index.html", result.ChangedPaths);
        Assert.False(site.Files.ContainsKey("reports/gone/index.html"));
        Assert.False(site.Files.ContainsKey("search/s/0-8-deadbeef/0.bin"));
        Assert.False(site.Files.ContainsKey($"reports/{reports[17].Entry.Slug}/index.html"));
        var expected = new MemorySiteStore();
        await new SitePublisher(expected, new MemorySiteStore(), Options).RebuildAsync(Stream(reports[..15]), []);
        AssertSameFiles(expected, site);
    }

    [Fact]
    public async Task Rebuild_into_a_store_that_cannot_list_keeps_old_files_and_says_so()
    {
        var files = new MemorySiteStore();
        await files.WriteAsync(new SiteFile("reports/gone/index.html", "<p>old</p>"u8.ToArray(), "text/html", "no-store"));

        var result = await new SitePublisher(new UnlistableStore(files), new MemorySiteStore(), Options).RebuildAsync(Stream([Report(1)]), []);

        Assert.NotNull(result.Note);
        Assert.True(files.Files.ContainsKey("reports/gone/index.html"));
    }

    [Fact]
    public async Task Folder_store_lists_relative_slash_separated_paths_under_a_prefix()
    {
        var folder = Directory.CreateTempSubdirectory("site-");
        try
        {
            var store = new FolderSiteStore(folder.FullName);
            foreach (var path in new[] { "index.html", "reports/a/index.html", "reports/b/index.html", "search/manifest.json" })
                await store.WriteAsync(new SiteFile(path, new byte[] { 1 }, "text/plain", "no-store"));
            var all = new List<string>();
            await foreach (var path in store.ListAsync("")!) all.Add(path);
            var reports = new List<string>();
            await foreach (var path in store.ListAsync("reports/")!) reports.Add(path);
            Assert.Equal(["index.html", "reports/a/index.html", "reports/b/index.html", "search/manifest.json"], all.Order(StringComparer.Ordinal));
            Assert.Equal(["reports/a/index.html", "reports/b/index.html"], reports.Order(StringComparer.Ordinal));

            // A folder removed behind the store's back is created again.
            Directory.Delete(Path.Combine(folder.FullName, "reports"), recursive: true);
            await store.WriteAsync(new SiteFile("reports/a/index.html", new byte[] { 2 }, "text/plain", "no-store"));
            Assert.Equal(new byte[] { 2 }, await store.ReadAsync("reports/a/index.html"));
            // An existing file is replaced (through a temporary file renamed into place, none left behind).
            await store.WriteAsync(new SiteFile("index.html", new byte[] { 3, 4 }, "text/plain", "no-store"));
            Assert.Equal(new byte[] { 3, 4 }, await store.ReadAsync("index.html"));
            Assert.Null(await store.ReadAsync("missing/index.html"));
            Assert.Empty(Directory.GetFiles(folder.FullName, "*.tmp-*", SearchOption.AllDirectories));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A store without listing (the interface's default), over real in-memory files.</summary>
    private sealed class UnlistableStore(MemorySiteStore files) : ISiteStore
    {
        public ValueTask<byte[]?> ReadAsync(string path, CancellationToken cancellationToken = default) => files.ReadAsync(path, cancellationToken);
        public ValueTask WriteAsync(SiteFile file, CancellationToken cancellationToken = default) => files.WriteAsync(file, cancellationToken);
        public ValueTask DeleteAsync(string path, CancellationToken cancellationToken = default) => files.DeleteAsync(path, cancellationToken);
    }

    [Fact]
    public async Task List_pages_are_stable_buckets_numbered_from_the_oldest()
    {
        var site = new MemorySiteStore();
        var publisher = new SitePublisher(site, new MemorySiteStore(), Options);
        var reports = Enumerable.Range(0, 35).Select(i => Report(i, year: 2019)).ToList();
        await publisher.PublishAsync(reports[..25], []);
        var page1 = site.Files["years/2019/page/1/index.html"].Content.ToArray();

        var result = await publisher.PublishAsync([reports[25]], []);

        Assert.Equal(page1, site.Files["years/2019/page/1/index.html"].Content.ToArray());
        var listPages = result.ChangedPaths.Where(p => p.StartsWith("years/2019/", StringComparison.Ordinal)).Order().ToList();
        Assert.Equal(["years/2019/index.html", "years/2019/page/3/index.html"], listPages);
        var page3 = Encoding.UTF8.GetString(site.Files["years/2019/page/3/index.html"].Content.Span);
        Assert.Contains(reports[25].Entry.Slug, page3);
        Assert.Contains(reports[20].Entry.Slug, page3);
        Assert.DoesNotContain(reports[19].Entry.Slug, page3);
        // Newest first on screen; the four index fields on every entry.
        var dom = new HtmlParser().ParseDocument(page3);
        var items = dom.QuerySelectorAll("ul.entries > li").ToList();
        Assert.Equal(6, items.Count);
        Assert.Contains(reports[25].Entry.Title, items[0].TextContent);
        Assert.Equal(["索引号", "发布机构", "生成日期", "公开范围", "发布日期"], items[0].QuerySelectorAll("dt").Select(d => d.TextContent));
    }

    [Fact]
    public async Task Withdrawal_replaces_the_page_and_removes_the_report_everywhere()
    {
        var site = new MemorySiteStore();
        var publisher = new SitePublisher(site, new MemorySiteStore(), Options);
        var reports = Enumerable.Range(0, 12).Select(i => Report(i)).ToList();
        await publisher.PublishAsync(reports, []);
        var target = reports[7];
        Assert.Contains(target.Entry.Slug, Text(site, "feed.xml"));
        Assert.Contains(await Search(site, "R7"), r => r == 7);

        await publisher.PublishAsync([], [Withdraw(target)]);

        var page = Text(site, $"reports/{target.Entry.Slug}/index.html");
        Assert.Contains("信息已撤回", page);
        Assert.Contains("内容有误&lt;script&gt;", page);
        foreach (var path in site.Files.Keys.Where(p => p.EndsWith(".xml") || p.StartsWith("api/") || p.StartsWith("years/") || p.StartsWith("publishers/") || p == "index.html" || p.StartsWith("search/docs/")))
            Assert.DoesNotContain(target.Entry.Slug, Text(site, path));
        Assert.DoesNotContain(7, await Search(site, "R7"));
        Assert.Empty(await Search(site, "R7"));
    }

    [Fact]
    public async Task Search_finds_a_word_inside_unspaced_Chinese_with_title_hits_first()
    {
        var site = new MemorySiteStore();
        var publisher = new SitePublisher(site, new MemorySiteStore(), Options);
        var reports = Enumerable.Range(0, 40).Select(i => Report(i)).ToList();
        await publisher.PublishAsync(reports, []);

        var ranks = await Search(site, "政务公开");
        Assert.NotEmpty(ranks);
        // Every report's text contains 深化政务公开促进依法行政; those with it in the title come first.
        Assert.Equal(40, ranks.Count);
        var titleHits = reports.Select((r, i) => (r, i)).Where(p => p.r.Entry.Title.Contains("政务公开")).Select(p => p.i).ToHashSet();
        Assert.Equal(titleHits, ranks.Take(titleHits.Count).ToHashSet());
        Assert.Empty(await Search(site, "不存在的词语"));
        Assert.Equal([3], await Search(site, reports[3].Entry.IndexCode));
        Assert.Contains(0, await Search(site, Publishers[0]));
    }

    [Theory]
    [InlineData("深化政务公开促进依法行政 00638229X4/2019-1513549 ＡＢＣ１２３ Hello-World 年")]
    [InlineData("")]
    [InlineData("a\u0301 \ud800 公")]
    public void Hashing_tokenizer_matches_the_string_tokenizer(string text)
    {
        var terms = new HashSet<string>();
        SearchTokenizer.AddIndexTerms(text, terms);
        var hashes = new TermHashSet();
        SearchTokenizer.AddIndexTermHashes(text, hashes);
        Assert.Equal(terms.Select(SearchTokenizer.Hash).ToHashSet(), hashes.ToArray().ToHashSet());
        Assert.Equal(hashes.Count, hashes.ToArray().Length);
    }

    [Fact]
    public void Tokenizer_indexes_han_unigrams_and_bigrams_and_lowercase_words()
    {
        var terms = new HashSet<string>();
        SearchTokenizer.AddIndexTerms("深化政务公开 ＡＢＣ１２３/2019", terms);
        Assert.Superset(new HashSet<string> { "政务", "务公", "公开", "政", "abc123", "2019" }, terms);
        Assert.Equal(["政务", "务公", "公开"], SearchTokenizer.QueryTerms("政务公开"));
        Assert.Equal(["公"], SearchTokenizer.QueryTerms("公"));
    }

    [Fact]
    public async Task Search_js_gives_the_same_results_as_the_csharp_query()
    {
        var folder = Directory.CreateTempSubdirectory("site-");
        try
        {
            var site = new FolderSiteStore(folder.FullName);
            var publisher = new SitePublisher(site, new MemorySiteStore(), Options);
            var reports = Enumerable.Range(0, 30).Select(i => Report(i)).ToList();
            await publisher.PublishAsync(reports, []);
            // Rank 13 sits in a sealed segment, which the withdrawal rewrites: both queries must miss it.
            await publisher.PublishAsync([], [Withdraw(reports[13])]);
            var script = Path.Combine(ReportPageRendererTests.RepoRoot(), "src/Pipeline.Site/Search/search.js");
            var runner = $$"""
                const s = require({{Quote(script)}}); const fs = require('fs'); const path = require('path');
                const root = {{Quote(folder.FullName)}};
                const manifest = JSON.parse(fs.readFileSync(path.join(root, 'search/manifest.json'), 'utf8'));
                const get = url => Promise.resolve(new Uint8Array(fs.readFileSync(path.join(root, url))));
                (async () => { for (const q of process.argv.slice(1)) {
                  const hits = await s.search(manifest, s.queryTerms(q), get);
                  console.log(hits.map(h => h.rank).join(','));
                } })();
                """;
            string[] queries = ["政务公开", "依申请", "R12", "00638229X4", "湘潭市"];
            var psi = new ProcessStartInfo("node") { RedirectStandardOutput = true, StandardOutputEncoding = Encoding.UTF8 };
            psi.ArgumentList.Add("-e");
            psi.ArgumentList.Add(runner);
            foreach (var q in queries) psi.ArgumentList.Add(q);
            using var node = Process.Start(psi)!;
            var output = (await node.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            await node.WaitForExitAsync();
            Assert.Equal(0, node.ExitCode);
            for (var i = 0; i < queries.Length; i++)
                Assert.Equal(string.Join(",", await Search(site, queries[i])), output[i]);
            Assert.NotEqual("", output[0]);
            Assert.Equal(29, output[0].Split(',').Length);
            Assert.DoesNotContain("13", output[0].Split(','));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Site_files_have_types_caches_and_valid_structure()
    {
        var site = new MemorySiteStore();
        await new SitePublisher(site, new MemorySiteStore(), Options).PublishAsync(Enumerable.Range(0, 15).Select(i => Report(i)).ToList(), []);
        var files = site.Files;
        foreach (var path in new[] { "index.html", "404.html", "robots.txt", "feed.xml", "sitemap.xml", "sitemaps/0.xml", "api/reports/index.json", "api/reports/0.json", "search/index.html", "search/manifest.json", "years/index.html", "publishers/index.html" })
            Assert.True(files.ContainsKey(path), path);
        Assert.All(files.Values.Where(f => f.Path.StartsWith("assets/")), f => Assert.Equal(SiteAssets.ImmutableCacheControl, f.CacheControl));
        Assert.All(files.Values.Where(f => f.Path.EndsWith(".html")), f =>
        {
            Assert.Equal("text/html; charset=utf-8", f.ContentType);
            var dom = new HtmlParser().ParseDocument(Encoding.UTF8.GetString(f.Content.Span));
            Assert.Equal("zh-CN", dom.DocumentElement.GetAttribute("lang"));
            Assert.Single(dom.QuerySelectorAll("h1"));
            Assert.All(dom.QuerySelectorAll("script"), s => Assert.StartsWith("/assets/", s.GetAttribute("src")));
        });
        Assert.Contains("Sitemap: ", Text(site, "robots.txt"));
        var feed = System.Xml.Linq.XDocument.Parse(Text(site, "feed.xml"));
        Assert.Equal(15, feed.Root!.Elements().Count(e => e.Name.LocalName == "entry"));
        Assert.Contains("\"count\":15", Text(site, "api/reports/index.json"));
    }

    [Fact]
    public async Task Hostile_entries_never_become_markup_in_lists_feeds_json_or_notices()
    {
        const string Hostile = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>javascript:x\u0001";
        var report = Report(1);
        var hostile = report with
        {
            Entry = report.Entry with { Title = Hostile, Publisher = Hostile, PublisherSlug = Slug.FromPublisher(Hostile), IndexCode = Hostile, Slug = Slug.FromIndexCode(Hostile), PublicScope = Hostile },
            SearchText = Hostile,
        };
        var site = new MemorySiteStore();
        var publisher = new SitePublisher(site, new MemorySiteStore(), Options);
        await publisher.PublishAsync([hostile, Report(2)], []);
        await publisher.PublishAsync([], [new Withdrawal(Report(2).Entry.IndexCode, Report(2).Entry.Slug, Hostile, DateTimeOffset.UnixEpoch)]);

        foreach (var file in site.Files.Values.Where(f => f.Path.EndsWith(".html") && !f.Path.StartsWith("reports/" + hostile.Entry.Slug)))
        {
            var dom = new HtmlParser().ParseDocument(Encoding.UTF8.GetString(file.Content.Span));
            Assert.Empty(dom.QuerySelectorAll("img"));
            Assert.All(dom.QuerySelectorAll("script"), s => Assert.StartsWith("/assets/", s.GetAttribute("src")));
            foreach (var element in dom.All)
                foreach (var attribute in element.Attributes)
                {
                    Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{file.Path}: {attribute.Name}");
                    Assert.DoesNotContain("javascript:", attribute.Value, StringComparison.OrdinalIgnoreCase);
                }
        }
        Assert.Matches("^[A-Za-z0-9_-]+$", hostile.Entry.Slug);
        Assert.Contains(hostile.Entry.Slug, Text(site, "index.html"));
        System.Xml.Linq.XDocument.Parse(Text(site, "feed.xml"));
        foreach (var file in site.Files.Values.Where(f => f.Path.EndsWith(".json")))
        {
            using var json = System.Text.Json.JsonDocument.Parse(file.Content);
            Assert.DoesNotContain("<script", Encoding.UTF8.GetString(file.Content.Span));
        }
        Assert.Contains(0, await Search(site, "alert"));
    }

    private static string Text(MemorySiteStore site, string path) => Encoding.UTF8.GetString(site.Files[path].Content.Span);

    private static async Task<List<int>> Search(ISiteStore site, string query) => [.. (await SearchQuery.RunAsync(site, query)).Ranks];

    private static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);
}
