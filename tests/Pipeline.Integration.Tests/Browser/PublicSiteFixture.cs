using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Microsoft.Playwright;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Site;
using Pipeline.Stages;
using Pipeline.Storage;

namespace Pipeline.Integration.Tests.Browser;

/// <summary>A report that went through the pipeline for the browser suite, with where it ended up.</summary>
public sealed record SiteReport(string Agency, string FileName, string? UploadOutcome, string? IndexCode, string? Title, string? Publisher, ReportState? State)
{
    public bool Published => State == ReportState.Published;

    /// <summary>Root-relative URL of the report page.</summary>
    public string Url => SiteUrls.Report(Slug.FromIndexCode(IndexCode!));
}

/// <summary>A blob of $web with the HTTP headers it is stored with.</summary>
public sealed record SiteBlob(string Name, string? ContentType, string? CacheControl, byte[] Content);

/// <summary>
/// One set-up for the whole browser suite (<see cref="BrowserFixture"/>): the stages publishing the real samples (001
/// approved masked, 004 rejected), a held report, and hostile XSS uploads; the local host's static site server in-process.
/// </summary>
public sealed class PublicSiteFixture() : BrowserFixture(Path.Combine(AppContext.BaseDirectory, "browser-output"))
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);
    public const string HeldIndexCode = "01362021X2/2025-08800";
    public const string HeldTitle = "平凉市个人信息待审核测试报告";
    public const string HostileIndexCodeFile = "xss-index-code.txt";
    public const string WideTableIndexCode = "01362021X2/2025-08900";
    public const string LongTableIndexCode = "01362021X2/2025-08990";
    public const string WithdrawnIndexCode = "01362021X2/2025-08950";
    public const string WithdrawnTitle = "平凉市2025年撤回测试报告";
    public const string StatisticsIndexCode = "01362021X2/2025-09100";
    /// <summary>A template report whose release date is after <see cref="Now"/>: none of its figures may be on the site.</summary>
    public const string EmbargoedStatisticsIndexCode = "01362021X2/2026-09200";

    /// <summary>The operator's withdrawal reason: hostile too, the notice page renders it.</summary>
    public static string WithdrawalReason => "数据有误" + XssCorpus.Payloads[0] + XssCorpus.Payloads[1];

    /// <summary>The five samples of samples/manifest.json, in its order.</summary>
    public IReadOnlyList<SiteReport> Samples { get; private set; } = [];

    /// <summary>The hostile uploads, one per <see cref="XssCorpus.Payloads"/> entry, in that order.</summary>
    public IReadOnlyList<SiteReport> XssReports { get; private set; } = [];

    /// <summary>A public report held for review (a personal mobile number nobody approved).</summary>
    public SiteReport Held { get; private set; } = null!;

    /// <summary>A report whose statistics table has nine columns of large numbers: wider than a phone.</summary>
    public SiteReport WideTable { get; private set; } = null!;

    /// <summary>A report whose table has <see cref="LongTableRows"/> rows: longer than a printed page.</summary>
    public SiteReport LongTable { get; private set; } = null!;

    public const int LongTableRows = 80;

    /// <summary>A report published, then withdrawn with <see cref="WithdrawalReason"/>: its URL shows the notice.</summary>
    public SiteReport Withdrawn { get; private set; } = null!;

    /// <summary>The upload whose 索引号 line is a script tag.</summary>
    public SiteReport HostileIndexCode { get; private set; } = null!;

    /// <summary>Every blob of $web after publishing, by name.</summary>
    public IReadOnlyDictionary<string, SiteBlob> SiteBlobs { get; private set; } = new Dictionary<string, SiteBlob>();

    public SiteReport Sample(string filePrefix) => Samples.Single(s => s.FileName.StartsWith(filePrefix, StringComparison.Ordinal));

    public IEnumerable<string> HtmlPages => SiteBlobs.Keys.Where(n => n.EndsWith(".html", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    /// <summary>The URL a browser uses for a blob: "a/index.html" is served as "/a/".</summary>
    public static string UrlOf(string blobName) =>
        blobName == "index.html" ? "/" : blobName.EndsWith("/index.html", StringComparison.Ordinal) ? "/" + blobName[..^"index.html".Length] : "/" + blobName;

    public Uri Absolute(string rootRelative) => new(BaseUri, rootRelative);

    /// <summary>The root-relative URL of each kind of page the browser tests look at, by the name they give it.</summary>
    public string PageUrl(string which) => which switch
    {
        "front" => "/",
        "year list" => SiteUrls.Year(2026), // every report went public in 2026 (the fixture's clock)
        "publisher list" => SiteUrls.Publisher(Slug.FromPublisher(Sample("001").Publisher!)),
        "report 001" => Sample("001").Url,
        "report 002" => Sample("002").Url,
        "search results" => "/search/?q=" + Uri.EscapeDataString("政务公开"),
        "not found" => "/does-not-exist/",
        "hostile report" => XssReports[14].Url,
        "wide table report" => WideTable.Url,
        "statistics" => Pipeline.Site.Statistics.StatisticsUrls.Index,
        "statistics year" => Pipeline.Site.Statistics.StatisticsUrls.Year(2024),
        "statistics year sorted" => Pipeline.Site.Statistics.StatisticsUrls.Year(2024, "disclosed-share"),
        "statistics agency" => Pipeline.Site.Statistics.StatisticsUrls.Agency(Slug.FromPublisher("平凉市人民政府")),
        "timeliness" => Pipeline.Site.Statistics.StatisticsUrls.Timeliness,
        "timeliness year" => Pipeline.Site.Statistics.StatisticsUrls.TimelinessYear(2026),
        "timeliness agency" => Pipeline.Site.Statistics.StatisticsUrls.TimelinessAgency(Slug.FromPublisher("平凉市人民政府")),
        "report with statistics" => SiteUrls.Report(Slug.FromIndexCode(StatisticsIndexCode)),
        _ => throw new ArgumentOutOfRangeException(nameof(which)),
    };

    protected override DateTimeOffset StartClock => Now;

    /// <summary>The local host's static site server (the code behind `pipeline run`): the browser sees the site as the public would.</summary>
    protected override async Task<(Uri BaseUri, IAsyncDisposable Server)> StartServerAsync(AzuriteInstance azurite)
    {
        var server = await StaticSiteHost.StartAsync(azurite.ConnectionString);
        return (server.BaseUri, server);
    }

    protected override Task PrepareAsync() => PublishSiteAsync();

    private async Task PublishSiteAsync()
    {
        // Hostile and synthetic uploads first, the samples last: the front page shows the newest 20, samples included.
        await Host.UploadAsync("pingliang", "held.txt",
            TestReports.Make(HeldTitle, "联系人:张某某,手机13912345678,如有疑问请联系。", HeldIndexCode, "主动公开"));
        await Host.UploadAsync("pingliang", "wide-table.txt", WideTableReport());
        await Host.UploadAsync("pingliang", "long-table.txt", LongTableReport());
        for (var i = 0; i < XssCorpus.Payloads.Count; i++)
            await Host.UploadAsync(XssCorpus.Agency, XssCorpus.FileName(i), XssCorpus.Report(i));
        await Host.UploadAsync(XssCorpus.Agency, HostileIndexCodeFile, XssCorpus.ReportWithHostileIndexCode());
        await Host.UploadAsync("pingliang", "withdrawn.txt", TestReports.Make(WithdrawnTitle, "将被撤回的正文。", WithdrawnIndexCode, "主动公开"));
        await Host.UploadAsync("pingliang", "statistics-2024.txt", StatisticsReport(StatisticsIndexCode, "2025-01-20", 2024, generatedDate: "2024-12-10"));
        await Host.UploadAsync("pingliang", "statistics-embargoed.txt", StatisticsReport(EmbargoedStatisticsIndexCode, "2026-12-20", 2025));
        await Host.ProcessAndPublishAsync();
        var withdrawal = await Host.Get<ReportAdmin>().WithdrawAsync(WithdrawnIndexCode, WithdrawalReason, CancellationToken.None);
        if (!withdrawal.Found) throw new InvalidOperationException("withdrawing the test report failed: " + withdrawal.Message);
        var manifest = await ReadManifestAsync();
        foreach (var (file, agency) in manifest) await Host.UploadSampleAsync(agency, file);
        await Host.ProcessAndPublishAsync();

        // Sample 001 carries a personal mobile number: an operator approves publishing it masked.
        var approval = await Host.Get<ReportAdmin>().ApprovePrivacyAsync("00638229X4/2019-1513549", PrivacyDecision.PublishMasked, CancellationToken.None);
        if (!approval.Approved) throw new InvalidOperationException("approving sample 001 failed: " + approval.Message);
        await Host.ProcessAndPublishAsync();

        Samples = await DescribeAsync(manifest);
        XssReports = await DescribeAsync(XssCorpus.Payloads.Select((_, i) => (XssCorpus.FileName(i), XssCorpus.Agency)).ToList());
        Held = (await DescribeAsync([("held.txt", "pingliang")]))[0];
        WideTable = (await DescribeAsync([("wide-table.txt", "pingliang")]))[0];
        LongTable = (await DescribeAsync([("long-table.txt", "pingliang")]))[0];
        Withdrawn = (await DescribeAsync([("withdrawn.txt", "pingliang")]))[0];
        HostileIndexCode = (await DescribeAsync([(HostileIndexCodeFile, XssCorpus.Agency)]))[0];
        SiteBlobs = await ReadSiteAsync();
    }

    /// <summary>A 2021-template annual report with its three statistics tables (tab-separated, as Word copies them).</summary>
    /// <param name="generatedDate">Its 生成日期, when it states one (the statistics pages count working days from it).</param>
    private static byte[] StatisticsReport(string indexCode, string releaseDate, int year, string? generatedDate = null) =>
        System.Text.Encoding.UTF8.GetBytes(new Pipeline.Site.Tests.Statistics.TemplateFigures(year, Received: 42, CarriedOver: 3, Disclosed: 30, Unavailable: 12,
            ReviewCorrected: 1, LitigationCorrected: 1).Text("平凉市人民政府", $"- 索引号:{indexCode}\n- 公开范围:主动公开\n- 公开日期:{releaseDate}\n" +
            (generatedDate is null ? "" : $"- 生成日期:{generatedDate}\n")));

    /// <summary>Like the 2019+ annual reports' 收到和处理政府信息公开申请情况 table: one column per kind of applicant.</summary>
    private static byte[] WideTableReport()
    {
        var text = new System.Text.StringBuilder()
            .Append("- 索引号:").Append(WideTableIndexCode).Append("\n- 公开范围:主动公开\n- 生成日期:2025-07-01\n")
            .Append("平凉市2025年政府信息公开申请办理情况报告\n")
            .Append("一、收到和处理政府信息公开申请情况\n本年度收到和处理政府信息公开申请情况如下表。\n")
            .Append("本列数据的勾稽关系 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 | 上年 |\n");
        foreach (var row in new[] { "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果" })
            text.Append(row).Append(" | 1,234,567 | 2,345,678 | 3,456,789 | 4,567,890 | 5,678,901 | 6,789,012 | 24,072,837 | 21,965,432 |\n");
        text.Append("二、存在的主要问题及改进情况\n申请办理的规范化程度仍需提高。\n平凉市人民政府\n2025年7月1日\n");
        return System.Text.Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A report whose one table lists <see cref="LongTableRows"/> townships: it runs over several printed pages.</summary>
    private static byte[] LongTableReport()
    {
        var text = new System.Text.StringBuilder()
            .Append("- 索引号:").Append(LongTableIndexCode).Append("\n- 公开范围:主动公开\n- 生成日期:2025-07-02\n")
            .Append("平凉市2025年乡镇政务公开专栏更新情况报告\n")
            .Append("一、各乡镇政务公开专栏更新情况\n各乡镇本年度更新政务公开专栏的情况如下表。\n")
            .Append("乡镇名称\t更新条数\t其中政策文件\t其中办事指南\n");
        // Tab-separated, as Word copies a table into text.
        for (var i = 1; i <= LongTableRows; i++)
            text.Append("第").Append(i).Append("号乡镇\t").Append(100 + i).Append('\t').Append(i % 17).Append('\t').Append(i % 23).Append('\n');
        text.Append("二、存在的主要问题及改进情况\n部分乡镇更新不够及时。\n平凉市人民政府\n2025年7月2日\n");
        return System.Text.Encoding.UTF8.GetBytes(text.ToString());
    }

    private async Task<IReadOnlyList<SiteReport>> DescribeAsync(IReadOnlyList<(string File, string Agency)> uploads)
    {
        var reports = new List<SiteReport>();
        foreach (var (file, agency) in uploads)
        {
            var upload = await Host.UploadOutcomeAsync(agency, file);
            var entry = upload?.IndexCode is { } code ? await Host.ReportAsync(code) : null;
            reports.Add(new SiteReport(agency, file, upload?.Outcome, upload?.IndexCode, entry?.Title, entry?.Publisher, entry?.State));
        }
        return reports;
    }

    private async Task<IReadOnlyDictionary<string, SiteBlob>> ReadSiteAsync()
    {
        var web = Host.Container(StorageNames.WebContainer);
        var blobs = new Dictionary<string, SiteBlob>(StringComparer.Ordinal);
        await foreach (var item in web.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: null, CancellationToken.None))
        {
            var content = (await web.GetBlobClient(item.Name).DownloadContentAsync()).Value;
            blobs[item.Name] = new SiteBlob(item.Name, content.Details.ContentType, content.Details.CacheControl, content.Content.ToArray());
        }
        return blobs;
    }

    private static async Task<IReadOnlyList<(string File, string Agency)>> ReadManifestAsync()
    {
        using var doc = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Samples, "manifest.json")));
        return doc.RootElement.GetProperty("uploads").EnumerateArray()
            .Select(u => (u.GetProperty("file").GetString()!, u.GetProperty("agency").GetString()!)).ToList();
    }
}

[CollectionDefinition(Name)]
public sealed class PublicSiteCollection : ICollectionFixture<PublicSiteFixture>
{
    public const string Name = "Public site in a browser";
}
