using System.Text;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Stages;
using Pipeline.Storage;

namespace Pipeline.Integration.Tests.Hardening;

/// <summary>Shortcuts the hardening tests use on a <see cref="PipelineTestHost"/> (in-process stages on the test's Azurite).</summary>
public static class HardeningHost
{
    public static Task<LedgerEntry?> LatestAsync(this PipelineTestHost host, string indexCode) =>
        host.Get<ReportLedger>().GetLatestAsync(indexCode, CancellationToken.None);

    public static Task<UploadEntry?> OutcomeOfAsync(this PipelineTestHost host, string agency, string fileName) =>
        host.Get<UploadReceipts>().GetFileAsync(agency, fileName, CancellationToken.None);

    /// <summary>Validates everything in incoming/ and works the render queue dry, as the hosts' triggers do.</summary>
    public static async Task DrainAsync(this PipelineTestHost host)
    {
        await host.Get<IncomingScanner>().RunOnceAsync(2, CancellationToken.None);
        while (await host.Get<RenderQueueProcessor>().RunOnceAsync(CancellationToken.None) > 0)
        {
        }
    }

    public static Task<PublishOutcome> PublishNowAsync(this PipelineTestHost host) => host.Get<PublishStage>().RunAsync(CancellationToken.None);

    /// <summary>Every blob of a container with its text (for grepping the whole public site).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ContainerTextAsync(this PipelineTestHost host, string container)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in await host.ListBlobsAsync(container))
            texts[name] = (await host.Container(container).GetBlobClient(name).DownloadContentAsync()).Value.Content.ToString();
        return texts;
    }
}

/// <summary>Synthetic uploads in the shape agencies send (header, title, numbered sections, signature), each with distinct content.</summary>
public static class HardeningReports
{
    public static byte[] Report(string title, string body, string? indexCode = null, string? publicScope = null, string? releaseDate = null,
        string? publisher = null, string signer = "平凉市人民政府")
        => TestReports.Make(title, body, indexCode, publicScope, releaseDate, signer, publisher);

    /// <summary>An upload planned by a soak or load run: what to send and what it must become.</summary>
    public sealed record Planned(string Agency, string FileName, byte[] Content, DateTimeOffset? ReleaseAt, ExpectedFate Fate)
    {
        public ExpectedUpload Expected => new(Agency, FileName, Fate);
    }

    /// <summary>
    /// A deterministic mix for soak runs: mostly good reports (explicit index codes of several agencies, and assigned
    /// ones), the samples, binary / empty / bundled files, future releases (--release-at), 依申请公开 reports and
    /// reports with a personal mobile number. <paramref name="futureRelease"/> is the release time of the scheduled ones.
    /// </summary>
    public static List<Planned> SoakMix(int count, int seed, DateTimeOffset futureRelease, string runTag)
    {
        var random = new Random(seed);
        var plan = new List<Planned>();
        var samples = new (string File, string Agency, ExpectedFate Fate)[]
        {
            ("000_3a992edef16595c6.txt", "tongbai-wenguang", ExpectedFate.Published),
            ("001_ae51e28a24af67cf.txt", "beijinggang", ExpectedFate.Held),
            ("002_3d0e3754e0282e9d.txt", "gaoping", ExpectedFate.Published),
            ("003_604940e7fa6e3121.txt", "pingliang", ExpectedFate.Published),
            ("004_36d30baabf84237e.txt", "hebi", ExpectedFate.Rejected),
        };
        foreach (var (file, agency, fate) in samples.Take(Math.Min(count, samples.Length)))
            plan.Add(new Planned(agency, file, File.ReadAllBytes(Path.Combine(RepoPaths.Samples, file)), null, fate));

        for (var i = plan.Count; i < count; i++)
        {
            var tag = $"{runTag}{i:D5}";
            var kind = random.Next(20);
            plan.Add(kind switch
            {
                0 => new Planned("pingliang", $"binary-{tag}.txt", RandomBytes(random, 2_000), null, ExpectedFate.Rejected),
                1 => new Planned("gaoping", $"empty-{tag}.txt", [], null, ExpectedFate.Rejected),
                2 => new Planned("hebi", $"bundled-{tag}.txt", Bundled(tag), null, ExpectedFate.Rejected),
                3 => new Planned("pingliang", $"later-{tag}.txt",
                    Report($"平凉市定时发布事项报告{tag}", $"定时发布的正文{tag}。"), futureRelease, ExpectedFate.Scheduled),
                4 => new Planned("pingliang", $"internal-{tag}.txt",
                    Report($"平凉市内部事务报告{tag}", $"依申请公开的正文{tag}。", $"01362021X2/2025-{i + 50_000}", "依申请公开"), null, ExpectedFate.NotPublic),
                5 => new Planned("pingliang", $"mobile-{tag}.txt",
                    Report($"平凉市含个人信息的报告{tag}", $"联系人手机:139{random.Next(10_000_000, 99_999_999)}。", $"01362021X2/2025-{i + 60_000}", "主动公开"), null, ExpectedFate.Held),
                6 or 7 => new Planned("gaoping", $"assigned-{tag}.txt",
                    Report($"南充市高坪区政务公开专项报告{tag}", $"未写索引号的正文{tag}。", signer: "南充市高坪区人民政府"), null, ExpectedFate.Published),
                8 => new Planned("beijinggang", $"bjg-{tag}.txt",
                    Report($"北景港镇政务公开专项报告{tag}", $"北景港镇正文{tag}。", $"00638229X4/2025-{i + 70_000}", "主动公开", signer: "华容县北景港镇人民政府"), null, ExpectedFate.Published),
                _ => new Planned("pingliang", $"good-{tag}.txt",
                    Report($"平凉市政务公开专项报告{tag}", $"主动公开的正文{tag}。", $"01362021X2/2025-{i + 10_000}", "主动公开"), null, ExpectedFate.Published),
            });
        }
        return plan;
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        bytes[0] = 0x00; // certainly binary
        return bytes;
    }

    private static byte[] Bundled(string tag) => Encoding.UTF8.GetBytes(
        $"篇一:关于开展政务公开检查的通知{tag}\n一、检查范围\n各乡镇。\n" +
        $"篇二:关于做好年度报告编制工作的通知{tag}\n一、编制要求\n按时报送。\n" +
        $"篇三:关于调整公开目录的通知{tag}\n一、调整内容\n若干。\n");

    public static async Task UploadAsync(this PipelineTestHost host, Planned upload) =>
        await host.UploadAsync(upload.Agency, upload.FileName, upload.Content, upload.ReleaseAt);
}
