using System.Text.Json;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Stages;
using Pipeline.Storage;

namespace Pipeline.Integration.Tests.Stages;

/// <summary>
/// Issue 15 item 2 on a real Azurite with a fake clock: the agency's result document (results/&lt;agency&gt;/&lt;file&gt;.json)
/// follows the report through its life — held (why), approved (by whom, how), rendered, scheduled (site time zone),
/// published (with the page's URL), superseded, withdrawn (by whom, why) — keeps its validation fields, and a stage
/// that runs again never takes it back to an earlier state.
/// </summary>
public sealed class ResultDocumentTests : FreshPipelineTest
{
    private const string BaseUrl = "http://127.0.0.1:8080/";

    private async Task<JsonElement> ResultAsync(string agency, string fileName)
    {
        var text = await Host.ReadTextAsync(StorageNames.ResultsContainer, $"{agency}/{fileName}.json");
        Assert.NotNull(text);
        using var json = JsonDocument.Parse(text);
        return json.RootElement.Clone();
    }

    private static List<string> Steps(JsonElement document) =>
        document.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("step").GetString()!).ToList();

    private static JsonElement Step(JsonElement document, string step) =>
        document.GetProperty("history").EnumerateArray().Single(e => e.GetProperty("step").GetString() == step);

    [Fact]
    public async Task The_document_follows_a_held_report_through_approval_render_schedule_and_publication_and_never_regresses()
    {
        const string code = "01362021X2/2026-00701";
        await Host.UploadAsync("pingliang", "held.txt",
            TestReports.Make("平凉市结果文档测试报告", "联系人手机 13912345678。", code, "主动公开", releaseDate: "2026年03月20日"));

        await Host.ProcessUploadsAsync();

        var held = await ResultAsync("pingliang", "held.txt");
        Assert.Equal("Held", held.GetProperty("outcome").GetString());
        Assert.Equal("held", held.GetProperty("status").GetString());
        Assert.True(held.GetProperty("accepted").GetBoolean());
        // The validation fields agencies' scripts read are still there.
        Assert.Equal(code, held.GetProperty("indexCode").GetString());
        Assert.Equal(1, held.GetProperty("version").GetInt32());
        Assert.True(held.TryGetProperty("warnings", out _) && held.TryGetProperty("metadata", out _) && held.TryGetProperty("personalData", out _));
        Assert.Equal(["received", "validated", "held"], Steps(held));
        Assert.Contains("held for privacy review", Step(held, "held").GetProperty("detail").GetString());
        Assert.False(held.TryGetProperty("pageUrl", out _));
        Assert.False(held.TryGetProperty("releaseAt", out _));

        Host.Time.Advance(TimeSpan.FromHours(1));
        var approval = await Host.Get<ReportAdmin>().ApprovePrivacyAsync(code, PrivacyDecision.PublishMasked, "李审核", CancellationToken.None);
        Assert.True(approval.Approved, approval.Message);

        var approved = await ResultAsync("pingliang", "held.txt");
        Assert.Equal("Validated", approved.GetProperty("outcome").GetString());
        var approvedStep = Step(approved, "approved");
        Assert.Equal("李审核", approvedStep.GetProperty("by").GetString());
        Assert.Contains("masked", approvedStep.GetProperty("detail").GetString());
        Assert.Equal("2026-03-01T11:00:00+08:00", approvedStep.GetProperty("at").GetString());

        await Host.ProcessUploadsAsync();

        var scheduled = await ResultAsync("pingliang", "held.txt");
        Assert.Equal("Rendered", scheduled.GetProperty("outcome").GetString());
        Assert.Equal("scheduled", scheduled.GetProperty("status").GetString());
        Assert.Equal("2026-03-20T00:00:00+08:00", scheduled.GetProperty("releaseAt").GetString());
        Assert.Equal("Asia/Shanghai", scheduled.GetProperty("timeZone").GetString());
        Assert.Equal(["received", "validated", "held", "approved", "rendered", "scheduled"], Steps(scheduled));
        Assert.False(scheduled.TryGetProperty("pageUrl", out _));

        // At-least-once delivery: the same render message again writes the same document, byte for byte.
        var before = await Host.ReadTextAsync(StorageNames.ResultsContainer, "pingliang/held.txt.json");
        await Host.Get<RenderStage>().RunAsync(new RenderRequest(code, 1), CancellationToken.None);
        Assert.Equal(before, await Host.ReadTextAsync(StorageNames.ResultsContainer, "pingliang/held.txt.json"));

        Host.Time.SetUtcNow(new DateTimeOffset(2026, 3, 19, 16, 0, 5, TimeSpan.Zero));
        await Host.PublishAsync();

        var published = await ResultAsync("pingliang", "held.txt");
        Assert.Equal("Published", published.GetProperty("outcome").GetString());
        Assert.Equal("published", published.GetProperty("status").GetString());
        // Live from its release time (the run came five seconds later).
        Assert.Equal("2026-03-20T00:00:00+08:00", published.GetProperty("publishedAt").GetString());
        Assert.Equal(BaseUrl + "reports/" + Pipeline.Site.Slug.FromIndexCode(code) + "/", published.GetProperty("pageUrl").GetString());
        Assert.Equal("published", Steps(published)[^1]);
        var live = await Host.ReadTextAsync(StorageNames.ResultsContainer, "pingliang/held.txt.json");

        // Every stage again, late: a stale render message, another publish run, the same bytes uploaded again under
        // the same name. None of them takes the document back.
        await Host.Get<RenderStage>().RunAsync(new RenderRequest(code, 1), CancellationToken.None);
        await Host.PublishAsync();
        await Host.UploadAsync("pingliang", "held.txt",
            TestReports.Make("平凉市结果文档测试报告", "联系人手机 13912345678。", code, "主动公开", releaseDate: "2026年03月20日"));
        await Host.ProcessUploadsAsync();
        Assert.Equal(live, await Host.ReadTextAsync(StorageNames.ResultsContainer, "pingliang/held.txt.json"));
    }

    [Fact]
    public async Task A_document_made_from_an_older_ledger_row_is_never_written_over_a_newer_one()
    {
        const string code = "01362021X2/2026-00702";
        await Host.UploadAsync("pingliang", "r.txt", TestReports.Make("平凉市先后测试报告", "正文。", code, "主动公开"));
        await Host.ProcessUploadsAsync();
        var rendered = (await Host.ReportAsync(code))!;
        var document = ValidationResultDocument.Parse(System.Text.Encoding.UTF8.GetBytes((await Host.ReadTextAsync(StorageNames.ResultsContainer, "pingliang/r.txt.json"))!))!;
        Host.Time.Advance(TimeSpan.FromMinutes(1));
        await Host.PublishAsync();
        var publishedDocument = ValidationResultDocument.Parse(System.Text.Encoding.UTF8.GetBytes((await Host.ReadTextAsync(StorageNames.ResultsContainer, "pingliang/r.txt.json"))!))!;

        // A stage that read the ledger before the publish run decides with that row: no document.
        Assert.NotNull(ResultDocumentUpdater.Update(document, rendered, [], 1, new Pipeline.Site.SiteOptions(), Host.Time.GetUtcNow()));
        Assert.Null(ResultDocumentUpdater.Update(publishedDocument, rendered, [], 1, new Pipeline.Site.SiteOptions(), Host.Time.GetUtcNow()));
    }

    [Fact]
    public async Task A_replaced_upload_says_superseded_by_the_new_version_and_a_withdrawal_says_by_whom_and_why()
    {
        const string code = "01362021X2/2026-00703";
        await Host.UploadAsync("pingliang", "v1.txt", TestReports.Make("平凉市版本测试报告", "第一版正文。", code, "主动公开"));
        await Host.ProcessAndPublishAsync();
        var first = await ResultAsync("pingliang", "v1.txt");
        Assert.Equal("Published", first.GetProperty("outcome").GetString());
        var pageUrl = first.GetProperty("pageUrl").GetString();
        Assert.StartsWith(BaseUrl + "reports/", pageUrl, StringComparison.Ordinal);

        Host.Time.Advance(TimeSpan.FromDays(1));
        await Host.UploadAsync("pingliang", "v2.txt", TestReports.Make("平凉市版本测试报告", "第二版正文,更正了数字。", code, "主动公开"));
        await Host.ProcessUploadsAsync();

        // v2 is rendered, not live yet: the site still shows v1, and its document says so.
        var waiting = await ResultAsync("pingliang", "v1.txt");
        Assert.Equal("Published", waiting.GetProperty("outcome").GetString());
        Assert.StartsWith("published (v1; v2 is", waiting.GetProperty("status").GetString(), StringComparison.Ordinal);

        await Host.PublishAsync();

        var superseded = await ResultAsync("pingliang", "v1.txt");
        Assert.Equal(ValidationResultDocument.SupersededOutcome, superseded.GetProperty("outcome").GetString());
        Assert.Equal("superseded by v2", superseded.GetProperty("status").GetString());
        Assert.Equal("superseded", Steps(superseded)[^1]);
        Assert.Equal(pageUrl, superseded.GetProperty("pageUrl").GetString());
        var second = await ResultAsync("pingliang", "v2.txt");
        Assert.Equal("Published", second.GetProperty("outcome").GetString());
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        Assert.Contains("revised", Steps(second));
        Assert.Equal(pageUrl, second.GetProperty("pageUrl").GetString());

        Host.Time.Advance(TimeSpan.FromHours(2));
        var withdrawal = await Host.Get<ReportAdmin>().WithdrawAsync(code, "数据有误,需重新核对", "王运维", CancellationToken.None);
        Assert.True(withdrawal.Found);
        await Host.PublishAsync();

        var withdrawn = await ResultAsync("pingliang", "v2.txt");
        Assert.Equal("Withdrawn", withdrawn.GetProperty("outcome").GetString());
        Assert.Equal("withdrawn", withdrawn.GetProperty("status").GetString());
        var step = Step(withdrawn, "withdrawn");
        Assert.Equal("王运维", step.GetProperty("by").GetString());
        Assert.Equal("数据有误,需重新核对", step.GetProperty("detail").GetString());
        Assert.False(withdrawn.GetProperty("publishable").GetBoolean());
        // The URL now shows the withdrawal notice: the agency can still find it.
        Assert.Equal(pageUrl, withdrawn.GetProperty("pageUrl").GetString());
        Assert.Equal("superseded by v2", (await ResultAsync("pingliang", "v1.txt")).GetProperty("status").GetString());
    }

    private async Task<Azure.ETag> ResultETagAsync(string agency, string fileName) =>
        (await Host.Container(StorageNames.ResultsContainer).GetBlobClient($"{agency}/{fileName}.json").GetPropertiesAsync()).Value.ETag;

    [Fact]
    public async Task Validation_hands_its_document_on_and_publishing_writes_published_over_it_unread_with_the_bytes_a_read_would_give()
    {
        // One with its 索引号 (the content receipt claimed at once), one without (a code from the counter), one whose
        // release date is to come (render writes "scheduled" over validation's document unread; publishing reads).
        const string code = "01362021X2/2026-00704";
        // A time with every digit the clock gives (7 after the second): the receipt time render rebuilds the document
        // with comes back from the ledger, and must come back whole.
        Host.Time.Advance(TimeSpan.FromTicks(1_234_567));
        await Host.UploadAsync("pingliang", "coded.txt", TestReports.Make("平凉市直接发布测试报告", "正文一。", code, "主动公开", releaseDate: "2026年02月01日"));
        await Host.UploadAsync("pingliang", "uncoded.txt", TestReports.Make("平凉市无索引号测试报告", "正文二,没有索引号。", null, "主动公开"));
        await Host.UploadAsync("pingliang", "later.txt", TestReports.Make("平凉市定时发布测试报告", "正文三。", "01362021X2/2026-00705", "主动公开", releaseDate: "2026年03月20日"));
        await Host.Get<IncomingScanner>().RunOnceAsync(4, CancellationToken.None);

        // Each render request carries the ETag of the document validation created.
        var queue = Host.Get<Azure.Storage.Queues.QueueServiceClient>().GetQueueClient(StorageNames.RenderQueue);
        var requests = (await queue.PeekMessagesAsync(32)).Value.Select(m => RenderRequest.TryParse(m.Body.ToString())!).ToList();
        Assert.Equal(3, requests.Count);
        var codes = new Dictionary<string, string>();
        var validated = new Dictionary<string, ValidationResultDocument>();
        foreach (var request in requests)
        {
            var row = (await Host.ReportAsync(request.IndexCode))!;
            codes[row.FileName] = row.IndexCode;
            validated[row.FileName] = ValidationResultDocument.Parse(System.Text.Encoding.UTF8.GetBytes((await Host.ReadTextAsync(StorageNames.ResultsContainer, $"pingliang/{row.FileName}.json"))!))!;
            Assert.NotNull(request.ResultETag);
            Assert.Equal(await ResultETagAsync("pingliang", row.FileName), new Azure.ETag(request.ResultETag));
        }
        // Rendered a minute later: the document render rebuilds is still the one validation processed, at its time.
        Host.Time.Advance(TimeSpan.FromMinutes(1));
        while (await Host.Get<RenderQueueProcessor>().RunOnceAsync(CancellationToken.None) > 0)
        {
        }

        // Render stages it for the reports due now; the scheduled one's document already says "scheduled".
        foreach (var (fileName, staged) in new[] { ("coded.txt", true), ("uncoded.txt", true), ("later.txt", false) })
        {
            var row = (await Host.ReportAsync(codes[fileName]))!;
            var files = await Host.Get<ReportBlobs>().GetStagedAsync(row.StagingBlob!, CancellationToken.None);
            var report = StagedReport.FromJson(files.Report!.Value.Span);
            Assert.Equal(staged, report.ResultDocument is not null);
            if (report.ResultDocument is { } written)
                Assert.Equal(await ResultETagAsync("pingliang", fileName), new Azure.ETag(written.ETag));
        }
        Assert.Equal("scheduled", (await ResultAsync("pingliang", "later.txt")).GetProperty("status").GetString());

        Host.Time.SetUtcNow(new DateTimeOffset(2026, 3, 19, 16, 0, 5, TimeSpan.Zero));
        await Host.PublishAsync();

        foreach (var fileName in new[] { "coded.txt", "uncoded.txt", "later.txt" })
        {
            var document = await ResultAsync("pingliang", fileName);
            Assert.Equal("Published", document.GetProperty("outcome").GetString());
            Assert.Equal("published", Steps(document)[^1]);
            // Byte for byte what updating the document validation wrote gives (its findings, metadata, processing time).
            var expected = ResultDocumentUpdater.Update(validated[fileName], (await Host.ReportAsync(codes[fileName]))!, [], 1,
                Host.Get<Microsoft.Extensions.Options.IOptions<Pipeline.Site.SiteOptions>>().Value, Host.Time.GetUtcNow())!;
            Assert.Equal(System.Text.Encoding.UTF8.GetString(expected.ToJson()), await Host.ReadTextAsync(StorageNames.ResultsContainer, $"pingliang/{fileName}.json"));
        }
    }

    [Fact]
    public async Task A_document_changed_after_validation_is_read_again_not_overwritten_from_what_render_staged()
    {
        const string code = "01362021X2/2026-00706";
        await Host.UploadAsync("pingliang", "changed.txt", TestReports.Make("平凉市改动测试报告", "正文。", code, "主动公开"));
        await Host.ProcessUploadsAsync();
        var row = (await Host.ReportAsync(code))!;
        Assert.NotNull(StagedReport.FromJson((await Host.Get<ReportBlobs>().GetStagedAsync(row.StagingBlob!, CancellationToken.None)).Report!.Value.Span).ResultDocument);

        // Something else rewrote the document after validation (here: a field only this write has).
        var stored = ValidationResultDocument.Parse(System.Text.Encoding.UTF8.GetBytes((await Host.ReadTextAsync(StorageNames.ResultsContainer, "pingliang/changed.txt.json"))!))!;
        await Host.Get<ReportBlobs>().SetResultAsync("pingliang", "changed.txt", (stored with { QuarantineBlob = "written-meanwhile" }).ToJson(), CancellationToken.None);

        Host.Time.Advance(TimeSpan.FromMinutes(1));
        await Host.PublishAsync();

        var published = await ResultAsync("pingliang", "changed.txt");
        Assert.Equal("Published", published.GetProperty("outcome").GetString());
        // Updated from the document as it stood, not replaced by the one render staged.
        Assert.Equal("written-meanwhile", published.GetProperty("quarantineBlob").GetString());
    }
}
