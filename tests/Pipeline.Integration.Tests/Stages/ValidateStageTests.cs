using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Stages;
using Pipeline.Storage;

namespace Pipeline.Integration.Tests.Stages;

/// <summary>The validate stage on a real Azurite: rejection, archiving, receipts, index codes, versions.</summary>
public sealed class ValidateStageTests : FreshPipelineTest
{
    private static byte[] Report(string title, string body, string? indexCode = null)
    {
        var header = indexCode is null ? "" : $"- 索引号:{indexCode}\n- 公开范围:主动公开\n";
        return Encoding.UTF8.GetBytes($"{header}{title}\n一、总体情况\n{body}\n二、存在问题\n无。\n");
    }

    [Fact]
    public async Task Upload_outside_registered_agency_is_rejected_quarantined_and_explained()
    {
        await Host.UploadAsync("nobody", "report.txt", Report("某县2018年政府信息公开工作年度报告", "正文。"));

        var outcome = await Host.Get<ValidateStage>().RunAsync("nobody/report.txt", CancellationToken.None);

        Assert.Equal(ValidateResult.Rejected, outcome.Result);
        Assert.Contains("unknown-agency", outcome.Reason);
        Assert.Empty(await Host.ListBlobsAsync(StorageNames.IncomingContainer));
        var quarantined = Assert.Single(await Host.ListBlobsAsync(StorageNames.QuarantineContainer));
        Assert.Matches("^nobody/report.txt/[0-9a-f]{64}\\.txt$", quarantined);
        var result = await Host.ReadTextAsync(StorageNames.ResultsContainer, "nobody/report.txt.json");
        Assert.NotNull(result);
        using var json = JsonDocument.Parse(result);
        Assert.False(json.RootElement.GetProperty("accepted").GetBoolean());
        Assert.Equal("unknown-agency", json.RootElement.GetProperty("errors")[0].GetProperty("code").GetString());
        var status = await Host.Get<ReportAdmin>().GetByFileAsync("nobody", "report.txt", CancellationToken.None);
        Assert.Equal("Rejected", status?.Outcome);
        Assert.Equal(quarantined, status?.QuarantineBlob);
    }

    [Fact]
    public async Task Empty_upload_is_rejected_and_the_original_kept_in_quarantine()
    {
        await Host.UploadAsync("gaoping", "empty.txt", []);

        var outcome = await Host.Get<ValidateStage>().RunAsync("gaoping/empty.txt", CancellationToken.None);

        Assert.Equal(ValidateResult.Rejected, outcome.Result);
        Assert.Equal([ReportBlobs.QuarantineName("gaoping", "empty.txt", Convert.ToHexStringLower(SHA256.HashData([])))], await Host.ListBlobsAsync(StorageNames.QuarantineContainer));
        Assert.Empty(await Host.ListBlobsAsync(StorageNames.ArchiveContainer));
        Assert.Empty(await Host.ListBlobsAsync(StorageNames.IncomingContainer));
    }

