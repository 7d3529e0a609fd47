using Azure.Storage.Blobs;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Site;
using Pipeline.Stages;

namespace Pipeline.Integration.Tests;

/// <summary>
/// 附件下载 on a real Azurite: a published report's page offers the uploaded original, which $web serves with its
/// Content-Type and a Content-Disposition that keeps the Chinese file name; a masked report never offers it; a
/// withdrawal removes it.
/// </summary>
public sealed class OriginalDownloadTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);
    private AzuriteInstance _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteInstance.StartNewAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    private static string Folder(string code) => SiteUrls.Report(Slug.FromIndexCode(code)).TrimStart('/');

    [Fact]
    public async Task The_page_offers_the_original_with_its_chinese_name_and_a_withdrawal_removes_it()
    {
        await using var host = await PipelineTestHost.StartAsync(_azurite, Start);
        const string code = "01362021X2/2025-00400";
        const string fileName = "平凉市2024年政府信息公开工作年度报告.txt";
        var upload = TestReports.Make("平凉市2024年政府信息公开工作年度报告", "全年主动公开政府信息一百条。", code, "主动公开");
        await host.UploadAsync("pingliang", fileName, upload);
        await host.ProcessAndPublishAsync();

        var web = host.Container("$web");
        var original = web.GetBlobClient(Folder(code) + "original.txt");
        var properties = (await original.GetPropertiesAsync()).Value;
        Assert.Equal("text/plain; charset=utf-8", properties.ContentType);
        // RFC 6266/5987: an ASCII fallback name, then the UTF-8 name percent-encoded.
        Assert.Equal("attachment; filename=\"___2024_____________.txt\"; filename*=UTF-8''" + Uri.EscapeDataString(fileName), properties.ContentDisposition);
        Assert.Equal(upload, (await original.DownloadContentAsync()).Value.Content.ToArray());
        var page = (await host.PublicSiteAsync())[Folder(code) + "index.html"];
        Assert.Contains("附件下载", page);
        Assert.Contains("href=\"original.txt\"", page);
        Assert.Contains(fileName, page);

        await host.Get<ReportAdmin>().WithdrawAsync(code, "数据有误", CancellationToken.None);
        await host.PublishAsync();

        Assert.False(await original.ExistsAsync());
        Assert.DoesNotContain("附件下载", (await host.PublicSiteAsync())[Folder(code) + "index.html"]);
    }

    [Fact]
    public async Task A_masked_report_never_offers_its_original()
    {
        await using var host = await PipelineTestHost.StartAsync(_azurite, Start, new Dictionary<string, string?> { ["Pipeline:Privacy"] = "PublishMasked" });
        const string code = "01362021X2/2025-00401";
        await host.UploadAsync("pingliang", "masked.txt", TestReports.Make("平凉市遮盖测试报告", "联系人手机13912345678,全年公开信息一百条。", code, "主动公开"));
        await host.ProcessAndPublishAsync();

        var site = await host.PublicSiteAsync();
        Assert.Contains(Folder(code) + "index.html", site.Keys);
        Assert.DoesNotContain(site.Keys, k => k.StartsWith(Folder(code) + "original", StringComparison.Ordinal));
        Assert.DoesNotContain("附件下载", site[Folder(code) + "index.html"]);
        Assert.All(site.Values, text => Assert.DoesNotContain("13912345678", text));
    }
}
