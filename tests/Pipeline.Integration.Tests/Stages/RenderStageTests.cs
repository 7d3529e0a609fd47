using System.Text;
using Azure.Data.Tables;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Site;
using Pipeline.Stages;
using Pipeline.Storage;

namespace Pipeline.Integration.Tests.Stages;

/// <summary>The render stage on a real Azurite: what it stages for publishing, and that staging again changes nothing.</summary>
public sealed class RenderStageTests : FreshPipelineTest
{
    private const string Code = "01362021X2/2025-00201";

    /// <summary>平凉市 spells the agency's registered name (平凉市人民政府) its own way: the list entry uses the registered name.</summary>
    private static byte[] Report() => [.. Encoding.UTF8.GetBytes("- 发布机构:平凉市\n"),
        .. TestReports.Make("平凉市2024年政府信息公开工作年度报告", "本年度依申请公开办理情况良好，受理申请十二件。", indexCode: Code,
            publicScope: "主动公开", releaseDate: "2025-03-01", signer: "平凉市")];

    [Fact]
    public async Task Render_stages_beside_the_page_the_list_entry_and_search_text_it_was_rendered_from()
    {
        await Host.UploadAsync("pingliang", "report.txt", Report());
        await Host.ProcessUploadsAsync();

        var pageBlob = await StagedBlobs.PageBlobAsync(Host, Code);
        Assert.EndsWith(".staged", pageBlob, StringComparison.Ordinal);
        var files = await Host.Get<ReportBlobs>().GetStagedAsync(pageBlob);
        Assert.NotNull(files.Report);
        var staged = StagedReport.FromJson(files.Report.Value.Span);

        Assert.Equal(Code, staged.Entry.IndexCode);
        Assert.Equal(Slug.FromIndexCode(Code), staged.Entry.Slug);
        Assert.Equal("平凉市2024年政府信息公开工作年度报告", staged.Entry.Title);
        // Listed under the registered name, the page's publisher links go there too.
        Assert.Equal("平凉市人民政府", staged.Entry.Publisher);
        Assert.Equal(Slug.FromPublisher("平凉市人民政府"), staged.Entry.PublisherSlug);
        var page = Encoding.UTF8.GetString(files.Page.Span);
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"" + SiteUrls.Publisher(staged.Entry.PublisherSlug) + "\"", page, StringComparison.Ordinal);
        // 发布日期: the stated 2025-03-01 had passed when it was uploaded (the test clock is 2026-03-01), so it is the day
        // the report goes public here (issue 15 item 1).
        Assert.Equal(new DateOnly(2026, 3, 1), staged.Entry.ReleaseDate);
        Assert.Equal(1, staged.Entry.Version);
        // Search finds the body and the publisher as the document writes it.
        Assert.Contains("受理申请十二件", staged.SearchText, StringComparison.Ordinal);
        Assert.StartsWith("平凉市\n", staged.SearchText, StringComparison.Ordinal);
        // No personal data: the page offers the upload, and the staged report names it.
        Assert.Equal("report.txt", staged.Original?.FileName);
        Assert.Contains("附件下载", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rendering_a_version_again_stages_the_same_bytes()
    {
        await Host.UploadAsync("pingliang", "report.txt", Report());
        await Host.ProcessUploadsAsync();
        var entry = (await Host.ReportAsync(Code))!;
        var pageBlob = entry.StagingBlob!;
        var staged = await StagedBlobs.ReadAsync(Host, pageBlob);
        Assert.NotNull(staged);

        // A duplicate message (at-least-once delivery) renders the same version again: the message validation sent,
        // with the ETag of the result document it created (a report due now leaves that document to publishing).
        var resultETag = (await Host.Container(StorageNames.ResultsContainer).GetBlobClient("pingliang/report.txt.json").GetPropertiesAsync()).Value.ETag;
        await Host.Get<RenderStage>().RunAsync(new RenderRequest(Code, entry.Version, resultETag.ToString()), CancellationToken.None);

        Assert.Equal(staged, await StagedBlobs.ReadAsync(Host, pageBlob));
        Assert.Equal(ReportState.Rendered, (await Host.ReportAsync(Code))!.State);
    }

    [Fact]
    public async Task The_page_is_staged_under_the_layout_ReportBlobs_names_and_the_ledger_points_at_it()
    {
        const string code = "01362021X2/2025-00410";
        await Host.UploadAsync("pingliang", "staged.txt", TestReports.Make("平凉市暂存测试报告", "暂存页面正文。", code, "主动公开"));

        await Host.ProcessUploadsAsync();

        var entry = await Host.ReportAsync(code);
        Assert.Equal(ReportState.Rendered, entry!.State);
        Assert.Equal(ReportBlobs.StagingName(code, 1), entry.StagingBlob);
        Assert.Equal(ReportBlobs.ParsedName(code, 1), entry.ParsedBlob);
        // One blob per version: the page and the report staged with it (render writes one, publish reads one).
        Assert.Equal(["01362021X2~002F2025-00410/v0001.staged"], await Host.ListBlobsAsync(StorageNames.StagingContainer));
        var html = System.Text.Encoding.UTF8.GetString((await Host.Get<ReportBlobs>().GetStagedPageAsync(entry.StagingBlob)).Span);
        Assert.Contains("暂存页面正文", html);
    }

    [Fact]
    public async Task A_stated_release_date_is_stored_once_as_the_instant_it_begins_in_the_site_time_zone()
    {
        const string code = "01362021X2/2025-00411";
        await Host.UploadAsync("pingliang", "dated.txt", TestReports.Make("平凉市发布日期测试报告", "发布日期正文。", code, "主动公开", releaseDate: "2026年03月20日"));

        await Host.ProcessUploadsAsync();

        var entry = await Host.ReportAsync(code);
        // Midnight in Asia/Shanghai (the default site time zone) is 16:00 UTC the day before.
        Assert.Equal(new DateTimeOffset(2026, 3, 19, 16, 0, 0, TimeSpan.Zero), entry!.ReleaseAt);
        Assert.Equal("document", entry.ReleaseAtSource);
        var due = Assert.Single(await Host.Get<DueIndex>().ListAsync());
        Assert.Equal(entry.ReleaseAt, due.DueAt);
        // The row keeps the date as the document states it (what timeliness counts to), beside the instant it schedules.
        var row = await Host.Get<TableServiceClient>().GetTableClient(StorageNames.LedgerTable)
            .GetEntityAsync<TableEntity>(TableKeys.Encode(code), LedgerEntry.LatestRowKey);
        Assert.Equal("2026-03-20", row.Value.GetString("ReleaseDate"));
    }
}
