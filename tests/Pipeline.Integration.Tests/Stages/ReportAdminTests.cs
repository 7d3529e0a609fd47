using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Stages;
using Pipeline.Storage;

namespace Pipeline.Integration.Tests.Stages;

/// <summary>Operator actions on a real Azurite, with the services the hosts register (no validate stage needed).</summary>
public sealed class ReportAdminTests : FreshPipelineTest
{
    [Fact]
    public async Task Approving_a_held_report_reanalyses_the_archived_original_masked_and_requests_rendering()
    {
        const string code = "01362021X2/2025-00430";
        await Host.UploadAsync("pingliang", "held.txt", TestReports.Make("平凉市隐私审核测试报告", "联系人手机 13912345678。", code, "主动公开"));
        await Host.ProcessUploadsAsync();
        Assert.Equal(ReportState.Held, (await Host.ReportAsync(code))!.State);

        var approval = await Host.Get<ReportAdmin>().ApprovePrivacyAsync(code, PrivacyDecision.PublishMasked, CancellationToken.None);
        await Host.ProcessUploadsAsync();

        Assert.True(approval.Approved, approval.Message);
        var entry = await Host.ReportAsync(code);
        Assert.Equal(ReportState.Rendered, entry!.State);
        var parsed = await Host.Get<ReportBlobs>().GetParsedAsync(entry.ParsedBlob);
        Assert.Equal(code, parsed.Metadata.IndexCode.Value);
        var html = System.Text.Encoding.UTF8.GetString((await Host.Get<ReportBlobs>().GetStagedPageAsync(entry.StagingBlob)).Span);
        Assert.DoesNotContain("13912345678", html);
    }

    [Fact]
    public async Task A_file_still_in_incoming_is_reported_waiting()
    {
        await Host.UploadAsync("pingliang", "waiting.txt", TestReports.Make("平凉市等待测试报告", "等待正文。"));

        var status = await Host.Get<ReportAdmin>().GetByFileAsync("pingliang", "waiting.txt", CancellationToken.None);

        Assert.Equal("Waiting", status?.Outcome);
        Assert.True(await Host.Get<ReportBlobs>().IncomingExistsAsync("pingliang", "waiting.txt"));
    }
}
