using Microsoft.Playwright;

namespace Pipeline.Integration.Tests.Browser;

/// <summary>What a reader sees in Chromium: the front page list, a report page, search.</summary>
[Collection(PublicSiteCollection.Name)]
public sealed class PublicSiteTests(PublicSiteFixture site)
{
    [Fact]
    public async Task The_front_page_lists_the_published_samples_and_nothing_rejected_or_held()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/");

        Assert.Equal(200, response!.Status);
        var entries = (await page.Locator("#entries > li > a.t").EvaluateAllAsync<string[][]>(
                "links => links.map(a => [a.textContent, a.getAttribute('href')])"))
            .Select(e => (Text: e[0], Href: e[1])).ToList();
        foreach (var sample in site.Samples.Where(s => s.Published))
            Assert.Contains((sample.Title!, sample.Url), entries);
        var body = await page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain(PublicSiteFixture.HeldTitle, body);
        Assert.DoesNotContain(PublicSiteFixture.HeldIndexCode, body);
        Assert.DoesNotContain(PublicSiteFixture.WithdrawnTitle, body);
        // Sample 004 (a content-farm page bundling three notices) is rejected: neither its chrome nor its agency shows.
        Assert.DoesNotContain("热门搜索", body);
        Assert.DoesNotContain("鹤壁", body);
        // The newest entries (the samples were published last), each once.
        Assert.InRange(entries.Count, site.Samples.Count(s => s.Published), site.XssReports.Count + 5);
        Assert.Equal(entries.Count, entries.Select(e => e.Href).Distinct().Count());
    }

    [Fact]
    public async Task A_report_page_shows_its_metadata_block_and_its_statistics_table_as_a_real_table()
    {
        var report = site.Sample("001");
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync(report.Url);

        Assert.Equal(200, response!.Status);
        Assert.Equal(report.Title, await page.Locator("h1").InnerTextAsync());
        var meta = (await page.Locator("table.meta tr").EvaluateAllAsync<string?[][]>("""
                rows => rows.flatMap(tr => [...tr.querySelectorAll('th')].map(th => {
                    const td = th.nextElementSibling, time = td.querySelector('time');
                    return [th.textContent, td.textContent, time ? time.getAttribute('datetime') : null];
                }))
                """))
            .Select(c => new MetaCell(c[0]!, c[1]!, c[2])).ToList();
        Assert.Equal("00638229X4/2019-1513549", Value("索引号").Value);
        // The registered official name (the document writes 北景港镇; that stays in the parsed document and search).
        Assert.Equal("华容县北景港镇人民政府", Value("发布机构").Value);
        Assert.Equal("2019-03-12", Value("生成日期").DateTime);
        // 发布日期: the day it went public on this site (after approval, on the fixture's clock), never blank.
        Assert.True(DateOnly.Parse(Value("发布日期").DateTime!, System.Globalization.CultureInfo.InvariantCulture) >= new DateOnly(2026, 3, 1));
        Assert.Equal("全部公开", Value("公开范围").Value);

        var table = page.Locator("table.data");
        Assert.Equal(1, await table.CountAsync());
        Assert.Contains("统计表", await table.Locator("caption").InnerTextAsync());
        Assert.Equal(["统计指标", "单位", "统计数"], await table.Locator("thead th").AllInnerTextsAsync());
        Assert.True(await table.Locator("tbody tr").CountAsync() > 50);
        var row = table.Locator("tbody tr", new() { HasText = "主动公开政府信息数" }).First;
        Assert.Equal(["条", "147"], (await row.Locator("td").AllInnerTextsAsync()).Skip(1));
        Assert.Equal("147", await table.Locator("td.num").First.InnerTextAsync());

        // Published masked after the operator's approval: the mobile number is masked everywhere on the page.
        var text = await page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("18598936331", text);
        Assert.Contains("185****6331", text);

        MetaCell Value(string label) => Assert.Single(meta, m => m.Label == label);
    }

    [Fact]
    public async Task The_sort_toggle_orders_the_front_page_list_by_date_and_back()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var toggle = page.Locator("button[data-sort-target=entries]");
        var delivered = await EntryDatesAsync(page);

        await toggle.ClickAsync();
        var oldestFirst = await EntryDatesAsync(page);
        await toggle.ClickAsync();
        var newestFirst = await EntryDatesAsync(page);

        Assert.Equal(oldestFirst.Order(StringComparer.Ordinal), oldestFirst);
        Assert.NotEqual(delivered, oldestFirst);
        Assert.Equal(newestFirst.OrderDescending(StringComparer.Ordinal), newestFirst);
        Assert.Equal("false", await toggle.GetAttributeAsync("aria-pressed"));
    }

    private static async Task<string[]> EntryDatesAsync(IPage page) =>
        // Date, then publish sequence (the toggle's tie-break): reports that went public the same day keep publish order.
        await page.Locator("#entries > li").EvaluateAllAsync<string[]>("items => items.map(li => (li.dataset.date ?? '') + '|' + li.dataset.seq.padStart(9, '0'))");

    [Theory]
    [InlineData("岳阳", "001")]
    [InlineData("坝坝会", "002")]
    public async Task Search_from_the_header_finds_a_report_by_a_word_of_its_body(string word, string sample)
    {
        var report = site.Sample(sample);
        Assert.DoesNotContain(word, report.Title);
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        await page.Locator("header form[role=search] input[name=q]").FillAsync(word);
        await page.Locator("header form[role=search] button[type=submit]").ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/search/");
        var results = page.Locator("#search-results > li > a");
        await Assertions.Expect(page.Locator("#search-status")).ToContainTextAsync("找到 1 条结果");
        Assert.Equal(1, await results.CountAsync());
        Assert.Equal(report.Title, await results.InnerTextAsync());
        Assert.Equal(report.Url, await results.GetAttributeAsync("href"));
        Assert.Equal(word, await page.Locator("#q").InputValueAsync());

        await results.ClickAsync();

        await page.WaitForURLAsync(site.Absolute(report.Url).ToString());
        Assert.Equal(report.Title, await page.Locator("h1").InnerTextAsync());
        Assert.Contains(word, await page.Locator("article").InnerTextAsync());
    }

    [Fact]
    public async Task A_search_without_hits_says_so()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/search/?q=" + Uri.EscapeDataString("量子纠缠"));

        await Assertions.Expect(page.Locator("#search-status")).ToContainTextAsync("找到 0 条结果");
        Assert.Equal(0, await page.Locator("#search-results > li").CountAsync());
    }

    private sealed record MetaCell(string Label, string Value, string? DateTime);
}
