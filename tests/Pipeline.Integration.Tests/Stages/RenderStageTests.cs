using Azure.Data.Tables;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Storage;

namespace Pipeline.Integration.Tests.Stages;

/// <summary>The render stage on a real Azurite: where it stages the page, and the one release instant it records.</summary>
public sealed class RenderStageTests : FreshPipelineTest
{
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
        Assert.Equal(["01362021X2~002F2025-00410/v0001.html"], await Host.ListBlobsAsync(StorageNames.StagingContainer));
        var staged = Host.Container(StorageNames.StagingContainer).GetBlobClient(entry.StagingBlob);
        Assert.Equal("text/html; charset=utf-8", (await staged.GetPropertiesAsync()).Value.ContentType);
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
        // The row keeps no second, textual shape of the release date.
        var row = await Host.Get<TableServiceClient>().GetTableClient(StorageNames.LedgerTable)
            .GetEntityAsync<TableEntity>(TableKeys.Encode(code), LedgerEntry.LatestRowKey);
        Assert.False(row.Value.ContainsKey("ReleaseDate"));
    }
}
