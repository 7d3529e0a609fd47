using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Site.Search;
using Pipeline.Stages;
using Pipeline.Storage;
using Xunit.Abstractions;

namespace Pipeline.Integration.Tests.Hardening;

/// <summary>
/// A withdrawal takes the report's words off every served search file in the same publish run: checked on $web in
/// Azurite, by decoding every shard file there (what anyone can download), not through the search query, which
/// would only prove the results are filtered.
/// </summary>
public sealed class WithdrawalSearchTests(ITestOutputHelper output) : FreshPipelineTest
{
    [Fact]
    public async Task After_a_withdrawal_no_file_under_web_holds_a_posting_or_a_word_of_the_withdrawn_report()
    {
        // 40 reports: search segments 0-32 (sealed) and 32-8; the withdrawn one sits in the big sealed segment.
        const string withdrawnCode = "01362021X2/2025-80003";
        for (var i = 0; i < 40; i++)
        {
            var body = i == 3 ? "本报告含有独有词语蔺蘅蘧蘩和编号zqxwithdrawn，撤回后不得留在检索文件中。" : $"第{i}号报告的正文，内容为常规的政务公开工作情况。";
            await Host.UploadAsync("pingliang", $"s{i:D2}.txt", TestReports.Make($"平凉市检索撤回测试报告{i}", body, $"01362021X2/2025-{80000 + i}", "主动公开"));
            if (i % 10 == 9) await Host.ProcessAndPublishAsync();
        }
        var web = new BlobSiteStore(Host.Container(StorageNames.WebContainer));
        var (ranks, _, _) = await SearchQuery.RunAsync(web, "zqxwithdrawn");
        var rank = Assert.Single(ranks);
        Assert.Contains(SearchTokenizer.Hash("zqxwithdrawn"), (await ShardsAsync()).Terms);

        await Host.Get<ReportAdmin>().WithdrawAsync(withdrawnCode, "内容有误", CancellationToken.None);
        var outcome = await Host.PublishAsync();

        Assert.Equal(1, outcome.Withdrawn);
        var (postings, terms, files) = await ShardsAsync();
        output.WriteLine($"withdrawn rank {rank}; {files} shard files decoded after the withdrawal run ({outcome.Summary})");
        Assert.DoesNotContain(rank, postings);
        foreach (var term in new[] { "zqxwithdrawn", "蔺蘅", "蘅蘧", "蘧蘩" })
            Assert.DoesNotContain(SearchTokenizer.Hash(term), terms);
        var site = await Host.PublicSiteAsync();
        foreach (var (path, text) in site)
        {
            Assert.DoesNotContain("zqxwithdrawn", text);
            Assert.DoesNotContain("蔺蘅蘧蘩", text);
        }
        Assert.DoesNotContain("\"withdrawn\"", site["search/manifest.json"]);
    }

    /// <summary>Every posting (as a global rank) and every term hash in every shard file under search/s/ of $web.</summary>
    private async Task<(HashSet<int> Ranks, HashSet<uint> Terms, int Files)> ShardsAsync()
    {
        var ranks = new HashSet<int>();
        var terms = new HashSet<uint>();
        var files = 0;
        foreach (var name in (await Host.ListBlobsAsync(StorageNames.WebContainer)).Where(n => n.StartsWith("search/s/", StringComparison.Ordinal)))
        {
            files++;
            var segmentBase = int.Parse(name.Split('/')[2].Split('-')[0]);
            var data = (await Host.Container(StorageNames.WebContainer).GetBlobClient(name).DownloadContentAsync()).Value.Content.ToArray();
            var position = 0;
            var count = Varint(data, ref position);
            uint hash = 0;
            for (var t = 0; t < count; t++)
            {
                hash += Varint(data, ref position);
                terms.Add(hash);
                for (var list = 0; list < 2; list++)
                {
                    var header = Varint(data, ref position);
                    if (header == 0) continue;
                    var length = (int)(header >> 1);
                    if ((header & 1) == 1)
                    {
                        for (var b = 0; b < length; b++)
                            for (var bit = 0; bit < 8; bit++)
                                if ((data[position + b] & (1 << bit)) != 0) ranks.Add(segmentBase + b * 8 + bit);
                    }
                    else
                    {
                        var end = position + length;
                        var p = position;
                        var id = 0;
                        var first = true;
                        while (p < end)
                        {
                            var gap = (int)Varint(data, ref p);
                            id = first ? gap : id + gap;
                            first = false;
                            ranks.Add(segmentBase + id);
                        }
                    }
                    position += length;
                }
            }
        }
        return (ranks, terms, files);
    }

    private static uint Varint(byte[] data, ref int position)
    {
        uint value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[position++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
    }
}
