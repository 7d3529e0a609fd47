using System.Text;
using System.Text.RegularExpressions;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Site;
using Pipeline.Stages;
using Pipeline.Storage;

namespace Pipeline.Integration.Tests.Stages;

/// <summary>
/// Issue 15 items 1 and 2 on a real Azurite with a fake clock: 发布日期 is the day a report went public on this site
/// (never blank, never the 生成日期), the year lists follow it, and what `status` says is true and in the site's time zone.
/// </summary>
public sealed partial class DatesAndStatesTests : FreshPipelineTest
{
    /// <summary>01:00 on 2 December in Beijing, still 1 December in UTC: a day shown from the UTC instant would be wrong.</summary>
    private static readonly DateTimeOffset LateEvening = new(2026, 12, 1, 17, 0, 0, TimeSpan.Zero);

    private static byte[] WithGeneratedDate(string generated, byte[] report) =>
        [.. Encoding.UTF8.GetBytes("- 生成日期:" + generated + "\n"), .. report];

    [Fact]
    public async Task A_report_without_a_release_date_is_dated_and_listed_by_the_day_it_went_public_in_the_site_time_zone()
    {
        const string code = "01362021X2/2018-00501";
        Host.Time.SetUtcNow(LateEvening);
        await Host.UploadAsync("pingliang", "old.txt", WithGeneratedDate("2018年05月06日", TestReports.Make("平凉市2017年政府信息公开工作年度报告", "二〇一八年的报告正文。", code, "主动公开")));

        var outcome = await Host.ProcessAndPublishAsync();

        Assert.Equal(1, outcome.Published);
        var site = await Host.PublicSiteAsync();
        var page = site[SiteUrls.FileOf(SiteUrls.Report(Slug.FromIndexCode(code)))];
        Assert.Matches("生成日期</th><td><time datetime=\"2018-05-06\">", page);
        Assert.Matches("发布日期</th><td><time datetime=\"2026-12-02\">", page);
        // On the year list of the day it went live, not of its 生成日期.
        Assert.True(site.ContainsKey(SiteUrls.FileOf(SiteUrls.Year(2026))));
        Assert.False(site.ContainsKey(SiteUrls.FileOf(SiteUrls.Year(2018))));
        Assert.Contains("/years/2026/", page);
        var list = site[SiteUrls.FileOf(SiteUrls.Year(2026))];
        Assert.Matches("<dt>生成日期</dt><dd><time datetime=\"2018-05-06\">2018-05-06</time></dd>.*<dt>发布日期</dt><dd><time datetime=\"2026-12-02\">", list);
        Assert.Contains("data-date=\"2026-12-02\"", site["index.html"]);
        // Feed and JSON carry the same two dates.
        Assert.Contains("生成日期：2018-05-06；发布日期：2026-12-02", site["feed.xml"]);
        Assert.Contains(site.Where(f => f.Key.StartsWith("api/reports/", StringComparison.Ordinal)).Select(f => f.Value),
            json => json.Contains("\"releaseDate\":\"2026-12-02\"", StringComparison.Ordinal) || json.Contains("\"ReleaseDate\":\"2026-12-02\"", StringComparison.Ordinal));

        var status = await Host.Get<ReportAdmin>().GetByIndexCodeAsync(code, CancellationToken.None);
        var lines = ReportStatusFormatter.Lines(status!, SiteCalendar.For(new SiteOptions()));
        Assert.Contains("published  2026-12-02 01:00:00 +08:00", lines);
        Assert.DoesNotContain(lines, l => l.Contains("+00:00", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("v1  published", StringComparison.Ordinal) && l.Contains("2026-12-02 01:00:00 +08:00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stated_release_date_already_past_is_not_honoured_the_page_shows_the_day_it_went_public()
    {
        const string code = "01362021X2/2026-00502";
        await Host.UploadAsync("pingliang", "late.txt", TestReports.Make("平凉市逾期上传测试报告", "逾期正文。", code, "主动公开", releaseDate: "2026年02月01日"));

        await Host.ProcessAndPublishAsync();

        var entry = await Host.ReportAsync(code);
        Assert.Equal(ReportState.Published, entry!.State);
        Assert.Equal(Host.Time.GetUtcNow(), entry.PublishedAt);
        Assert.StartsWith("now", entry.ReleaseAtSource, StringComparison.Ordinal);
        var page = await Host.PublicPageAsync(code);
        Assert.Matches("发布日期</th><td><time datetime=\"2026-03-01\">", page);
    }

    [Fact]
    public async Task A_release_date_ahead_is_the_page_date_and_the_report_is_scheduled_not_published_until_then()
    {
        const string code = "01362021X2/2026-00503";
        await Host.UploadAsync("pingliang", "ahead.txt", TestReports.Make("平凉市定时发布测试报告", "定时正文。", code, "主动公开", releaseDate: "2026年03月20日"));
        await Host.ProcessAndPublishAsync();

        var scheduled = await Host.Get<ReportAdmin>().GetByIndexCodeAsync(code, CancellationToken.None);
        var lines = ReportStatusFormatter.Lines(scheduled!, SiteCalendar.For(new SiteOptions()));
        Assert.Contains("release at 2026-03-20 00:00:00 +08:00", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("published", StringComparison.Ordinal));
        Assert.Equal("scheduled", ReportStatusFormatter.Label((await Host.ReportAsync(code))!, Host.Time.GetUtcNow()));

        Host.Time.SetUtcNow(new DateTimeOffset(2026, 3, 19, 16, 0, 1, TimeSpan.Zero));
        await Host.PublishAsync();
        var page = await Host.PublicPageAsync(code);
        Assert.Matches("发布日期</th><td><time datetime=\"2026-03-20\">", page);
    }

    [Fact]
    public async Task Approval_records_who_when_and_how_and_the_findings_stop_saying_it_waits_for_review()
    {
        const string code = "01362021X2/2025-00504";
        await Host.UploadAsync("pingliang", "held.txt", TestReports.Make("平凉市审核记录测试报告", "联系人手机 13912345678。", code, "主动公开"));
        await Host.ProcessUploadsAsync();
        var held = await Host.Get<ReportAdmin>().GetByIndexCodeAsync(code, CancellationToken.None);
        Assert.Equal("held", ReportStatusFormatter.Label((await Host.ReportAsync(code))!, Host.Time.GetUtcNow()));
        Assert.Contains(ReportHistory.WaitingForReviewWords, held!.VerdictSummary);
        // Held: nothing says it is published or scheduled.
        Assert.DoesNotContain(ReportStatusFormatter.Lines(held, SiteCalendar.For(new SiteOptions())),
            l => l.StartsWith("published", StringComparison.Ordinal) || l.StartsWith("release at", StringComparison.Ordinal));

        Host.Time.Advance(TimeSpan.FromMinutes(30));
        var approval = await Host.Get<ReportAdmin>().ApprovePrivacyAsync(code, PrivacyDecision.PublishMasked, "李审核", CancellationToken.None);
        Assert.True(approval.Approved, approval.Message);
        await Host.ProcessAndPublishAsync();

        var entry = await Host.ReportAsync(code);
        Assert.Equal(ReportState.Published, entry!.State);
        Assert.Equal("李审核", entry.ApprovedBy);
        Assert.Equal(Host.Time.GetUtcNow(), entry.ApprovedAt);
        Assert.DoesNotContain(ReportHistory.WaitingForReviewWords, entry.VerdictSummary);
        Assert.Contains("已由 李审核 于 2026-03-01 10:30:00 +08:00 审核同意遮盖个人信息后发布", entry.VerdictSummary);
        var status = await Host.Get<ReportAdmin>().GetByIndexCodeAsync(code, CancellationToken.None);
        var steps = status!.Events!.Select(e => e.Step).ToList();
        Assert.Equal(["received", "validated", "held", "approved", "rendered", "scheduled", "published"], steps);
        var approved = status.Events!.Single(e => e.Step == "approved");
        Assert.Equal("李审核", approved.By);
        Assert.Contains("masked", approved.Detail);
        Assert.Contains(ReportStatusFormatter.Lines(status, SiteCalendar.For(new SiteOptions())),
            l => l == "  2026-03-01 10:30:00 +08:00  v1  approved   by 李审核: masked (个人信息已遮盖)");
    }

    [Fact]
    public async Task A_superseded_upload_says_so_and_a_withdrawal_is_in_the_history_with_who_and_why()
    {
        const string code = "01362021X2/2025-00505";
        await Host.UploadAsync("pingliang", "v1.txt", TestReports.Make("平凉市修订测试报告", "第一版正文。", code, "主动公开"));
        await Host.ProcessAndPublishAsync();
        Host.Time.Advance(TimeSpan.FromHours(1));
        await Host.UploadAsync("pingliang", "v2.txt", TestReports.Make("平凉市修订测试报告", "第二版正文，改正了数字。", code, "主动公开"));
        await Host.ProcessAndPublishAsync();

        var latest = await Host.ReportAsync(code);
        Assert.Equal(2, latest!.Version);
        var v1 = await Host.UploadOutcomeAsync("pingliang", "v1.txt");
        Assert.Equal("superseded by v2", ReportStatusFormatter.Label(latest, Host.Time.GetUtcNow(), v1!.Version));
        Assert.Equal("published", ReportStatusFormatter.Label(latest, Host.Time.GetUtcNow(), 2));

        Host.Time.Advance(TimeSpan.FromHours(1));
        await Host.Get<ReportAdmin>().WithdrawAsync(code, "数据有误", "王运维", CancellationToken.None);
        await Host.PublishAsync();
        var status = await Host.Get<ReportAdmin>().GetByIndexCodeAsync(code, CancellationToken.None);
        var withdrawn = status!.Events!.Single(e => e.Step == "withdrawn");
        Assert.Equal(("王运维", "数据有误", 2), (withdrawn.By, withdrawn.Detail, withdrawn.Version));
        Assert.Contains(status.Events!, e => e.Step == "revised" && e.Version == 2);
        Assert.Null(status.PublishedAt);
    }

    [Fact]
    public async Task Rebuild_counts_the_reports_the_site_shows_and_the_withdrawals_apart()
    {
        for (var i = 0; i < 3; i++)
            await Host.UploadAsync("pingliang", $"r{i}.txt", TestReports.Make($"平凉市重建计数测试报告{i}", $"正文{i}。", $"01362021X2/2025-0051{i}", "主动公开"));
        await Host.ProcessAndPublishAsync();
        await Host.Get<ReportAdmin>().WithdrawAsync("01362021X2/2025-00510", "重复发布", CancellationToken.None);
        await Host.PublishAsync();

        var outcome = await Host.Get<PublishStage>().RebuildAsync(CancellationToken.None);

        Assert.Equal((2, 1), (outcome.Published, outcome.Withdrawn));
    }

    [Fact]
    public async Task The_grid_shows_the_registered_publisher_name_and_the_name_as_written_stays_searchable()
    {
        const string code = "01362021X2/2025-00506";
        await Host.UploadAsync("pingliang", "short-name.txt", TestReports.Make("平凉市名称测试报告", "名称正文。", code, "主动公开", publisher: "平凉市"));
        await Host.ProcessAndPublishAsync();

        var entry = await Host.ReportAsync(code);
        var registered = (await Host.Get<AgencyRegistry>().GetAsync("pingliang", CancellationToken.None))!.PublisherName.Trim();
        Assert.Equal(ReportState.Published, entry!.State);
        Assert.NotEqual("平凉市", registered);
        var page = await Host.PublicPageAsync(code);
        Assert.Matches("发布机构</th><td>" + Regex.Escape(registered) + "</td>", page);
        var parsed = await Host.Get<ReportBlobs>().GetParsedAsync(entry.ParsedBlob);
        Assert.Equal("平凉市", parsed.Metadata.Publisher.Value);
    }
}
