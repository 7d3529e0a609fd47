using System.Net;
using System.Text;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Site;
using Pipeline.Stages;
using Pipeline.Storage;

namespace Pipeline.Integration.Tests;

/// <summary>Upload → validate → render → publish on a real Azurite, driven through the stages with a fake clock.</summary>
public sealed class EndToEndTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);
    private AzuriteInstance _azurite = null!;
    private PipelineTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartNewAsync();
        _host = await PipelineTestHost.StartAsync(_azurite, Start);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    private static string PagePath(string indexCode) => SiteUrls.Report(Slug.FromIndexCode(indexCode)).TrimStart('/') + "index.html";

    [Fact]
    public async Task One_agency_is_one_publisher_list_however_its_reports_spell_its_name()
    {
        // 平凉市 is a registered alias of 平凉市人民政府 (config/agencies.json): both spellings are accepted.
        static byte[] Spelled(string publisher, string code, string title) => [.. Encoding.UTF8.GetBytes($"- 发布机构:{publisher}\n"),
            .. TestReports.Make(title, "本年度政府信息公开工作平稳推进。", indexCode: code, publicScope: "主动公开", releaseDate: "2025-03-01", signer: publisher)];
        await _host.UploadAsync("pingliang", "a.txt", Spelled("平凉市人民政府", "01362021X2/2025-00101", "平凉市2024年政府信息公开工作年度报告"));
        await _host.UploadAsync("pingliang", "b.txt", Spelled("平凉市", "01362021X2/2025-00102", "平凉市2024年政务公开工作要点"));

        var outcome = await _host.ProcessAndPublishAsync();

        Assert.Equal(2, outcome.Published);
        var site = await _host.PublicSiteAsync();
        var publisherLists = site.Keys.Where(k => k.StartsWith("publishers/", StringComparison.Ordinal) && k != "publishers/index.html").ToList();
        var officialList = SiteUrls.Publisher(Slug.FromPublisher("平凉市人民政府")).TrimStart('/');
        Assert.All(publisherLists, k => Assert.StartsWith(officialList, k));
        var list = officialList + "index.html";
        Assert.Contains("平凉市2024年政府信息公开工作年度报告", site[list]);
        Assert.Contains("平凉市2024年政务公开工作要点", site[list]);
        Assert.DoesNotContain(SiteUrls.Publisher(Slug.FromPublisher("平凉市")), site["publishers/index.html"]);
        // The page's metadata block names the registered official publisher (issue 15 item 3); the name as written
        // (平凉市) stays in the parsed document.
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(site[PagePath("01362021X2/2025-00102")]);
        var publisherCell = page.QuerySelectorAll("table.meta th").Single(th => th.TextContent == "发布机构").NextElementSibling!.TextContent;
        Assert.Equal("平凉市人民政府", publisherCell);
        var entry = await _host.ReportAsync("01362021X2/2025-00102");
        Assert.Equal("平凉市", (await _host.Get<ReportBlobs>().GetParsedAsync(entry!.ParsedBlob)).Metadata.Publisher.Value);
        // Its publisher links go to the one list the agency has.
        var publisherLinks = page.QuerySelectorAll("a[href^='/publishers/']").Select(a => a.GetAttribute("href")).Where(href => href != "/publishers/").ToList();
        Assert.NotEmpty(publisherLinks);
        Assert.All(publisherLinks, href => Assert.Equal("/" + officialList, href));
    }

    [Fact]
    public async Task Every_sample_ends_in_the_expected_state()
    {
        var expected = new (string File, string Agency, string Outcome)[]
        {
            ("000_3a992edef16595c6.txt", "tongbai-wenguang", "published"),
            ("001_ae51e28a24af67cf.txt", "beijinggang", "held"),
            ("002_3d0e3754e0282e9d.txt", "gaoping", "published"),
            ("003_604940e7fa6e3121.txt", "pingliang", "published"),
            ("004_36d30baabf84237e.txt", "hebi", "rejected"),
        };
        foreach (var (file, agency, _) in expected) await _host.UploadSampleAsync(agency, file);

        await _host.ProcessAndPublishAsync();

        var site = await _host.PublicSiteAsync();
        foreach (var (file, agency, outcome) in expected)
        {
            var upload = await _host.UploadOutcomeAsync(agency, file);
            Assert.NotNull(upload);
            if (outcome == "rejected")
            {
                Assert.Equal("Rejected", upload.Outcome);
                Assert.Contains("bundled-documents", upload.Reason);
                Assert.StartsWith($"{agency}/{file}/", upload.QuarantineBlob);
                Assert.Contains(upload.QuarantineBlob, await _host.ListBlobsAsync(StorageNames.QuarantineContainer));
                continue;
            }
            var report = await _host.ReportAsync(upload.IndexCode!);
            Assert.Equal(outcome == "published" ? ReportState.Published : ReportState.Held, report!.State);
            Assert.Equal(outcome == "published", site.ContainsKey(PagePath(report.IndexCode)));
        }
        Assert.Equal("00638229X4/2019-1513549", (await _host.UploadOutcomeAsync("beijinggang", "001_ae51e28a24af67cf.txt"))!.IndexCode);
        Assert.Matches(@"^41133021X7/2018-1$", (await _host.UploadOutcomeAsync("tongbai-wenguang", "000_3a992edef16595c6.txt"))!.IndexCode);
        Assert.Empty(await _host.ListBlobsAsync(StorageNames.IncomingContainer));
        Assert.Empty(await _host.Get<DueIndex>().ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Held_and_non_public_reports_never_reach_the_public_site()
    {
        await _host.UploadSampleAsync("beijinggang", "001_ae51e28a24af67cf.txt");
        await _host.UploadAsync("pingliang", "internal.txt", TestReports.Make("平凉市某局内部事务安排报告", "内部安排:机密事项甲乙丙。", "01362021X2/2025-00007", "依申请公开"));
        await _host.UploadAsync("pingliang", "public.txt", TestReports.Make("平凉市2025年政府信息公开工作年度报告", "主动公开事项若干。", "01362021X2/2025-00008", "主动公开"));

        await _host.ProcessAndPublishAsync();
        _host.Time.Advance(TimeSpan.FromDays(30));
        await _host.PublishAsync();

        Assert.Equal(ReportState.Rendered, (await _host.ReportAsync("01362021X2/2025-00007"))!.State);
        Assert.Equal(ReportState.Held, (await _host.ReportAsync("00638229X4/2019-1513549"))!.State);
        Assert.Equal(ReportState.Published, (await _host.ReportAsync("01362021X2/2025-00008"))!.State);
        var site = await _host.PublicSiteAsync();
        Assert.NotEmpty(site);
        foreach (var (path, text) in site)
        {
            Assert.DoesNotContain("内部安排", text);
            Assert.DoesNotContain("01362021X2/2025-00007", text);
            Assert.DoesNotContain("01362021X2-2025-00007", path);
            Assert.DoesNotContain("18598936331", text);
            Assert.DoesNotContain("00638229X4/2019-1513549", text);
        }
    }

    [Fact]
    public async Task Approved_held_report_is_published_masked()
    {
        await _host.UploadSampleAsync("beijinggang", "001_ae51e28a24af67cf.txt");
        await _host.ProcessAndPublishAsync();

        var approval = await _host.Get<ReportAdmin>().ApprovePrivacyAsync("00638229X4/2019-1513549", PrivacyDecision.PublishMasked, CancellationToken.None);
        await _host.ProcessAndPublishAsync();

        Assert.True(approval.Approved, approval.Message);
        var site = await _host.PublicSiteAsync();
        var page = site[PagePath("00638229X4/2019-1513549")];
        Assert.Contains("北景港镇", page);
        Assert.DoesNotContain("18598936331", page);
        Assert.All(site.Values, text => Assert.DoesNotContain("18598936331", text));
    }

    [Fact]
    public async Task A_future_release_is_published_only_once_the_clock_passes_it()
    {
        var releaseAt = Start.AddDays(2);
        await _host.UploadAsync("pingliang", "later.txt", TestReports.Make("平凉市关于后续发布事项的报告", "待发布的正文内容。", "01362021X2/2026-00042"), releaseAt);

        await _host.ProcessAndPublishAsync();
        var before = await _host.ReportAsync("01362021X2/2026-00042");
        _host.Time.Advance(TimeSpan.FromDays(2) - TimeSpan.FromSeconds(1));
        await _host.PublishAsync();
        var justBefore = await _host.ReportAsync("01362021X2/2026-00042");
        var siteJustBefore = await _host.ListBlobsAsync(StorageNames.WebContainer);
        _host.Time.Advance(TimeSpan.FromSeconds(1));
        var outcome = await _host.PublishAsync();

        Assert.Equal(ReportState.Rendered, before!.State);
        Assert.Equal(releaseAt, before.ReleaseAt);
        Assert.Equal(ReportState.Rendered, justBefore!.State);
        Assert.DoesNotContain(PagePath("01362021X2/2026-00042"), siteJustBefore);
        Assert.Equal(1, outcome.Published);
        Assert.Equal(ReportState.Published, (await _host.ReportAsync("01362021X2/2026-00042"))!.State);
        Assert.Contains(PagePath("01362021X2/2026-00042"), await _host.ListBlobsAsync(StorageNames.WebContainer));
    }

    [Fact]
    public async Task A_new_version_replaces_the_page_and_keeps_its_place()
    {
        const string code = "01362021X2/2025-00100";
        await _host.UploadAsync("pingliang", "v1.txt", TestReports.Make("平凉市2025年政府信息公开工作年度报告", "初版正文甲。", code, "主动公开"));
        await _host.ProcessAndPublishAsync();
        var first = await _host.ReportAsync(code);
        _host.Time.Advance(TimeSpan.FromDays(1));

        await _host.UploadAsync("pingliang", "v2.txt", TestReports.Make("平凉市2025年政府信息公开工作年度报告", "修订正文乙。", code, "主动公开"));
        await _host.ProcessAndPublishAsync();

        var second = await _host.ReportAsync(code);
        Assert.Equal(2, second!.Version);
        Assert.Equal(ReportState.Published, second.State);
        Assert.Equal(first!.PublishSequence, second.PublishSequence);
        var page = (await _host.PublicSiteAsync())[PagePath(code)];
        Assert.Contains("修订正文乙", page);
        Assert.DoesNotContain("初版正文甲", page);
        Assert.Equal(2, (await _host.Get<ReportLedger>().ListVersionsAsync(code, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Withdrawal_replaces_the_page_and_removes_the_report_from_lists()
    {
        const string code = "01362021X2/2025-00200";
        await _host.UploadAsync("pingliang", "w.txt", TestReports.Make("平凉市撤回测试报告", "将被撤回的正文丙。", code, "主动公开"));
        await _host.ProcessAndPublishAsync();
        Assert.Contains("平凉市撤回测试报告", (await _host.PublicSiteAsync())["index.html"]);

        var withdrawal = await _host.Get<ReportAdmin>().WithdrawAsync(code, "数据有误", CancellationToken.None);
        var outcome = await _host.PublishAsync();

        Assert.True(withdrawal.Found);
        Assert.Equal(1, outcome.Withdrawn);
        var site = await _host.PublicSiteAsync();
        Assert.DoesNotContain("将被撤回的正文丙", site[PagePath(code)]);
        Assert.DoesNotContain("平凉市撤回测试报告", site["index.html"]);
        Assert.Equal(ReportState.Withdrawn, (await _host.ReportAsync(code))!.State);
    }

    [Fact]
    public async Task A_new_version_that_is_not_public_takes_the_published_report_down()
    {
        const string code = "01362021X2/2025-00150";
        await _host.UploadAsync("pingliang", "open.txt", TestReports.Make("平凉市某事项报告", "公开版正文丁。", code, "主动公开"));
        await _host.ProcessAndPublishAsync();
        Assert.Contains("公开版正文丁", (await _host.PublicSiteAsync())[PagePath(code)]);

        await _host.UploadAsync("pingliang", "closed.txt", TestReports.Make("平凉市某事项报告", "不公开版正文戊。", code, "依申请公开"));
        var outcome = await _host.ProcessAndPublishAsync();

        Assert.Equal(1, outcome.Withdrawn);
        Assert.Equal(ReportState.Withdrawn, (await _host.ReportAsync(code))!.State);
        var site = await _host.PublicSiteAsync();
        Assert.All(site.Values, text => Assert.DoesNotContain("公开版正文丁", text));
        Assert.All(site.Values, text => Assert.DoesNotContain("不公开版正文戊", text));
    }

    [Fact]
    public async Task Two_publish_runs_at_once_are_safe_and_a_held_lease_skips_the_run()
    {
        for (var i = 0; i < 6; i++)
            await _host.UploadAsync("pingliang", $"c{i}.txt", TestReports.Make($"平凉市并发发布测试报告{i}", $"并发正文{i}。", $"01362021X2/2025-{300 + i:D5}", "主动公开"));
        await _host.ProcessUploadsAsync();

        var runs = await Task.WhenAll(_host.PublishAsync(), _host.PublishAsync());

        Assert.Equal(6, runs.Sum(r => r.Published));
        var sequences = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            var report = await _host.ReportAsync($"01362021X2/2025-{300 + i:D5}");
            Assert.Equal(ReportState.Published, report!.State);
            sequences.Add(report.PublishSequence!.Value);
        }
        Assert.Equal(6, sequences.Distinct().Count());

        var locks = _host.Container(StorageNames.LocksContainer);
        await using (var held = await BlobLease.AcquireAsync(locks, PublishStage.LeaseBlobName, TimeSpan.FromSeconds(15), TimeProvider.System, CancellationToken.None))
        {
            Assert.NotNull(held);
            var skipped = await _host.PublishAsync();
            Assert.Equal("another publisher holds the lease", skipped.Skipped);
        }
        Assert.Null((await _host.PublishAsync()).Skipped);
    }

    [Fact]
    public async Task Rebuild_reproduces_the_published_site()
    {
        await _host.UploadSampleAsync("gaoping", "002_3d0e3754e0282e9d.txt");
        await _host.UploadSampleAsync("pingliang", "003_604940e7fa6e3121.txt");
        await _host.ProcessAndPublishAsync();
        var before = await _host.PublicSiteAsync();
        foreach (var name in before.Keys) await _host.Container(StorageNames.WebContainer).DeleteBlobAsync(name);

        var outcome = await _host.Get<PublishStage>().RebuildAsync(CancellationToken.None);

        Assert.Equal(2, outcome.Published);
        Assert.Equal(before, await _host.PublicSiteAsync());
    }

    [Fact]
    public async Task An_unreachable_webhook_never_blocks_publishing_and_is_retried_next_run()
    {
        var port = AzuriteInstance.FreePorts(1)[0];
        await using var host = await PipelineTestHost.StartAsync(_azurite, Start, new Dictionary<string, string?> { ["Pipeline:Webhooks:0"] = $"http://127.0.0.1:{port}/hook/" });
        await host.UploadAsync("pingliang", "h.txt", TestReports.Make("平凉市通知测试报告", "通知正文。", "01362021X2/2025-00400", "主动公开"));

        var first = await host.ProcessAndPublishAsync();

        Assert.Equal(1, first.Published);
        Assert.Equal(1, first.WebhooksPending);
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/hook/");
        listener.Start();
        var received = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            context.Response.StatusCode = 204;
            context.Response.Close();
            return body;
        });
        var second = await host.PublishAsync();
        var body = await received.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, second.WebhooksDelivered);
        Assert.Equal(0, second.WebhooksPending);
        Assert.Contains("http://127.0.0.1:8080/reports/01362021X2-2025-00400/", body);
        Assert.Empty(await host.Get<WebhookOutbox>().ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_render_that_keeps_failing_is_recorded_as_failed()
    {
        await using var host = await PipelineTestHost.StartAsync(_azurite, Start, new Dictionary<string, string?> { ["Pipeline:MaxRenderAttempts"] = "1" });
        await host.UploadAsync("pingliang", "p.txt", TestReports.Make("平凉市渲染失败测试报告", "正文。", "01362021X2/2025-00500", "主动公开"));
        await host.Get<IncomingScanner>().RunOnceAsync(1, CancellationToken.None);
        var entry = await host.ReportAsync("01362021X2/2025-00500");
        await host.Container(StorageNames.ParsedContainer).DeleteBlobAsync(entry!.ParsedBlob);

        await host.Get<RenderQueueProcessor>().RunOnceAsync(CancellationToken.None);

        var status = await host.Get<ReportAdmin>().GetByIndexCodeAsync("01362021X2/2025-00500", CancellationToken.None);
        Assert.Equal(ReportState.Failed, status!.State);
        Assert.StartsWith("rendering failed:", status.Reason);
    }
}
