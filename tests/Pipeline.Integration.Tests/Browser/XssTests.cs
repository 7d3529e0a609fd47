using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Microsoft.Playwright;
using Pipeline.Site.Html;
using Xunit.Abstractions;

namespace Pipeline.Integration.Tests.Browser;

/// <summary>
/// Issue 6: reports whose title, headings, paragraphs, table cells, publisher line and file name carry script
/// payloads are published; no page runs any of it — with the site's Content-Security-Policy and without it — and
/// every payload reads back as the literal text the agency uploaded.
/// </summary>
[Collection(PublicSiteCollection.Name)]
public sealed class XssTests(PublicSiteFixture site, ITestOutputHelper output)
{
    /// <summary>Collects policy violations: a blocked inline script means a payload reached the DOM as markup.</summary>
    private const string ViolationRecorder = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
            window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' ' + (e.sample || '')));
        """;

    [Fact]
    public void The_hostile_reports_carry_every_payload_onto_the_site()
    {
        // Premise of the other tests: the payloads reached the published pages (escaped), so there was something to run.
        for (var i = 0; i < XssCorpus.Payloads.Count; i++)
        {
            var report = site.XssReports[i];
            Assert.Equal(Pipeline.Storage.ReportState.Published, report.State);
            var page = new HtmlParser().ParseDocument(System.Text.Encoding.UTF8.GetString(site.SiteBlobs[Blob(report.Url)].Content));
            var text = page.Body!.TextContent;
            // Reading decodes character references copied from web pages (&lt;script&gt; is the text <script>), so the
            // page carries the payload as a reader of its source sees it: a real tag in the text, shown escaped.
            var carried = System.Net.WebUtility.HtmlDecode(XssCorpus.Payloads[i]);
            Assert.Contains(carried, page.QuerySelector("table.data")!.TextContent);
            Assert.Equal("一、" + System.Net.WebUtility.HtmlDecode(XssCorpus.HeadingPayloads[i]), page.QuerySelector("h2[id=sec-1]")!.TextContent);
            // The payload written as 发布机构 stays in the parsed document and search; the grid names the registered
            // publisher (issue 15 item 3), so it is carried by the table and the text.
            Assert.Contains(carried, text);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_payload_runs_on_any_page(bool bypassCsp)
    {
        await using var context = await site.NewContextAsync(bypassCsp: bypassCsp);
        await context.AddInitScriptAsync(ViolationRecorder);
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add($"{page.Url}: {dialog.Type} {dialog.Message}");
            await dialog.DismissAsync();
        };
        var problems = new List<string>();

        var urls = site.HtmlPages.Select(PublicSiteFixture.UrlOf)
            .Append("/search/?q=alert")
            .Append("/search/?q=" + Uri.EscapeDataString("<script>window.__xss=99</script>"))
            .Append("/does-not-exist/<script>alert(1)</script>");
        foreach (var url in urls)
        {
            await page.GotoAsync(url);
            if (url.StartsWith("/search/?q=alert", StringComparison.Ordinal))
                await Assertions.Expect(page.Locator("#search-results > li")).ToHaveCountAsync(XssCorpus.Payloads.Count);
            problems.AddRange(await ProbeAsync(page, url));
        }

        output.WriteLine($"{urls.Count()} pages visited (CSP {(bypassCsp ? "bypassed" : "enforced")})");
        Assert.Empty(dialogs);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Every_payload_reads_back_as_the_literal_text_uploaded()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        // The grid names the agency's registered publisher, whatever the upload wrote (issue 15 item 3).
        var registered = (await site.Host.Get<Pipeline.Storage.AgencyRegistry>().GetAsync(XssCorpus.Agency, CancellationToken.None))!.PublisherName.Trim();
        foreach (var report in site.XssReports)
        {
            await page.GotoAsync(report.Url);

            // Not decoded twice (&lt; stays "&lt;"), not stripped, not mangled: exactly what the ledger holds.
            Assert.Equal(report.Title, await page.Locator("h1").InnerTextAsync());
            Assert.Equal($"{report.Title} - 政府信息公开", await page.TitleAsync());
            Assert.Equal(registered, await page.Locator("table.meta th:text-is('发布机构') + td").InnerTextAsync());
        }
    }

    [Fact]
    public async Task A_withdrawal_notice_shows_the_operators_reason_as_text()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync(site.Withdrawn.Url);

        Assert.Equal(200, response!.Status);
        Assert.Equal("信息已撤回", await page.Locator("h1").InnerTextAsync());
        var notice = await page.Locator(".notice").InnerTextAsync();
        Assert.Contains(PublicSiteFixture.WithdrawnTitle, notice);
        Assert.Contains("撤回原因：" + PublicSiteFixture.WithdrawalReason, notice);
        Assert.Equal(0, await page.Locator(".notice img, .notice script").CountAsync());
    }

    [Fact]
    public async Task Every_page_carries_a_policy_forbidding_inline_script_and_has_no_inline_script_or_handler()
    {
        using var http = new HttpClient { BaseAddress = site.BaseUri };
        var parser = new HtmlParser();
        var problems = new List<string>();
        foreach (var name in site.HtmlPages)
        {
            using var response = await http.GetAsync(name);
            var header = response.Headers.TryGetValues("Content-Security-Policy", out var values) ? values.Single() : null;
            var document = parser.ParseDocument(await response.Content.ReadAsStringAsync());
            var meta = document.QuerySelector("meta[http-equiv='Content-Security-Policy' i]")?.GetAttribute("content");

            if (!ForbidsInlineScript(header)) problems.Add($"{name}: CSP header '{header}' does not forbid inline script");
            if (!ForbidsInlineScript(meta)) problems.Add($"{name}: CSP meta '{meta}' does not forbid inline script");
            foreach (var script in document.Scripts)
                if (string.IsNullOrEmpty(script.Source)) problems.Add($"{name}: inline <script> «{script.Text[..Math.Min(60, script.Text.Length)]}»");
            foreach (var element in document.All)
                foreach (var attribute in element.Attributes)
                    if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                        problems.Add($"{name}: <{element.LocalName} {attribute.Name}=…>");
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void Feeds_sitemaps_and_json_stay_well_formed_and_carry_payloads_as_text()
    {
        foreach (var blob in site.SiteBlobs.Values.Where(b => b.Name.EndsWith(".xml", StringComparison.Ordinal)))
        {
            var xml = XDocument.Parse(System.Text.Encoding.UTF8.GetString(blob.Content));
            Assert.DoesNotContain(xml.Descendants(), e => e.Name.LocalName is "script" or "img" or "svg" or "iframe");
        }
        foreach (var blob in site.SiteBlobs.Values.Where(b => b.Name.EndsWith(".json", StringComparison.Ordinal)))
            using (JsonDocument.Parse(blob.Content)) { }

        var feed = XDocument.Parse(System.Text.Encoding.UTF8.GetString(site.SiteBlobs["feed.xml"].Content));
        var titles = feed.Descendants().Where(e => e.Name.LocalName == "title").Select(e => e.Value).ToHashSet();
        Assert.All(site.XssReports, r => Assert.Contains(r.Title!, titles));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_probe_catches_a_page_that_does_render_a_payload(bool bypassCsp)
    {
        // The detector itself must work, or the tests above would pass on a vulnerable site.
        await using var context = await site.NewContextAsync(bypassCsp: bypassCsp);
        await context.AddInitScriptAsync(ViolationRecorder);
        await context.RouteAsync("**/vulnerable/", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html; charset=utf-8",
            Body = $$"""
                <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
                <meta http-equiv="Content-Security-Policy" content="{{SiteAssets.ContentSecurityPolicyMeta}}">
                <title>t</title></head><body><h1>{{XssCorpus.Payloads[0]}}</h1><p>{{XssCorpus.Payloads[1]}}</p></body></html>
                """,
        }));
        var page = await context.NewPageAsync();
        var dialogs = 0;
        page.Dialog += async (_, dialog) => { dialogs++; await dialog.DismissAsync(); };

        await page.GotoAsync("/vulnerable/");
        var problems = await ProbeAsync(page, "/vulnerable/");

        problems.ForEach(output.WriteLine);
        Assert.Contains(problems, p => p.Contains("event handler attributes", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("injected elements", StringComparison.Ordinal));
        if (bypassCsp)
        {
            Assert.Contains(problems, p => p.Contains("payload ran", StringComparison.Ordinal));
            Assert.True(dialogs > 0);
        }
        else
        {
            Assert.Contains(problems, p => p.Contains("CSP blocked", StringComparison.Ordinal));
            Assert.Equal(0, dialogs);
        }
    }

    /// <summary>What a loaded page shows of injection: a set probe, blocked inline code, handlers, foreign elements.</summary>
    private static async Task<List<string>> ProbeAsync(IPage page, string url)
    {
        // Give handlers such as onerror (a broken image) and ontoggle a moment to fire.
        await page.WaitForTimeoutAsync(50);
        var probe = await page.EvaluateAsync<string>("""
            () => JSON.stringify({
                xss: window.__xss ?? null,
                csp: window.__cspViolations ?? [],
                javascriptLinks: [...document.querySelectorAll('[href], [src], [action], [formaction]')]
                    .filter(e => ['href', 'src', 'action', 'formaction'].some(a => /^\s*javascript:/i.test(e.getAttribute(a) ?? ''))).length,
                handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes].filter(a => /^on/i.test(a.name)).map(a => e.tagName + '@' + a.name)),
                // The statistics charts (figure.chart: an SVG and its data table in details) are the site's own markup.
                foreign: [...document.querySelectorAll('iframe, frame, object, embed, svg:not(figure.chart > svg), math, img, details:not(figure.chart > details), base, meta[http-equiv=refresh]')].map(e => e.tagName),
            })
            """);
        using var json = JsonDocument.Parse(probe);
        var root = json.RootElement;
        var problems = new List<string>();
        if (root.GetProperty("xss").ValueKind != JsonValueKind.Null) problems.Add($"{url}: payload ran (__xss = {root.GetProperty("xss")})");
        if (root.GetProperty("csp").GetArrayLength() > 0) problems.Add($"{url}: CSP blocked {root.GetProperty("csp")}");
        if (root.GetProperty("javascriptLinks").GetInt32() > 0) problems.Add($"{url}: javascript: URL in the DOM");
        if (root.GetProperty("handlers").GetArrayLength() > 0) problems.Add($"{url}: event handler attributes {root.GetProperty("handlers")}");
        if (root.GetProperty("foreign").GetArrayLength() > 0) problems.Add($"{url}: injected elements {root.GetProperty("foreign")}");
        return problems;
    }

    private static bool ForbidsInlineScript(string? policy)
    {
        if (string.IsNullOrWhiteSpace(policy)) return false;
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(d => d[0].ToLowerInvariant(), d => d.Skip(1).ToArray());
        var sources = directives.GetValueOrDefault("script-src") ?? directives.GetValueOrDefault("default-src");
        return sources is not null && sources.Length > 0
               && !sources.Any(s => s is "'unsafe-inline'" or "'unsafe-eval'" or "*" or "data:" or "http:" or "https:" or "'unsafe-hashes'");
    }

    private static string Blob(string url) => url.TrimStart('/') + "index.html";
}
