using System.Text.Json;
using Microsoft.Playwright;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Site;
using Xunit.Abstractions;

namespace Pipeline.Integration.Tests.Browser;

/// <summary>axe-core (WCAG 2.0/2.1 A and AA rules) on each kind of page: no serious or critical violation.</summary>
[Collection(PublicSiteCollection.Name)]
public sealed class AccessibilityTests(PublicSiteFixture site, ITestOutputHelper output)
{
    private static string AxeScript => Path.Combine(RepoPaths.Root, "node_modules", "axe-core", "axe.min.js");

    public static TheoryData<string> Pages => new()
    {
        "front", "year list", "publisher list", "report 001", "report 002", "search results", "not found",
        "statistics", "statistics year", "statistics year sorted", "statistics agency", "report with statistics",
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_has_no_serious_or_critical_axe_violation(string which)
    {
        Assert.True(File.Exists(AxeScript), $"axe-core is missing at {AxeScript}: run `npm ci` in the repository root.");
        // The site's CSP (script-src 'self') would block the injected checker, so this context bypasses it.
        await using var context = await site.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync(UrlOf(which));
        if (which == "search results") await page.Locator("#search-results > li").First.WaitForAsync();

        var (serious, passed) = await RunAxeAsync(page);

        output.WriteLine($"axe: {passed} rules passed");
        Assert.True(passed > 10, $"axe ran only {passed} rules: is it working?");
        Assert.Empty(serious);
    }

    [Fact]
    public async Task Keyboard_users_get_a_visible_skip_link_first_and_a_visible_focus_ring()
    {
        await using var context = await site.NewContextAsync(375, 667);
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Sample("001").Url);

        await page.Keyboard.PressAsync("Tab");

        var focused = page.Locator(":focus");
        Assert.Equal("skip", await focused.GetAttributeAsync("class"));
        var box = await focused.BoundingBoxAsync();
        Assert.True(box is { X: >= 0, Y: >= 0, Width: > 0 }, "the focused skip link is off screen");
        Assert.NotEqual("none", await focused.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle"));

        await page.Keyboard.PressAsync("Enter");

        Assert.EndsWith("#main", page.Url, StringComparison.Ordinal);
        // The statistics table's scroll box is reachable by keyboard, so it can be scrolled without a mouse.
        var tableBoxReached = false;
        for (var i = 0; i < 40 && !tableBoxReached; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            tableBoxReached = await page.EvaluateAsync<bool>("document.activeElement.classList.contains('table-wrap')");
        }
        Assert.True(tableBoxReached, "Tab never reached the table's scroll box");
    }

    [Fact]
    public async Task The_checker_catches_a_page_with_serious_violations()
    {
        // axe must really be running: a form field without a label and unreadable contrast are serious violations.
        await using var context = await site.NewContextAsync(bypassCsp: true);
        await context.RouteAsync("**/inaccessible/", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html; charset=utf-8",
            Body = """
                <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>t</title></head>
                <body><main><h1>标题</h1><p style="color:#ccc;background:#fff">浅色文字</p><input type="text"></main></body></html>
                """,
        }));
        var page = await context.NewPageAsync();
        await page.GotoAsync("/inaccessible/");

        var (serious, _) = await RunAxeAsync(page);

        Assert.Contains(serious, v => v.Contains("color-contrast", StringComparison.Ordinal));
        Assert.Contains(serious, v => v.Contains("label", StringComparison.Ordinal));
    }

    /// <summary>Runs axe-core with the WCAG 2.0/2.1 A and AA rules; prints every violation, returns the serious and critical ones.</summary>
    private async Task<(List<string> Serious, int Passed)> RunAxeAsync(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxeScript });
        var resultJson = await page.EvaluateAsync<string>("""
            async () => {
                const result = await axe.run(document, {
                    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                    resultTypes: ['violations'],
                });
                return JSON.stringify({
                    passed: result.passes.length,
                    violations: result.violations.map(v => ({
                        id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + n.failureSummary.replace(/\s+/g, ' ')),
                    })),
                });
            }
            """);

        using var result = JsonDocument.Parse(resultJson);
        var serious = new List<string>();
        foreach (var violation in result.RootElement.GetProperty("violations").EnumerateArray())
        {
            var impact = violation.GetProperty("impact").GetString();
            var line = $"[{impact}] {violation.GetProperty("id").GetString()}: {violation.GetProperty("help").GetString()} — " +
                       string.Join(" | ", violation.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()));
            output.WriteLine(line);
            if (impact is "serious" or "critical") serious.Add(line);
        }
        return (serious, result.RootElement.GetProperty("passed").GetInt32());
    }

    private string UrlOf(string which) => which switch
    {
        "front" => "/",
        "year list" => SiteUrls.Year(2026), // every report went public in 2026 (the fixture's clock)
        "publisher list" => SiteUrls.Publisher(Slug.FromPublisher(site.Sample("001").Publisher!)),
        "report 001" => site.Sample("001").Url,
        "report 002" => site.Sample("002").Url,
        "search results" => "/search/?q=" + Uri.EscapeDataString("政务公开"),
        "not found" => "/does-not-exist/",
        "statistics" => Pipeline.Site.Statistics.StatisticsUrls.Index,
        "statistics year" => Pipeline.Site.Statistics.StatisticsUrls.Year(2024),
        "statistics year sorted" => Pipeline.Site.Statistics.StatisticsUrls.Year(2024, "disclosed-share"),
        "statistics agency" => Pipeline.Site.Statistics.StatisticsUrls.Agency(Slug.FromPublisher("平凉市人民政府")),
        "report with statistics" => SiteUrls.Report(Slug.FromIndexCode(PublicSiteFixture.StatisticsIndexCode)),
        _ => throw new ArgumentOutOfRangeException(nameof(which)),
    };
}
