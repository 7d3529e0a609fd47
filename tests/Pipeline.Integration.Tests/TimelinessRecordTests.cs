using System.Text;
using System.Text.Json;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Stages;
using Pipeline.Storage;

namespace Pipeline.Integration.Tests;

/// <summary>
/// Timeliness travels from validation into the ledger row, the agency's result document and `status` (real Azurite,
/// the test host's fixed clock: 2026-03-01).
/// </summary>
public sealed class TimelinessRecordTests : FreshPipelineTest
{
    private static byte[] Notice(string generated, string released) => Encoding.UTF8.GetBytes($"""
        - 发布机构:北景港镇
        - 公开范围:主动公开
        - 生成日期:{generated}
        - 公开日期:{released}
        北景港镇关于做好春耕备耕工作的通知
        一、总体要求
        各村要抓好春耕备耕。
        华容县北景港镇人民政府
        """);

    [Theory]
    [InlineData("2026-02-10", 26, true)]  // 5 January → 10 February 2026: 26 working days
    [InlineData("2026-01-20", 11, false)]
    public async Task Working_days_and_the_verdict_are_recorded_in_the_ledger_the_result_and_the_status(string released, int workingDays, bool late)
    {
        await Host.UploadAsync("beijinggang", "notice.txt", Notice("2026-01-05", released));
        var outcome = await Host.Get<ValidateStage>().RunAsync("beijinggang/notice.txt", CancellationToken.None);
        Assert.Equal(ValidateResult.Accepted, outcome.Result);

        var entry = await Host.ReportAsync(outcome.IndexCode!);
        Assert.Equal((workingDays, late, "Stated"), (entry!.WorkingDaysToRelease, entry.OverWorkingDayLimit, entry.TimelinessBasis));
        Assert.Equal(late, entry.VerdictSummary?.Contains("published-late") ?? false);

        using var result = JsonDocument.Parse((await Host.ReadTextAsync(StorageNames.ResultsContainer, "beijinggang/notice.txt.json"))!);
        var timeliness = result.RootElement.GetProperty("timeliness");
        Assert.Equal(workingDays, timeliness.GetProperty("workingDays").GetInt32());
        Assert.Equal(late, timeliness.GetProperty("overLimit").GetBoolean());
        Assert.Equal(late, result.RootElement.GetProperty("warnings").EnumerateArray().Any(w => w.GetProperty("code").GetString() == "published-late"));

        var status = await Host.Get<ReportAdmin>().GetByIndexCodeAsync(outcome.IndexCode!, CancellationToken.None);
        Assert.Equal((workingDays, late), (status!.Timeliness!.WorkingDays, status.Timeliness.OverLimit));
    }
}
