using Azure.Storage.Blobs.Models;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Site;
using Pipeline.Stages;
using Pipeline.Storage;

namespace Pipeline.Integration.Tests.Stages;

/// <summary>
/// Issue 15 item 4 on a real Azurite with a fake clock: a version's change note (upload metadata "changenote", as
/// `pipeline upload --change-note` sets it, or a 修订说明 line in the document) and the page's 版本记录, as GOV.UK shows them.
/// </summary>
public sealed class ChangeNoteTests : FreshPipelineTest
{
    private const string Code = "01362021X2/2025-00601";

    private async Task UploadWithNoteAsync(string fileName, byte[] content, string? changeNote)
    {
        var options = new BlobUploadOptions { Metadata = ValidateStage.UploadMetadata(null, changeNote) };
        await Host.Container(StorageNames.IncomingContainer).GetBlobClient($"pingliang/{fileName}").UploadAsync(new BinaryData(content), options);
    }

    private async Task<string> PageAsync() =>
        (await Host.PublicSiteAsync())[SiteUrls.FileOf(SiteUrls.Report(Slug.FromIndexCode(Code)))];

    [Fact]
    public async Task Each_version_keeps_its_change_note_and_the_page_lists_the_versions_with_their_dates()
    {
        await UploadWithNoteAsync("v1.txt", TestReports.Make("平凉市修订说明测试报告", "第一版正文。", Code, "主动公开"), null);
        await Host.ProcessAndPublishAsync();
        Assert.DoesNotContain("版本记录", await PageAsync());

        Host.Time.Advance(TimeSpan.FromDays(3));
        await UploadWithNoteAsync("v2.txt", TestReports.Make("平凉市修订说明测试报告", "第二版正文。", Code, "主动公开"), "更正第二部分的统计数字，补充说明<b>");
        await Host.ProcessAndPublishAsync();

        var v2 = await Host.ReportAsync(Code);
        Assert.Equal("更正第二部分的统计数字，补充说明<b>", v2!.ChangeNote);
        var page = await PageAsync();
        Assert.Contains("<h2 id=\"versions-heading\">版本记录</h2>", page);
        Assert.Contains("<li><time datetime=\"2026-03-04\">2026-03-04</time> 第2版：更正第二部分的统计数字，补充说明&lt;b&gt;</li>", page);
        Assert.Contains("<li><time datetime=\"2026-03-01\">2026-03-01</time> 第1版：首次发布</li>", page);
        // 发布日期 stays the first publication; the grid's 最后修订 is the revision's day.
        Assert.Matches("发布日期</th><td><time datetime=\"2026-03-01\">", page);
        Assert.Matches("最后修订</th><td><time datetime=\"2026-03-04\">", page);

        Host.Time.Advance(TimeSpan.FromDays(1));
        var v3 = TestReports.Make("平凉市修订说明测试报告", "修订说明：删除了重复的段落。\n第三版正文。", Code, "主动公开");
        await UploadWithNoteAsync("v3.txt", v3, null);
        await Host.ProcessAndPublishAsync();

        page = await PageAsync();
        Assert.Contains("第3版：删除了重复的段落。</li>", page);
        Assert.Contains("第2版：更正第二部分的统计数字", page);
    }

    [Fact]
    public async Task A_withdrawal_keeps_its_notice_with_reason_and_date()
    {
        await UploadWithNoteAsync("v1.txt", TestReports.Make("平凉市撤回说明测试报告", "正文。", Code, "主动公开"), null);
        await Host.ProcessAndPublishAsync();
        Host.Time.SetUtcNow(new DateTimeOffset(2026, 3, 5, 17, 0, 0, TimeSpan.Zero)); // 6 March in Beijing

        await Host.Get<ReportAdmin>().WithdrawAsync(Code, "内容已被新文件替代", CancellationToken.None);
        await Host.PublishAsync();

        var page = await PageAsync();
        Assert.Contains("信息已撤回", page);
        Assert.Contains("<time datetime=\"2026-03-06\">", page);
        Assert.Contains("撤回原因：内容已被新文件替代", page);
    }
}
