using System.Text.Json;
using System.Text.RegularExpressions;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Site;
using Pipeline.Stages;
using Pipeline.Storage;
using Xunit.Abstractions;

namespace Pipeline.Integration.Tests.Hardening;

/// <summary>
/// Hostile upload names: path traversal, encoded separators, backslashes, control characters, names at the blob-name
/// limit, and names that collide after Unicode normalisation. No write may land outside its container's expected
/// shape, and no upload may overwrite another report's page or result document.
/// </summary>
public sealed class BlobNameTests(ITestOutputHelper output) : FreshPipelineTest
{
    /// <summary>
    /// Upload names that try to reach the victim (hebi/victim.txt, published first) or collide with it: encoded and
    /// backslash traversal, names equal after case folding or Unicode normalisation (NFC/NFD, full-width/NFKC),
    /// invisible characters, key-escape look-alikes, names at the length limit. Literal "." / ".." segments are
    /// resolved by the storage client's URL handling before they reach storage (like any HTTP client), so they land
    /// in a folder of the resolved path — they aim at beijinggang/, where no victim lives. Characters XML 1.0 cannot
    /// carry (U+0001…U+001F except tab/newline) are left out: Azurite cannot list such names (see docs/reliability.md).
    /// </summary>
    public static readonly string[] HostileNames =
    [
        "pingliang/..%2Fhebi%2Fvictim.txt",
        "pingliang/%2e%2e%2fhebi%2fvictim.txt",
        "pingliang/../beijinggang/dots.txt",
        "pingliang/sub/dir/../../../beijinggang/dots2.txt",
        "pingliang/sub//double.txt",
        "pingliang/victim.txt",
        "pingliang/a#fragment?query=1.txt",
        "pingliang/tab\there.txt",
        "pingliang/newline\nname.txt",
        "pingliang/del\u007f.txt",
        "pingliang/bidi\u202Etxt.exe",
        "pingliang/~0041tilde.txt",
        "pingliang/file-~002F.txt",
        "pingliang/ leading-space.txt",
        "pingliang/trailing-dot.",
        "hebi/VICTIM.TXT",
        "hebi/Victim.txt",
        "hebi/ｖｉｃｔｉｍ.txt",            // full-width: "victim.txt" after NFKC
        "hebi/victim.txt\u200B",          // zero-width space
        "hebi/victim.txt ",                // trailing space
        "hebi/victim%2Etxt",
        "hebi/victim.txt.json",
        "hebi/café.txt",                   // NFC
        "hebi/cafe\u0301.txt",            // NFD: same text after normalisation
        "hebi/报告.txt",
        "hebi/报告.TXT",
        "HEBI/victim.txt",
        "%2e%2e/hebi/victim.txt",
        "hebi%2Fvictim.txt",
        "pingliang/" + new string('长', 240) + ".txt",
    ];

