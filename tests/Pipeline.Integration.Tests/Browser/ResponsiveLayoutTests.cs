using Microsoft.Playwright;
using Pipeline.Site;
using Xunit.Abstractions;

namespace Pipeline.Integration.Tests.Browser;

/// <summary>The site on a 375 px phone: nothing wider than the screen; wide tables scroll inside their box.</summary>
[Collection(PublicSiteCollection.Name)]
public sealed class ResponsiveLayoutTests(PublicSiteFixture site, ITestOutputHelper output)
{
    private const int Phone = 375;

    public static TheoryData<string> PhonePages => new() { "front", "year list", "publisher list", "report 001", "report 002", "search results", "hostile report", "wide table report" };

    [Theory]
    [MemberData(nameof(PhonePages))]
    public async Task A_page_has_no_horizontal_overflow_at_375_px(string which)
    {
        await using var context = await site.NewContextAsync(Phone, 812);
        var page = await context.NewPageAsync();

        await page.GotoAsync(site.PageUrl(which));
        if (which == "search results") await page.Locator("#search-results > li").First.WaitForAsync();

        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var wide = await page.EvaluateAsync<string[]>($$"""
            [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > {{Phone}} + 0.5 && !e.closest('.table-wrap, .vh, .skip') || e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX == 'visible')
              .slice(0, 5).map(e => e.tagName + '.' + e.className + ': ' + Math.round(e.getBoundingClientRect().right))
            """);
        Assert.True(scrollWidth <= Phone, $"{which}: document is {scrollWidth} px wide at a {Phone} px viewport; too wide: {string.Join("; ", wide)}");
        Assert.Empty(wide);
    }

    [Fact]
    public async Task A_wide_table_scrolls_inside_its_container_at_375_px()
    {
        await using var context = await site.NewContextAsync(Phone, 812);
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.WideTable.Url);

        var wrap = page.Locator(".table-wrap").First;
        var overflowX = await wrap.EvaluateAsync<string>("e => getComputedStyle(e).overflowX");
        var clientWidth = await wrap.EvaluateAsync<int>("e => e.clientWidth");
        var scrollWidth = await wrap.EvaluateAsync<int>("e => e.scrollWidth");
        output.WriteLine($"table-wrap: overflow-x {overflowX}, client {clientWidth} px, content {scrollWidth} px");

        Assert.Contains(overflowX, new[] { "auto", "scroll" });
        Assert.True(clientWidth <= Phone);
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= Phone);
        Assert.True(scrollWidth > clientWidth, $"the nine-column table ({scrollWidth} px) should be wider than its {clientWidth} px box");
        // The box itself scrolls, and keyboard users can reach it (focusable region).
        await wrap.EvaluateAsync("e => { e.scrollLeft = 60; }");
        Assert.True(await wrap.EvaluateAsync<int>("e => e.scrollLeft") > 0);
        Assert.Equal("0", await wrap.GetAttributeAsync("tabindex"));
    }

    [Fact]
    public async Task A_report_title_is_on_a_phones_first_screen()
    {
        await using var context = await site.NewContextAsync(Phone, 667);
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Sample("001").Url);

        var box = await page.Locator("h1").BoundingBoxAsync();

        Assert.NotNull(box);
        Assert.True(box.Y + box.Height <= 667, $"the title ends {box.Y + box.Height} px down a 667 px screen");
    }

    [Theory]
    [InlineData("front", Phone)]
    [InlineData("front", 1280)]
    [InlineData("report 001", Phone)]
    [InlineData("report 001", 1280)]
    public async Task Screenshot(string which, int width)
    {
        await using var context = await site.NewContextAsync(width, width == Phone ? 812 : 900);
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.PageUrl(which));

        var path = Path.Combine(site.OutputFolder, "screenshots", $"{which.Replace(' ', '-')}-{width}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var firstScreen = Path.ChangeExtension(path, ".first-screen.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = firstScreen });

        output.WriteLine(path);
        Assert.True(new FileInfo(path).Length > 10_000, "the screenshot is (nearly) empty");
        Assert.True(new FileInfo(firstScreen).Length > 10_000, "the screenshot is (nearly) empty");
    }
}