    [Fact]
    public async Task Two_different_bad_files_under_one_name_both_stay_in_quarantine_and_the_same_bytes_again_add_nothing()
    {
        var first = "第一份:没有标题的文件。\n"u8.ToArray();
        var second = "第二份:另一份不合格的文件,内容不同。\n"u8.ToArray();
        var quarantined = new List<string>();
        foreach (var content in new[] { first, second, first })
        {
            await Host.UploadAsync("nobody", "report.txt", content);
            var outcome = await Host.Get<ValidateStage>().RunAsync("nobody/report.txt", CancellationToken.None);
            Assert.Equal(ValidateResult.Rejected, outcome.Result);
            var recorded = await Host.UploadOutcomeAsync("nobody", "report.txt");
            Assert.Equal(ReportBlobs.QuarantineName("nobody", "report.txt", Convert.ToHexStringLower(SHA256.HashData(content))), recorded?.QuarantineBlob);
            using var json = JsonDocument.Parse((await Host.ReadTextAsync(StorageNames.ResultsContainer, "nobody/report.txt.json"))!);
            Assert.Equal(recorded!.QuarantineBlob, json.RootElement.GetProperty("quarantineBlob").GetString());
            quarantined.Add(recorded.QuarantineBlob!);
        }

        Assert.NotEqual(quarantined[0], quarantined[1]);
        Assert.Equal(quarantined[0], quarantined[2]);
        Assert.Equal(quarantined.Distinct().Order(StringComparer.Ordinal), await Host.ListBlobsAsync(StorageNames.QuarantineContainer));
        Assert.Equal(first, (await Host.Container(StorageNames.QuarantineContainer).GetBlobClient(quarantined[0]).DownloadContentAsync()).Value.Content.ToArray());
        Assert.Equal(second, (await Host.Container(StorageNames.QuarantineContainer).GetBlobClient(quarantined[1]).DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task Accepted_upload_is_archived_by_hash_recorded_and_sent_to_rendering()
    {
        await Host.UploadSampleAsync("gaoping", "002_3d0e3754e0282e9d.txt");

        var outcome = await Host.Get<ValidateStage>().RunAsync("gaoping/002_3d0e3754e0282e9d.txt", CancellationToken.None);

        Assert.Equal(ValidateResult.Accepted, outcome.Result);
        Assert.Equal(1, outcome.Version);
        Assert.NotNull(outcome.IndexCode);
        Assert.Empty(await Host.ListBlobsAsync(StorageNames.IncomingContainer));
        var archived = Assert.Single(await Host.ListBlobsAsync(StorageNames.ArchiveContainer));
        Assert.Matches("^gaoping/[0-9a-f]{64}\\.txt$", archived);
        Assert.Single(await Host.ListBlobsAsync(StorageNames.ParsedContainer));
        var ledger = await Host.Get<ReportLedger>().GetLatestAsync(outcome.IndexCode!, CancellationToken.None);
        Assert.Equal(ReportState.Validated, ledger?.State);
        var queue = Host.Get<QueueServiceClient>().GetQueueClient(StorageNames.RenderQueue);
        var message = Assert.Single((await queue.ReceiveMessagesAsync(10)).Value);
        // With the ETag of the result document validation created (render and publish update it without reading it).
        var resultETag = (await Host.Container(StorageNames.ResultsContainer).GetBlobClient(ReportBlobs.ResultName("gaoping", "002_3d0e3754e0282e9d.txt")).GetPropertiesAsync()).Value.ETag;
        Assert.Equal(new RenderRequest(outcome.IndexCode!, 1, resultETag.ToString()), RenderRequest.TryParse(message.Body.ToString()));
    }

    [Fact]
    public async Task Uploading_the_same_bytes_again_changes_nothing()
    {
        var validate = Host.Get<ValidateStage>();
        await Host.UploadSampleAsync("gaoping", "002_3d0e3754e0282e9d.txt");
        var first = await validate.RunAsync("gaoping/002_3d0e3754e0282e9d.txt", CancellationToken.None);
        await Host.UploadAsync("gaoping", "copy.txt", await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Samples, "002_3d0e3754e0282e9d.txt")));

        var second = await validate.RunAsync("gaoping/copy.txt", CancellationToken.None);

        Assert.Equal(ValidateResult.Duplicate, second.Result);
        Assert.Equal(first.IndexCode, second.IndexCode);
        var history = await Host.Get<ReportLedger>().ListVersionsAsync(first.IndexCode!, CancellationToken.None);
        Assert.Single(history);
        Assert.Single(await Host.ListBlobsAsync(StorageNames.ArchiveContainer));
        Assert.Empty(await Host.ListBlobsAsync(StorageNames.IncomingContainer));
    }

    [Fact]
    public async Task The_same_upload_seen_again_after_a_crash_stays_accepted()
    {
        var validate = Host.Get<ValidateStage>();
        await Host.UploadSampleAsync("gaoping", "002_3d0e3754e0282e9d.txt");
        var first = await validate.RunAsync("gaoping/002_3d0e3754e0282e9d.txt", CancellationToken.None);
        // As if the host died after recording the upload but before deleting the blob.
        await Host.UploadSampleAsync("gaoping", "002_3d0e3754e0282e9d.txt");

        var again = await validate.RunAsync("gaoping/002_3d0e3754e0282e9d.txt", CancellationToken.None);

        Assert.Equal(ValidateResult.Duplicate, again.Result);
        var upload = await Host.UploadOutcomeAsync("gaoping", "002_3d0e3754e0282e9d.txt");
        Assert.Equal("Accepted", upload!.Outcome);
        Assert.Equal(first.IndexCode, upload.IndexCode);
        Assert.Single(await Host.Get<ReportLedger>().ListVersionsAsync(first.IndexCode!, CancellationToken.None));
    }

    [Fact]
    public async Task Validating_a_blob_twice_is_a_no_op()
    {
        var validate = Host.Get<ValidateStage>();
        await Host.UploadSampleAsync("gaoping", "002_3d0e3754e0282e9d.txt");
        await validate.RunAsync("gaoping/002_3d0e3754e0282e9d.txt", CancellationToken.None);

        var again = await validate.RunAsync("gaoping/002_3d0e3754e0282e9d.txt", CancellationToken.None);

        Assert.Equal(ValidateResult.NotFound, again.Result);
    }

    [Fact]
    public async Task Concurrent_uploads_without_index_codes_never_share_a_number()
    {
        const int count = 20;
        for (var i = 0; i < count; i++)
            await Host.UploadAsync("pingliang", $"r{i:D2}.txt", Report($"平凉市某部门2018年政府信息公开工作年度报告 第{i}号", $"本报告第{i}份,内容各不相同。"));
        var validate = Host.Get<ValidateStage>();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, count).Select(i => validate.RunAsync($"pingliang/r{i:D2}.txt", CancellationToken.None)));

        Assert.All(outcomes, o => Assert.Equal(ValidateResult.Accepted, o.Result));
        var codes = outcomes.Select(o => o.IndexCode!).ToList();
        Assert.Equal(count, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches(@"^01362021X2/\d{4}-\d+$", c));
    }

    [Fact]
    public async Task A_new_file_for_an_existing_index_code_becomes_version_two()
    {
        var validate = Host.Get<ValidateStage>();
        await Host.UploadAsync("gaoping", "a.txt", Report("高坪区2022年政府信息公开工作年度报告", "第一稿。", "00819365X5/2023-00001"));
        var v1 = await validate.RunAsync("gaoping/a.txt", CancellationToken.None);
        await Host.UploadAsync("gaoping", "a-revised.txt", Report("高坪区2022年政府信息公开工作年度报告", "修订稿:更正了数据。", "00819365X5/2023-00001"));

        var v2 = await validate.RunAsync("gaoping/a-revised.txt", CancellationToken.None);

        Assert.Equal("00819365X5/2023-00001", v1.IndexCode);
        Assert.Equal(v1.IndexCode, v2.IndexCode);
        Assert.Equal(2, v2.Version);
        var status = await Host.Get<ReportAdmin>().GetByIndexCodeAsync(v1.IndexCode!, CancellationToken.None);
        Assert.Equal(2, status?.Version);
        Assert.Equal(["a.txt", "a-revised.txt"], status!.History.Select(h => h.FileName));
    }
}
