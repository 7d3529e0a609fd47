using System.Text;
using Azure.Data.Tables;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Site;
using Pipeline.Stages;
using Pipeline.Storage;

namespace Pipeline.Integration.Tests.Stages;

/// <summary>
/// The publish stage on a real Azurite reads what render staged (page, list entry, search text) and nothing of
/// <c>parsed/</c>; a page staged by an older version, without the report beside it, still publishes the same site.
/// </summary>
public sealed class PublishStageTests : FreshPipelineTest
{
    private static readonly (string Agency, string File)[] Samples =
        [("gaoping", "002_3d0e3754e0282e9d.txt"), ("pingliang", "003_604940e7fa6e3121.txt"), ("tongbai-wenguang", "000_3a992edef16595c6.txt")];

    private async Task<List<LedgerEntry>> RenderSamplesAsync()
    {
        foreach (var (agency, file) in Samples) await Host.UploadSampleAsync(agency, file);
        await Host.ProcessUploadsAsync();
        var rendered = new List<LedgerEntry>();
        await foreach (var entry in Host.Get<ReportLedger>().ListLatestAsync(CancellationToken.None))
            if (entry.State == ReportState.Rendered) rendered.Add(entry);
        Assert.Equal(Samples.Length, rendered.Count);
        return rendered;
    }

    [Fact]
    public async Task Publish_needs_only_what_render_staged()
    {
        var rendered = await RenderSamplesAsync();
        // Without parsed/ the old publish stage could not build the entry or the search text.
        foreach (var entry in rendered) await StagedBlobs.DeleteAsync(Host, StorageNames.ParsedContainer, entry.ParsedBlob!);

        var outcome = await Host.PublishAsync();

        Assert.Equal(Samples.Length, outcome.Published);
        var site = await Host.PublicSiteAsync();
        foreach (var entry in rendered)
        {
            var files = await Host.Get<ReportBlobs>().GetStagedAsync(entry.StagingBlob!);
            var staged = StagedReport.FromJson(files.Report!.Value.Span);
            Assert.Equal(Encoding.UTF8.GetString(files.Page.Span), site[SiteUrls.FileOf(SiteUrls.Report(staged.Entry.Slug))]);
            Assert.Contains(staged.Entry.Title, site[SiteUrls.FileOf(SiteUrls.Publisher(staged.Entry.PublisherSlug))], StringComparison.Ordinal);
            Assert.Equal(ReportState.Published, (await Host.ReportAsync(entry.IndexCode))!.State);
        }
        // The rebuild reads the same staged data.
        foreach (var name in site.Keys) await StagedBlobs.DeleteAsync(Host, StorageNames.WebContainer, name);
        await Host.Get<PublishStage>().RebuildAsync(CancellationToken.None);
        Assert.Equal(site, await Host.PublicSiteAsync());
    }

    [Fact]
    public async Task A_page_staged_without_its_report_publishes_the_same_site_and_is_staged_once()
    {
        var rendered = await RenderSamplesAsync();
        var blobs = Host.Get<ReportBlobs>();
        var stagedByRender = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in rendered)
        {
            // What a render stage of an earlier version left: the page alone, as …/v000N.html, and the ledger naming it.
            var files = await blobs.GetStagedAsync(entry.StagingBlob!);
            var legacy = Path.ChangeExtension(entry.StagingBlob!, ".html");
            Assert.True(ReportBlobs.IsPageBesideReport(legacy));
            await Host.Container(StorageNames.StagingContainer).GetBlobClient(legacy).UploadAsync(new BinaryData(files.Page), overwrite: true);
            await StagedBlobs.DeleteAsync(Host, StorageNames.StagingContainer, entry.StagingBlob!);
            await Host.Get<ReportLedger>().UpdateAsync(entry.IndexCode, e => { e.StagingBlob = legacy; return true; });
            // Less the result document validation handed render (only a render request carries its ETag).
            stagedByRender[ReportBlobs.StagedReportName(legacy)] = (StagedReport.FromJson(files.Report!.Value.Span) with { ResultDocument = null }).ToJson();
        }

        var outcome = await Host.PublishAsync();

        Assert.Equal(Samples.Length, outcome.Published);
        // Derived from parsed/ once, the same as render stages it, and staged beside the page for later runs.
        foreach (var (name, bytes) in stagedByRender) Assert.Equal(bytes, await StagedBlobs.ReadAsync(Host, name));
        var site = await Host.PublicSiteAsync();

