using Microsoft.Playwright;
using Pipeline.Site;
using Xunit.Abstractions;

namespace Pipeline.Integration.Tests.Browser;

/// <summary>axe-core (WCAG 2.0/2.1 A and AA rules) on each kind of page: no serious or critical violation.</summary>
[Collection(PublicSiteCollection.Name)]
public sealed class AccessibilityTests(PublicSiteFixture site, ITestOutputHelper output)
{
    public static TheoryData<string> Pages => new()
    {
        "front", "year list", "publisher list", "report 001", "report 002", "search results", "not found",
        "statistics", "statistics year", "statistics year sorted", "statistics agency", "report with statistics", "timeliness", "timeliness year", "timeliness agency",
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_has_no_serious_or_critical_axe_violation(string which)
    {
        // The site's CSP (script-src 'self') would block the injected checker, so this context bypasses it.
        await using var context = await site.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.PageUrl(which));
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

    private Task<(List<string> Serious, int Passed)> RunAxeAsync(IPage page) => BrowserChecks.AxeAsync(page, output.WriteLine);
}
