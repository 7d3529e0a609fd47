using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Stages.Portal;
using Pipeline.Storage;
using Xunit.Abstractions;

namespace Pipeline.Integration.Tests.Browser.Portal;

/// <summary>
/// A county clerk's whole visit, in Chromium with the page's CSP enforced: sign in, drop three files (a real sample,
/// a report without a release date given a release time, a damaged PDF), watch the verdicts arrive without a reload,
/// preview the scheduled report, see another agency's clerk get none of it, let the fake clock pass the release, and
/// follow the report to its public page. One test, because each step needs the state the previous one made.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PortalJourneyTests(PortalFixture portal, ITestOutputHelper output)
{
    private const string SampleFile = "002_3d0e3754e0282e9d.txt";
    private const string SampleUploadName = "高坪区2022年工作总结.txt";
    private const string ScheduledUploadName = "高坪区2026年政务公开报告.txt";
    private const string ScheduledTitle = "南充市高坪区2026年政务公开工作报告";
    private const string DamagedUploadName = "损坏的报告.pdf";
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_clerk_uploads_sees_verdicts_previews_and_follows_the_report_to_its_public_page_and_nobody_else_sees_it()
    {
        await using var context = await portal.NewContextAsync();
        var page = await portal.SignInAsync(context, "高坪区政府办 李明", "Agency.gaoping");
        var cspViolations = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) cspViolations.Add(message.Text); };

        // Signed in as the registry's official name; the release field names the site's time zone.
        await Expect(page.Locator("#account"), "南充市高坪区人民政府");
        Assert.Contains("Asia/Shanghai", await page.Locator("#zone").TextContentAsync());

        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var releaseLocal = TimeZoneInfo.ConvertTime(portal.Host.Time.GetUtcNow().AddDays(1), zone);
        await page.FillAsync("#release-at", releaseLocal.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await page.FillAsync("#change-note", "首次发布");
        await page.SetInputFilesAsync("#files", new[]
        {
            new FilePayload { Name = SampleUploadName, MimeType = "text/plain", Buffer = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Samples, SampleFile)) },
            new FilePayload { Name = ScheduledUploadName, MimeType = "text/plain", Buffer = TestReports.Make(ScheduledTitle, "本年度全区政务公开工作有序推进。", publicScope: "主动公开", signer: "南充市高坪区人民政府") },
            new FilePayload { Name = DamagedUploadName, MimeType = "application/pdf", Buffer = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nbroken"u8.ToArray() },
        });
        await page.ClickAsync("#upload-button");

        // Each file went straight to blob storage under the clerk's agency folder; nothing is validated yet.
        foreach (var name in new[] { SampleUploadName, ScheduledUploadName, DamagedUploadName })
            await Item(page, name).Locator("[data-state=received]").WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
        var incoming = await portal.Host.ListBlobsAsync(StorageNames.IncomingContainer);
        Assert.Equal(new[] { "gaoping/" + DamagedUploadName, "gaoping/" + SampleUploadName, "gaoping/" + ScheduledUploadName }.Order(StringComparer.Ordinal), incoming.Order(StringComparer.Ordinal));

        // The pipeline runs (validate, render); the page follows without a reload.
        await portal.Host.ProcessUploadsAsync();
        await Item(page, DamagedUploadName).Locator("[data-state=rejected]").WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
        Assert.Contains("PDF", await Item(page, DamagedUploadName).Locator(".errors li").First.TextContentAsync());
        await Item(page, SampleUploadName).Locator("[data-state=due]").WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
        await Item(page, ScheduledUploadName).Locator("[data-state=scheduled]").WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
        Assert.Contains(releaseLocal.ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture), await Item(page, ScheduledUploadName).Locator("[data-state]").TextContentAsync());

        // The metadata the pipeline read, with where each value came from.
        var sample = Item(page, SampleUploadName);
        Assert.Contains("2022-12-30", await sample.Locator("tr[data-field=generatedDate] td").First.TextContentAsync());
        Assert.Contains("从正文推断", await sample.Locator("tr[data-field=generatedDate] td").Nth(1).TextContentAsync());
        Assert.Contains("系统分配", await sample.Locator("tr[data-field=indexCode] td").Nth(1).TextContentAsync());
        Assert.Contains("上传时填写的发布时间", await Item(page, ScheduledUploadName).Locator("tr[data-field=releaseAt] td").Nth(1).TextContentAsync());
        Assert.Contains("首次发布", await Item(page, ScheduledUploadName).TextContentAsync());

        // English on request: the rejection's English text appears beside the Chinese.
        await page.ClickAsync("#lang");
        await Expect(Item(page, DamagedUploadName).Locator(".errors li").First, "PDF is damaged");
        await page.ClickAsync("#lang");

        // Preview of the scheduled report: an expiring link, marked as a preview; the public site does not have it.
        var scheduled = Item(page, ScheduledUploadName);
        await scheduled.Locator("button.secondary").ClickAsync();
        var previewHref = await scheduled.Locator("a.preview-link").GetAttributeAsync("href") ?? throw new InvalidOperationException("no preview link");
        var previewPage = await context.NewPageAsync();
        var previewResponse = await previewPage.GotoAsync(previewHref);
        Assert.Equal(200, previewResponse!.Status);
        Assert.Contains("预览", await previewPage.Locator("#" + PreviewPage.BannerId).TextContentAsync());
        Assert.Contains(ScheduledTitle, await previewPage.Locator("h1").First.TextContentAsync());
        Assert.Contains("sandbox", (await previewResponse.AllHeadersAsync())["content-security-policy"]);
        var indexCode = (await portal.Host.UploadOutcomeAsync("gaoping", ScheduledUploadName))!.IndexCode!;
        var publicUrl = new Uri(portal.BaseUri, Pipeline.Site.SiteUrls.Report(Pipeline.Site.Slug.FromIndexCode(indexCode)));
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(publicUrl)).StatusCode);
        Assert.DoesNotContain(await portal.Host.ListBlobsAsync(StorageNames.WebContainer), n => n.Contains(Pipeline.Site.Slug.FromIndexCode(indexCode), StringComparison.Ordinal));

        // An upload URL is good for its one blob only: not another name, not another agency's folder, not for reading.
        var ticket = await page.EvaluateAsync<JsonElement>("""
            async () => (await fetch('/api/portal/uploads', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Portal-Request': '1' },
                body: JSON.stringify({ fileName: 'sas-check.txt', size: 5 }) })).json()
            """);
        var uploadUrl = ticket.GetProperty("uploadUrl").GetString()!;
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(http, uploadUrl.Replace("/gaoping/sas-check.txt", "/gaoping/other.txt", StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(http, uploadUrl.Replace("/gaoping/sas-check.txt", "/hebi/sas-check.txt", StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(uploadUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(http, uploadUrl)).StatusCode);
        await portal.Host.Container(StorageNames.IncomingContainer).GetBlobClient("gaoping/sas-check.txt").DeleteAsync();

        // A clerk of another agency sees none of it, whatever they ask for.
        await using (var otherContext = await portal.NewContextAsync())
        {
            var other = await portal.SignInAsync(otherContext, "鹤壁市政府办 王芳", "Agency.hebi");
            await Expect(other.Locator("#account"), "鹤壁市人民政府办公室");
            await other.Locator("#history-empty").WaitForAsync();
            Assert.Equal(0, await other.Locator("#history tbody tr").CountAsync());
            Assert.Equal(404, await StatusAsync(other, "/api/portal/upload?file=" + Uri.EscapeDataString(SampleUploadName)));
            Assert.Equal("[]", await TextAsync(other, "/api/portal/reports?agency=gaoping"));
            Assert.Equal(404, await PostStatusAsync(other, "/api/portal/preview", $$"""{"indexCode":"{{indexCode}}"}"""));
            Assert.Equal(404, (await (await otherContext.NewPageAsync()).GotoAsync(previewHref))!.Status);
        }

        // The history lists all three outcomes' reports with their states.
        await page.SelectOptionAsync("#filter-state", "scheduled");
        await page.ClickAsync("#filters button[type=submit]");
        // The table still shows the unfiltered list until the filtered answer lands: wait for it, not for the row.
        await page.Locator("#history[aria-busy=false]").WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
        await Expect(page.Locator("#history tbody"), indexCode);
        Assert.Equal(1, await page.Locator("#history tbody tr").CountAsync());

        // Past the release time: the link has expired, and the publish run puts the report on the site.
        portal.Host.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        Assert.Equal(404, (await previewPage.GotoAsync(previewHref))!.Status);
        await portal.Host.PublishAsync();
        await scheduled.Locator("[data-state=published]").WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
        await sample.Locator("[data-state=published]").WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });

        // Checked while the page shows every kind of verdict (vnu on the live DOM, axe in a CSP-bypassing copy).
        var pages = new Dictionary<string, string>
        {
            ["portal-static.html"] = await http.GetStringAsync(portal.PortalUri),
            ["portal-live.html"] = "<!DOCTYPE html>\n" + await page.EvaluateAsync<string>("document.documentElement.outerHTML"),
            ["dev-sign-in.html"] = await http.GetStringAsync(new Uri(portal.BaseUri, Pipeline.Cli.Hosting.LocalPortalServer.SignInPath)),
        };
        var vnu = await BrowserChecks.VnuErrorsAsync(Path.Combine(portal.OutputFolder, "html"), pages);
        vnu.ToList().ForEach(output.WriteLine);
        Assert.Empty(vnu);

        await scheduled.Locator("a.public-link").ClickAsync();
        await page.WaitForURLAsync(publicUrl.ToString());
        Assert.Contains(ScheduledTitle, await page.Locator("h1").First.TextContentAsync());
        Assert.Empty(cspViolations);
    }

    private static ILocator Item(IPage page, string fileName) => page.Locator($"li.upload[data-file=\"{fileName}\"]");

    private static async Task Expect(ILocator locator, string text)
    {
        await locator.Filter(new() { HasText = text }).First.WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient http, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent("hello"u8.ToArray()) };
        request.Headers.Add("x-ms-blob-type", "BlockBlob");
        return http.SendAsync(request);
    }

    private static Task<int> StatusAsync(IPage page, string url) =>
        page.EvaluateAsync<int>("async url => (await fetch(url)).status", url);

    private static Task<string> TextAsync(IPage page, string url) =>
        page.EvaluateAsync<string>("async url => (await fetch(url)).text()", url);

    private static Task<int> PostStatusAsync(IPage page, string url, string body) =>
        page.EvaluateAsync<int>("async ([url, body]) => (await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Portal-Request': '1' }, body })).status", new[] { url, body });
}