        // The same site from the page and the report beside it (the earlier layout, read as it is), and again when the
        // report has to be derived once more.
        foreach (var name in site.Keys) await StagedBlobs.DeleteAsync(Host, StorageNames.WebContainer, name);
        await Host.Get<PublishStage>().RebuildAsync(CancellationToken.None);
        Assert.Equal(site, await Host.PublicSiteAsync());
        foreach (var name in stagedByRender.Keys) await StagedBlobs.DeleteAsync(Host, StorageNames.StagingContainer, name);
        foreach (var name in site.Keys) await StagedBlobs.DeleteAsync(Host, StorageNames.WebContainer, name);
        await Host.Get<PublishStage>().RebuildAsync(CancellationToken.None);
        Assert.Equal(site, await Host.PublicSiteAsync());
    }

    [Fact]
    public async Task Files_a_run_that_died_after_taking_the_sequence_left_are_removed_by_the_next()
    {
        // A run stores each report's publish sequence before it writes the site; one that died after writing leaves the
        // sequence in the ledger and files in the report's folder. The next run lists that folder (a report whose
        // sequence it takes itself is not listed) and removes what the page does not offer.
        var rendered = await RenderSamplesAsync();
        var sequence = 0L;
        foreach (var entry in rendered)
            await Host.Get<ReportLedger>().UpdateAsync(entry.IndexCode, e => { e.PublishSequence = ++sequence; return true; });
        var dead = rendered[0];
        var folder = SiteUrls.Report(Slug.FromIndexCode(dead.IndexCode)).TrimStart('/');
        foreach (var name in new[] { "original.pdf", "statistics.csv" })
            await Host.Container(StorageNames.WebContainer).GetBlobClient(folder + name).UploadAsync(new BinaryData("left by a run that died"u8.ToArray()));

        var outcome = await Host.PublishAsync();

        Assert.Equal(Samples.Length, outcome.Published);
        var site = await Host.PublicSiteAsync();
        Assert.Contains(folder + "index.html", site.Keys);
        Assert.DoesNotContain(folder + "original.pdf", site.Keys);
        Assert.DoesNotContain(folder + "statistics.csv", site.Keys);
        Assert.Equal(sequence, rendered.Count);
        foreach (var entry in rendered)
            Assert.Equal(ReportState.Published, (await Host.ReportAsync(entry.IndexCode))!.State);
    }

    [Fact]
    public async Task A_version_that_is_no_longer_public_is_withdrawn_as_that_kind()
    {
        const string code = "01362021X2/2025-00420";
        await Host.UploadAsync("pingliang", "open.txt", TestReports.Make("平凉市撤下测试报告", "公开正文。", code, "主动公开"));
        await Host.ProcessAndPublishAsync();
        await Host.UploadAsync("pingliang", "closed.txt", TestReports.Make("平凉市撤下测试报告", "不公开正文。", code, "依申请公开"));

        var outcome = await Host.ProcessAndPublishAsync();

        Assert.Equal(1, outcome.Withdrawn);
        var entry = await Host.ReportAsync(code);
        Assert.Equal(ReportState.Withdrawn, entry!.State);
        Assert.Equal(WithdrawalKind.NoLongerPublic, entry.Withdrawal);
        Assert.Equal(nameof(WithdrawalKind.NoLongerPublic), entry.WithdrawnAs);
        Assert.Equal(LedgerEntry.NoLongerPublicReason, entry.Reason);
    }

    [Fact]
    public async Task An_operator_withdrawal_stays_an_operator_withdrawal_whatever_its_reason_says()
    {
        const string code = "01362021X2/2025-00421";
        await Host.UploadAsync("pingliang", "w.txt", TestReports.Make("平凉市操作员撤回测试报告", "撤回正文。", code, "主动公开"));
        await Host.ProcessAndPublishAsync();

        // The operator happens to type the very words the publisher uses for its own kind of withdrawal.
        await Host.Get<ReportAdmin>().WithdrawAsync(code, LedgerEntry.NoLongerPublicReason, CancellationToken.None);
        var outcome = await Host.PublishAsync();

        Assert.Equal(1, outcome.Withdrawn);
        var entry = await Host.ReportAsync(code);
        Assert.Equal(ReportState.Withdrawn, entry!.State);
        Assert.Equal(WithdrawalKind.Operator, entry.Withdrawal);
        Assert.DoesNotContain("撤回正文", (await Host.PublicSiteAsync())[Pipeline.Site.SiteUrls.Report(Pipeline.Site.Slug.FromIndexCode(code)).TrimStart('/') + "index.html"]);
    }

    [Fact]
    public async Task Rows_withdrawn_before_the_kind_was_stored_are_read_by_their_reason()
    {
        var table = Host.Get<TableServiceClient>().GetTableClient(StorageNames.LedgerTable);
        foreach (var (code, reason) in new[] { ("OLD/2020-1", LedgerEntry.NoLongerPublicReason), ("OLD/2020-2", "数据有误") })
        {
            // The shape of a latest row as the pipeline wrote it before WithdrawnAs existed.
            await table.AddEntityAsync(new TableEntity(TableKeys.Encode(code), LedgerEntry.LatestRowKey)
            {
                ["IndexCode"] = code,
                ["Status"] = nameof(ReportState.Withdrawn),
                ["Version"] = 1,
                ["Reason"] = reason,
                ["ReleaseDate"] = "2020-01-02",
            });
        }

        var ledger = Host.Get<ReportLedger>();
        Assert.Equal(WithdrawalKind.NoLongerPublic, (await ledger.GetLatestAsync("OLD/2020-1"))!.Withdrawal);
        Assert.Equal(WithdrawalKind.Operator, (await ledger.GetLatestAsync("OLD/2020-2"))!.Withdrawal);
    }
}