    [Fact]
    public async Task Hostile_names_stay_in_their_containers_and_overwrite_nothing()
    {
        // The victim: a good report, published before the attack.
        const string victimCode = "01410012X8/2025-90001";
        await Host.UploadAsync("hebi", "victim.txt", HardeningReports.Report("鹤壁市受害者报告", "原始正文甲。", victimCode, "主动公开", signer: "鹤壁市人民政府办公室"));
        await Host.DrainAsync();
        await Host.PublishNowAsync();
        var victimPage = await Host.ReadTextAsync(StorageNames.WebContainer, ReportPath(victimCode));
        var victimResult = await Host.ReadTextAsync(StorageNames.ResultsContainer, "hebi/victim.txt.json");
        Assert.NotNull(victimPage);
        Assert.NotNull(victimResult);

        var names = HostileNames.Append("PingLiang/case.txt").ToList();
        var accepted = new List<string>();
        for (var i = 0; i < names.Count; i++)
        {
            // Content of the folder's own agency (so it is accepted and would publish if it could overwrite something).
            var content = names[i].StartsWith("hebi/", StringComparison.Ordinal)
                ? HardeningReports.Report($"鹤壁市名称测试报告{i}", $"名称测试正文{i}。", $"01410012X8/2025-{91000 + i}", "主动公开", signer: "鹤壁市人民政府办公室")
                : HardeningReports.Report($"平凉市名称测试报告{i}", $"名称测试正文{i}。", $"01362021X2/2025-{91000 + i}", "主动公开");
            try
            {
                await Host.Container(StorageNames.IncomingContainer).GetBlobClient(names[i]).UploadAsync(new BinaryData(content));
                accepted.Add(names[i]);
            }
            catch (Azure.RequestFailedException e)
            {
                output.WriteLine($"storage refused upload name {Printable(names[i])}: {e.Status} {e.ErrorCode}");
            }
        }
        var stored = await Host.ListBlobsAsync(StorageNames.IncomingContainer);
        output.WriteLine($"{accepted.Count} of {names.Count} hostile names uploaded; incoming/ holds {stored.Count}: {string.Join(" | ", stored.Select(Printable))}");

        // Validation must finish every blob (or leave it only because storage itself refuses its derived names).
        for (var round = 0; round < 3; round++)
        {
            try
            {
                await Host.DrainAsync();
            }
            catch (Exception e)
            {
                output.WriteLine($"drain round {round}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            }
        }
        await Host.PublishNowAsync();

        var left = await Host.ListBlobsAsync(StorageNames.IncomingContainer);
        Assert.True(left.Count == 0, "incoming/ still holds (validation keeps failing on): " + string.Join(" | ", left.Select(Printable)));

        // Victims intact.
        Assert.Equal(victimPage, await Host.ReadTextAsync(StorageNames.WebContainer, ReportPath(victimCode)));
        Assert.Equal(victimResult, await Host.ReadTextAsync(StorageNames.ResultsContainer, "hebi/victim.txt.json"));
        var victim = await Host.LatestAsync(victimCode);
        Assert.Equal(ReportState.Published, victim!.State);
        Assert.Equal(1, victim.Version);

        // Every container holds only names of its own shape.
        var problems = new List<string>();
        var agencies = new HashSet<string>(StringComparer.Ordinal) { "tongbai-wenguang", "beijinggang", "gaoping", "pingliang", "hebi", "(none)" };
        foreach (var container in StorageNames.Containers)
        {
            foreach (var name in await Host.ListBlobsAsync(container))
            {
                var ok = container switch
                {
                    StorageNames.IncomingContainer => false,
                    StorageNames.ArchiveContainer => Regex.IsMatch(name, "^[a-z-]+/[0-9a-f]{64}(\\.[^/]*)?$") && agencies.Contains(name.Split('/')[0]),
                    StorageNames.ParsedContainer => Regex.IsMatch(name, "^[^/]+/v[0-9]{4}\\.json$"),
                    StorageNames.StagingContainer => Regex.IsMatch(name, "^[^/]+/v[0-9]{4}\\.staged$"), // the page and the report staged with it
                    StorageNames.ResultsContainer => name.EndsWith(".json", StringComparison.Ordinal) && (agencies.Contains(name.Split('/')[0]) || stored.Contains(name[..^".json".Length])),
                    StorageNames.QuarantineContainer => Regex.IsMatch(name, "/[0-9a-f]{64}(\\.[^/]*)?$") && (agencies.Contains(name.Split('/')[0]) || stored.Contains(name[..name.LastIndexOf('/')])),
                    StorageNames.LocksContainer => name == PublishStage.LeaseBlobName,
                    StorageNames.WebContainer => !name.Contains("..") && !name.Contains('\\') && !name.Contains("victim", StringComparison.OrdinalIgnoreCase) && Regex.IsMatch(name, "^[A-Za-z0-9_./-]+$"),
                    _ => !name.Contains(".."),
                };
                if (!ok) problems.Add($"{container}: unexpected blob {Printable(name)}");
            }
        }

        // Each upload that storage kept has its own outcome and its own result document naming it.
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var blobName in stored)
        {
            var slash = blobName.IndexOf('/');
            var (folder, file) = slash > 0 ? (blobName[..slash], blobName[(slash + 1)..]) : ("", blobName);
            var agencyKey = folder.Length == 0 ? "(none)" : folder;
            var outcome = await Host.OutcomeOfAsync(agencyKey, file);
            if (outcome is null)
            {
                problems.Add($"{Printable(blobName)}: no upload outcome under {agencyKey}/{Printable(file)}");
                continue;
            }
            if (outcome.ContentHash is { } hash && !hashes.TryAdd(agencyKey + "\n" + file, hash)) problems.Add($"{Printable(blobName)}: outcome shared");
            var result = await Host.ReadTextAsync(StorageNames.ResultsContainer, ReportBlobs.ResultName(agencyKey, file));
            if (result is null)
            {
                problems.Add($"{Printable(blobName)}: result document missing");
                continue;
            }
            using var doc = JsonDocument.Parse(result);
            var named = doc.RootElement.EnumerateObject().FirstOrDefault(p => p.NameEquals("fileName")).Value;
            if (named.ValueKind == JsonValueKind.String && named.GetString() != file)
                problems.Add($"{Printable(blobName)}: result document names {Printable(named.GetString()!)}");
        }
        output.WriteLine(problems.Count == 0 ? "no problems" : string.Join("\n", problems));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task A_backslash_traversal_name_cannot_consume_another_agencys_upload()
    {
        // hebi's pending upload, and pingliang's upload named "..\hebi\pending.txt": storage turns the backslashes into
        // slashes, so the stored name is "pingliang/../hebi/pending.txt", which any HTTP client resolves to hebi/pending.txt.
        const string hebiCode = "01410012X8/2025-92001";
        await Host.UploadAsync("hebi", "pending.txt", HardeningReports.Report("鹤壁市待处理报告", "鹤壁正文。", hebiCode, "主动公开", signer: "鹤壁市人民政府办公室"));
        await Host.Container(StorageNames.IncomingContainer).GetBlobClient("pingliang/..\\hebi\\pending.txt")
            .UploadAsync(new BinaryData(HardeningReports.Report("平凉市攻击报告", "攻击正文。", "01362021X2/2025-92002", "主动公开")));
        var stored = await Host.ListBlobsAsync(StorageNames.IncomingContainer);
        var hostile = stored.Single(n => n.StartsWith("pingliang/", StringComparison.Ordinal));
        output.WriteLine("stored hostile name: " + hostile);

        await Host.Get<ValidateStage>().RunAsync(hostile, CancellationToken.None); // the hostile blob is handled first
        await Host.DrainAsync();

        var hebiOutcome = await Host.OutcomeOfAsync("hebi", "pending.txt");
        var pinglingOutcome = await Host.OutcomeOfAsync("pingliang", hostile["pingliang/".Length..]);
        output.WriteLine($"hebi/pending.txt: {hebiOutcome?.Outcome} {hebiOutcome?.IndexCode}; pingliang hostile: {pinglingOutcome?.Outcome} {pinglingOutcome?.Reason}");
        Assert.NotNull(hebiOutcome);
        Assert.Equal("Accepted", hebiOutcome.Outcome);
        Assert.Equal(hebiCode, hebiOutcome.IndexCode);
        Assert.True(pinglingOutcome is null || pinglingOutcome.Outcome == "Rejected", "pingliang was credited with hebi's upload");
    }

    [Fact]
    public async Task A_name_at_the_blob_name_limit_is_rejected_not_retried_forever()
    {
        var name = "pingliang/" + LongName(1024 - "pingliang/".Length);
        await Host.Container(StorageNames.IncomingContainer).GetBlobClient(name)
            .UploadAsync(new BinaryData(HardeningReports.Report("平凉市长名称报告", "长名称正文。", "01362021X2/2025-93001", "主动公开")));

        Exception? failure = null;
        try
        {
            await Host.Get<ValidateStage>().RunAsync(name, CancellationToken.None);
        }
        catch (Exception e)
        {
            failure = e;
        }

        Assert.True(failure is null, $"validation of a 1,024-character name throws (and is retried on every scan): {failure?.GetType().Name}: {failure?.Message.Split('\n')[0]}");
        Assert.Empty(await Host.ListBlobsAsync(StorageNames.IncomingContainer));
    }

    private static string ReportPath(string code) => SiteUrls.Report(Slug.FromIndexCode(code)).TrimStart('/') + "index.html";

    private static string LongName(int length) => new string('名', length - 4) + ".txt";

    private static string Printable(string s) =>
        string.Concat(s.Select(c => char.IsControl(c) || c is '\u202E' or '\u200B' ? $"\\u{(int)c:X4}" : c.ToString())) is var p && p.Length > 80 ? p[..40] + $"…({p.Length})…" + p[^20..] : p;
}
