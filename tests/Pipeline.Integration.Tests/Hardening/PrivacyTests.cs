using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Site;
using Pipeline.Stages;
using Pipeline.Storage;

namespace Pipeline.Integration.Tests.Hardening;

/// <summary>
/// Personal data (mobile numbers, resident ID numbers, personal e-mail) never reaches $web unmasked unless an operator
/// approves "as is". Both configured behaviours (Pipeline:Privacy = HoldForReview, PublishMasked) are run end to end
/// and the whole public site is searched for the raw values.
/// </summary>
public sealed class PrivacyTests : IAsyncLifetime
{
    private const string Mobile = "13912345678";
    private const string ResidentId = "11010519491231002X";
    private const string Email = "zhangsan1985@qq.com";
    private static readonly string[] RawValues = [Mobile, ResidentId, Email];

    private AzuriteInstance _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteInstance.StartNewAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    private static byte[] ReportWithPersonalData(string code, string title) => HardeningReports.Report(title,
        $"联系人:张三,手机 {Mobile},身份证号 {ResidentId},个人邮箱 {Email}。\n办公电话:0933-8212345。\n统计数 |\n联系人手机 | {Mobile} | 1",
        code, "主动公开");

    [Fact]
    public async Task Held_by_default_until_approved_masked_through_the_cli_or_as_is_through_the_admin()
    {
        await using var host = await PipelineTestHost.StartAsync(_azurite);
        const string masked = "01362021X2/2025-70001";
        const string asIs = "01362021X2/2025-70002";
        await host.UploadAsync("pingliang", "masked.txt", ReportWithPersonalData(masked, "平凉市含个人信息报告甲"));
        await host.UploadAsync("pingliang", "as-is.txt", ReportWithPersonalData(asIs, "平凉市含个人信息报告乙"));
        await host.UploadAsync("pingliang", "clean.txt", HardeningReports.Report("平凉市无个人信息报告", "无个人信息的正文。", "01362021X2/2025-70003", "主动公开"));

        await host.DrainAsync();
        await host.PublishNowAsync();
        host.Time.Advance(TimeSpan.FromDays(1));
        await host.PublishNowAsync();

        Assert.Equal(ReportState.Held, (await host.LatestAsync(masked))!.State);
        Assert.Equal(ReportState.Held, (await host.LatestAsync(asIs))!.State);
        Assert.Equal(ReportState.Published, (await host.LatestAsync("01362021X2/2025-70003"))!.State);
        await AssertSiteHasNoRawValuesAsync(host);
        Assert.DoesNotContain(await host.ListBlobsAsync(StorageNames.WebContainer), n => n.Contains(Slug.FromIndexCode(masked)));

        // The operator's decisions: `pipeline approve <code> --masked` (the real CLI), and as-is through ReportAdmin.
        var (exit, cliOutput) = await CliProcess.RunAsync(_azurite, "approve", masked, "--masked");
        Assert.True(exit == 0, cliOutput);
        var approval = await host.Get<ReportAdmin>().ApprovePrivacyAsync(asIs, PrivacyDecision.PublishAsIs, CancellationToken.None);
        Assert.True(approval.Approved, approval.Message);
        await host.DrainAsync();
        await host.PublishNowAsync();

        var site = await host.ContainerTextAsync(StorageNames.WebContainer);
        var maskedPage = site[ReportPath(masked)];
        var asIsPage = site[ReportPath(asIs)];
        foreach (var raw in RawValues) Assert.DoesNotContain(raw, maskedPage);
        Assert.Contains("139****5678", maskedPage);
        Assert.Contains(Mobile, asIsPage); // explicitly approved as is: the operator's call
        // The as-is report's own page and its original for download show what the operator approved; nothing else may.
        var asIsFolder = ReportPath(asIs)[..(ReportPath(asIs).LastIndexOf('/') + 1)];
        Assert.Contains(Mobile, site[asIsFolder + "original.txt"]);
        Assert.DoesNotContain(site.Keys, k => k == ReportPath(masked)[..(ReportPath(masked).LastIndexOf('/') + 1)] + "original.txt");
        foreach (var (name, text) in site.Where(kv => !kv.Key.StartsWith(asIsFolder, StringComparison.Ordinal) && !kv.Key.StartsWith("search/", StringComparison.Ordinal)))
            foreach (var raw in RawValues)
                Assert.False(text.Contains(raw, StringComparison.Ordinal), $"{raw} in {name}");
        Assert.Equal("PublishMasked", (await host.LatestAsync(masked))!.PrivacyDecision);
    }

    [Fact]
    public async Task Configured_to_publish_masked_it_publishes_without_review_and_never_the_raw_values()
    {
        await using var host = await PipelineTestHost.StartAsync(_azurite, settings: new Dictionary<string, string?> { ["Pipeline:Privacy"] = "PublishMasked" });
        const string code = "01362021X2/2025-70010";
        await host.UploadAsync("pingliang", "auto-masked.txt", ReportWithPersonalData(code, "平凉市自动遮盖报告"));

        await host.DrainAsync();
        await host.PublishNowAsync();

        var report = await host.LatestAsync(code);
        Assert.Equal(ReportState.Published, report!.State);
        var site = await host.ContainerTextAsync(StorageNames.WebContainer);
        Assert.Contains("139****5678", site[ReportPath(code)]);
        await AssertSiteHasNoRawValuesAsync(host);
    }

    // Found by this test: the scanner once looked only for 11 contiguous ASCII digits, so these were published raw.
    [Fact]
    public async Task Personal_data_written_with_separators_or_full_width_digits_is_not_published_raw()
    {
        await using var host = await PipelineTestHost.StartAsync(_azurite);
        string[] variants = ["139-1234-5678", "139 1234 5678", "１３９１２３４５６７８", "+86 13912345678", "zhang.san@QQ.COM",
            "139.1234.5678", "+86 139 1234 5678", "１１０１０５１９４９１２３１００２Ｘ"];
        for (var i = 0; i < variants.Length; i++)
            await host.UploadAsync("pingliang", $"variant-{i}.txt",
                HardeningReports.Report($"平凉市个人信息变体报告{i}", $"联系人手机:{variants[i]}。", $"01362021X2/2025-{70100 + i}", "主动公开"));

        await host.DrainAsync();
        await host.PublishNowAsync();

        for (var i = 0; i < variants.Length; i++)
            Assert.True((await host.LatestAsync($"01362021X2/2025-{70100 + i}"))!.State == ReportState.Held, $"not held: {variants[i]}");
        var site = await host.ContainerTextAsync(StorageNames.WebContainer);
        var leaked = variants.Where(v => site.Values.Any(t => t.Contains(v, StringComparison.Ordinal))).ToList();
        Assert.True(leaked.Count == 0, "published unmasked: " + string.Join(", ", leaked));
    }

    private async Task AssertSiteHasNoRawValuesAsync(PipelineTestHost host)
    {
        var site = await host.ContainerTextAsync(StorageNames.WebContainer);
        Assert.NotEmpty(site);
        foreach (var (name, text) in site)
            foreach (var raw in RawValues)
                Assert.False(text.Contains(raw, StringComparison.Ordinal), $"{raw} in $web/{name}");
    }

    private static string ReportPath(string code) => SiteUrls.Report(Slug.FromIndexCode(code)).TrimStart('/') + "index.html";
}
