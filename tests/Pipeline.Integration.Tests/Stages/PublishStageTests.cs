using Azure.Data.Tables;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Stages;
using Pipeline.Storage;

namespace Pipeline.Integration.Tests.Stages;

/// <summary>The publish stage on a real Azurite: withdrawals are told apart by the kind stored with the row.</summary>
public sealed class PublishStageTests : FreshPipelineTest
{
    [Fact]
    public async Task A_version_that_is_no_longer_public_is_withdrawn_as_that_kind()
    {
        const string code = "01362021X2/2025-00420";
        await Host.UploadAsync("pingliang", "open.txt", TestReports.Make("平凉市撤下测试报告", "公开正文。", code, "主动公开"));
        await Host.ProcessAndPublishAsync();
        await Host.UploadAsync("pingliang", "closed.txt", TestReports.Make("平凉市撤下测试报告", "不公开正文。", code, "依申请公开"));

        var outcome = await Host.ProcessAndPublishAsync();

        Assert.Equal(1, outcome.Withdrawn);
        var entry = await Host.ReportAsync(code);
        Assert.Equal(ReportState.Withdrawn, entry!.State);
        Assert.Equal(WithdrawalKind.NoLongerPublic, entry.Withdrawal);
        Assert.Equal(nameof(WithdrawalKind.NoLongerPublic), entry.WithdrawnAs);
        Assert.Equal(LedgerEntry.NoLongerPublicReason, entry.Reason);
    }

    [Fact]
    public async Task An_operator_withdrawal_stays_an_operator_withdrawal_whatever_its_reason_says()
    {
        const string code = "01362021X2/2025-00421";
        await Host.UploadAsync("pingliang", "w.txt", TestReports.Make("平凉市操作员撤回测试报告", "撤回正文。", code, "主动公开"));
        await Host.ProcessAndPublishAsync();

        // The operator happens to type the very words the publisher uses for its own kind of withdrawal.
        await Host.Get<ReportAdmin>().WithdrawAsync(code, LedgerEntry.NoLongerPublicReason, CancellationToken.None);
        var outcome = await Host.PublishAsync();

        Assert.Equal(1, outcome.Withdrawn);
        var entry = await Host.ReportAsync(code);
        Assert.Equal(ReportState.Withdrawn, entry!.State);
        Assert.Equal(WithdrawalKind.Operator, entry.Withdrawal);
        Assert.DoesNotContain("撤回正文", (await Host.PublicSiteAsync())[Pipeline.Site.SiteUrls.Report(Pipeline.Site.Slug.FromIndexCode(code)).TrimStart('/') + "index.html"]);
    }

    [Fact]
    public async Task Rows_withdrawn_before_the_kind_was_stored_are_read_by_their_reason()
    {
        var table = Host.Get<TableServiceClient>().GetTableClient(StorageNames.LedgerTable);
        foreach (var (code, reason) in new[] { ("OLD/2020-1", LedgerEntry.NoLongerPublicReason), ("OLD/2020-2", "数据有误") })
        {
            // The shape of a latest row as the pipeline wrote it before WithdrawnAs existed.
            await table.AddEntityAsync(new TableEntity(TableKeys.Encode(code), LedgerEntry.LatestRowKey)
            {
                ["IndexCode"] = code,
                ["Status"] = nameof(ReportState.Withdrawn),
                ["Version"] = 1,
                ["Reason"] = reason,
                ["ReleaseDate"] = "2020-01-02",
            });
        }

        var ledger = Host.Get<ReportLedger>();
        Assert.Equal(WithdrawalKind.NoLongerPublic, (await ledger.GetLatestAsync("OLD/2020-1"))!.Withdrawal);
        Assert.Equal(WithdrawalKind.Operator, (await ledger.GetLatestAsync("OLD/2020-2"))!.Withdrawal);
    }
}
