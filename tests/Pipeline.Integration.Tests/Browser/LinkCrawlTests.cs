using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Pipeline.Integration.Tests.Browser;

/// <summary>Every same-origin link reachable from the front page resolves; what is missing gets the 404 page.</summary>
[Collection(PublicSiteCollection.Name)]
public sealed class LinkCrawlTests(PublicSiteFixture site, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_link_reachable_from_the_front_page_answers_200_and_every_fragment_has_its_target()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var origin = site.BaseUri.GetLeftPart(UriPartial.Authority);
        var queue = new Queue<(string Url, string From)>([("/", "(start)")]);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var idsByPage = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var fragmentLinks = new List<(string Page, string Id, string From)>();
        var broken = new List<string>();
        var pages = 0;
        // Script errors and console errors (a CSP report, a failed fetch) on any page count as breakage too.
        page.PageError += (_, error) => broken.Add($"{page.Url}: script error {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error") broken.Add($"{page.Url}: console error {message.Text}");
        };

        while (queue.TryDequeue(out var item))
        {
            var uri = new Uri(site.BaseUri, item.Url);
            var url = uri.PathAndQuery;
            if (uri.Fragment.Length > 1) fragmentLinks.Add((url, Uri.UnescapeDataString(uri.Fragment[1..]), item.From));
            if (!visited.Add(url)) continue;
            if (!IsDocument(uri))
            {
                // Feeds, sitemaps, JSON: fetched, not rendered.
                var fetched = await context.APIRequest.GetAsync(url);
                if (fetched.Status != 200) broken.Add($"{url} -> {fetched.Status} (linked from {item.From})");
                continue;
            }
            var response = await page.GotoAsync(url);
            pages++;
            if (response is not { Status: 200 })
            {
                broken.Add($"{url} -> {response?.Status} (linked from {item.From})");
                continue;
            }
            idsByPage[url] = (await page.Locator("[id]").EvaluateAllAsync<string[]>("elements => elements.map(e => e.id)")).ToHashSet();
            foreach (var link in await page.Locator("a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.href)"))
            {
                if (link.StartsWith(origin + "/", StringComparison.Ordinal)) queue.Enqueue((link[origin.Length..], url));
                else broken.Add($"{link}: leaves the site (on {url})");
            }
        }
        foreach (var (target, id, from) in fragmentLinks)
            if (!idsByPage.TryGetValue(target, out var ids) || !ids.Contains(id))
                broken.Add($"{target}#{id}: no element with that id (linked from {from})");

        output.WriteLine($"{pages} pages crawled, {visited.Count} links followed");
        Assert.Empty(broken);
        // Everything a reader should find by browsing is reachable: every live report and every list landing page
        // (withdrawal notices answer at the old URL but are no longer listed).
        var reachable = site.HtmlPages
            .Where(n => n.StartsWith("reports/", StringComparison.Ordinal) || (!n.Contains("/page/", StringComparison.Ordinal) && n != "404.html"))
            .Select(PublicSiteFixture.UrlOf)
            .Where(url => url != site.Withdrawn.Url);
        Assert.All(reachable, url => Assert.Contains(url, visited));
    }

    [Theory]
    [InlineData("/does-not-exist")]
    [InlineData("/reports/00000000X0-2000-0000/")]
    [InlineData("/assets/site.00000000.css")]
    public async Task A_missing_url_answers_404_with_the_styled_not_found_page(string url)
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync(url);

        Assert.Equal(404, response!.Status);
        Assert.StartsWith("text/html", response.Headers["content-type"]);
        Assert.Equal("页面不存在", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("/", await page.Locator("main a", new() { HasText = "首页" }).GetAttributeAsync("href"));
        // Root-relative asset URLs: the page is styled whatever depth of URL it answers for.
        Assert.Equal("rgb(164, 22, 26)", await page.Locator("header.site-header").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
    }

    private static bool IsDocument(Uri uri) => uri.AbsolutePath.EndsWith('/') || uri.AbsolutePath.EndsWith(".html", StringComparison.Ordinal);
}
