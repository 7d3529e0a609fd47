using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Storage;

namespace Pipeline.Integration.Tests.Hardening;

/// <summary>
/// An agency may only publish as itself: an upload in agency A's folder that names agency B as 发布机构, or uses an
/// index code under B's organisation code, is rejected — including disguised names — and B's reports are untouched.
/// </summary>
public sealed class SpoofingTests : FreshPipelineTest
{
    public static TheoryData<string, string> ForeignPublishers => new()
    {
        { "plain", "鹤壁市人民政府办公室" },
        { "alias", "鹤壁市政府办公室" },
        { "zero-width inside", "鹤壁市人民\u200B政府办公室" },
        { "spaced", "鹤 壁 市 人 民 政 府 办 公 室" },
        { "shared place prefix only", "华容县人民政府" },
        { "full-width brackets", "（鹤壁市人民政府办公室）" },
        { "bidi override", "\u202E鹤壁市人民政府办公室" },
    };

    [Theory]
    [MemberData(nameof(ForeignPublishers))]
    public async Task A_report_naming_another_agency_as_publisher_is_rejected(string variant, string publisher)
    {
        var file = $"spoof-{Math.Abs(variant.GetHashCode()):X}.txt";
        await Host.UploadAsync("beijinggang", file,
            HardeningReports.Report("北景港镇冒名报告", "冒名正文。" + variant, "00638229X4/2025-80001", "主动公开", publisher: publisher, signer: "华容县北景港镇人民政府"));

        await Host.DrainAsync();
        await Host.PublishNowAsync();

        var outcome = await Host.OutcomeOfAsync("beijinggang", file);
        Assert.NotNull(outcome);
        Assert.Equal("Rejected", outcome.Outcome);
        Assert.Contains("publisher-mismatch", outcome.Reason);
        Assert.StartsWith($"beijinggang/{file}/", outcome.QuarantineBlob);
        Assert.Contains(outcome.QuarantineBlob, await Host.ListBlobsAsync(StorageNames.QuarantineContainer));
        Assert.Null(await Host.LatestAsync("00638229X4/2025-80001"));
        Assert.DoesNotContain(await Host.ListBlobsAsync(StorageNames.WebContainer), n => n.StartsWith("reports/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_agencys_own_names_are_accepted()
    {
        foreach (var (publisher, i) in new[] { "华容县北景港镇人民政府", "北景港镇", "华容县北景港镇" }.Select((p, i) => (p, i)))
            await Host.UploadAsync("beijinggang", $"own-{i}.txt",
                HardeningReports.Report($"北景港镇自有报告{i}", $"正文{i}。", $"00638229X4/2025-8100{i}", "主动公开", publisher: publisher, signer: "华容县北景港镇人民政府"));

        await Host.DrainAsync();

        for (var i = 0; i < 3; i++)
            Assert.Equal("Accepted", (await Host.OutcomeOfAsync("beijinggang", $"own-{i}.txt"))!.Outcome);
    }

    [Fact]
    public async Task An_index_code_of_another_agency_cannot_be_used_or_take_over_its_report()
    {
        // hebi's report is published first.
        const string hebiCode = "01410012X8/2025-00042";
        await Host.UploadAsync("hebi", "original.txt", HardeningReports.Report("鹤壁市原始报告", "鹤壁原始正文。", hebiCode, "主动公开", signer: "鹤壁市人民政府办公室"));
        await Host.DrainAsync();
        await Host.PublishNowAsync();
        var before = await Host.LatestAsync(hebiCode);
        var page = await Host.ReadTextAsync(StorageNames.WebContainer, "reports/01410012X8-2025-00042/index.html");

        // pingliang uploads a "new version" under hebi's index code, and another report under hebi's organisation code.
        await Host.UploadAsync("pingliang", "takeover.txt", HardeningReports.Report("鹤壁市原始报告", "被篡改的正文。", hebiCode, "主动公开"));
        await Host.UploadAsync("pingliang", "foreign.txt", HardeningReports.Report("平凉市借用代码报告", "借用代码正文。", "01410012X8/2025-99999", "主动公开"));
        await Host.DrainAsync();
        await Host.PublishNowAsync();

        foreach (var file in new[] { "takeover.txt", "foreign.txt" })
        {
            var outcome = await Host.OutcomeOfAsync("pingliang", file);
            Assert.Equal("Rejected", outcome!.Outcome);
            Assert.Contains("index-code-foreign", outcome.Reason);
        }
        var after = await Host.LatestAsync(hebiCode);
        Assert.Equal(before!.Version, after!.Version);
        Assert.Equal("hebi", after.Agency);
        Assert.Equal(ReportState.Published, after.State);
        Assert.Equal(page, await Host.ReadTextAsync(StorageNames.WebContainer, "reports/01410012X8-2025-00042/index.html"));
        Assert.Null(await Host.LatestAsync("01410012X8/2025-99999"));
    }
}
