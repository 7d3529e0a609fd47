using Microsoft.Playwright;
using Pipeline.Site;
using Xunit.Abstractions;

namespace Pipeline.Integration.Tests.Browser;

/// <summary>
/// Issue 15 items 1 and 6 in Chromium at 1280 and 375 px and in print media: numbering shown once, the front page's
/// title, the header search field's placeholder, print layout, and the same 发布日期 on the page and in search results.
/// </summary>
[Collection(PublicSiteCollection.Name)]
public sealed class PageFaultsBrowserTests(PublicSiteFixture site, ITestOutputHelper output)
{
    public static TheoryData<int> Widths => new() { 1280, 375 };

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task List_items_that_carry_their_own_numbers_are_numbered_once(int width)
    {
        await using var context = await site.NewContextAsync(width);
        var page = await context.NewPageAsync();
        var ownNumbered = 0;
        foreach (var report in site.Samples.Where(s => s.Published))
        {
            await page.GotoAsync(report.Url);
            // Every list item of the body whose text starts with its own number: the browser must add no marker.
            var items = await page.EvaluateAsync<string[][]>("""
                [...document.querySelectorAll('article.report ol > li, article.report ul > li')]
                  .filter(li => !li.closest('nav'))
                  .filter(li => /^\s*([（(][0-9０-９一二三四五六七八九十]+[）)]|[0-9０-９]+[、.．]|[一二三四五六七八九十]+、)/.test(li.textContent))
                  .map(li => [li.textContent.slice(0, 12), getComputedStyle(li).listStyleType, getComputedStyle(li, '::marker').content])
                """);
            foreach (var item in items)
            {
                output.WriteLine($"{report.FileName}: {item[0]} list-style {item[1]}, marker {item[2]}");
                Assert.Equal("none", item[1]);
            }
            ownNumbered += items.Length;
        }
        Assert.True(ownNumbered > 0, "no sample has a list whose items carry their own numbers: the test would prove nothing");
    }

    [Fact]
    public async Task The_front_page_title_names_the_site_once()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        Assert.Equal("政府信息公开", await page.TitleAsync());
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task The_header_search_placeholder_is_shown_whole(int width)
    {
        await using var context = await site.NewContextAsync(width);
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Sample("001").Url);

        var widths = await page.Locator("#site-q").EvaluateAsync<double[]>("""
            i => {
              const s = getComputedStyle(i), c = document.createElement('canvas').getContext('2d');
              c.font = s.font;
              return [c.measureText(i.placeholder).width, i.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)];
            }
            """);
        var (text, inner) = (widths[0], widths[1]);
        output.WriteLine($"{width} px: placeholder {text:0.0} px in a {inner:0.0} px field");

        Assert.True(text <= inner, $"at {width} px the placeholder needs {text:0.0} px, the field shows {inner:0.0} px");
    }

    [Fact]
    public async Task Print_keeps_a_tables_caption_and_header_with_its_first_rows_and_prints_no_navigation()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.WideTable.Url);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        var hidden = await page.EvaluateAsync<string[]>("""
            ['.site-header', '.crumbs', '.toc', '.related', '.site-search']
              .filter(sel => document.querySelector(sel))
              .filter(sel => getComputedStyle(document.querySelector(sel)).display !== 'none')
            """);
        Assert.Empty(hidden);
        var table = await page.EvaluateAsync<string[]>("""
            (() => {
              const t = document.querySelector('table.data'), cap = t.querySelector('caption'), head = t.querySelector('thead');
              const first = t.querySelector('tbody tr:nth-child(2)');
              return [getComputedStyle(cap).breakAfter, getComputedStyle(head).breakAfter, getComputedStyle(head).display,
                      getComputedStyle(first).breakBefore, getComputedStyle(first).breakInside];
            })()
            """);
        output.WriteLine(string.Join(", ", table));
        Assert.Equal(["avoid", "avoid", "table-header-group", "avoid", "avoid"], table);
    }

    [Fact]
    public async Task A_printed_long_table_repeats_its_header_row_keeps_its_caption_with_the_first_rows_and_prints_no_navigation()
    {
        Assert.True(site.LongTable.Published, "the long-table report was not published");
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.LongTable.Url);
        // On screen the header (navigation, search) and the breadcrumb are there; print must leave them out.
        string[] chrome = ["首页", "按年份", "按发布机构", "站内检索"];
        var screenText = await page.Locator("body").InnerTextAsync();
        Assert.All(chrome, c => Assert.Contains(c, screenText));
        var caption = await page.Locator("table.data caption").First.TextContentAsync();
        var header = await page.Locator("table.data thead th").AllTextContentsAsync();
        Assert.False(string.IsNullOrWhiteSpace(caption));

        // Chromium's own print (as "Save as PDF" makes it), read back as text page by page.
        var pdfPath = Path.Combine(site.OutputFolder, "long-table.pdf");
        await page.PdfAsync(new PagePdfOptions { Path = pdfPath, Format = "A4", PrintBackground = false });
        var pages = (await PdfTextAsync(pdfPath)).Split('\f').Select(Squeeze).Where(p => p.Length > 0).ToList();
        for (var i = 0; i < pages.Count; i++) output.WriteLine($"page {i + 1}: {pages[i][..Math.Min(160, pages[i].Length)]}");

        var rowPages = Enumerable.Range(0, pages.Count).Where(i => pages[i].Contains("号乡镇", StringComparison.Ordinal)).ToList();
        Assert.True(rowPages.Count >= 2, $"the table's {PublicSiteFixture.LongTableRows} rows fit on {rowPages.Count} page(s): the test proves nothing");
        // The header row is printed on every page the table's rows are on.
        foreach (var i in rowPages)
            Assert.True(header.All(h => pages[i].Contains(Squeeze(h), StringComparison.Ordinal)), $"page {i + 1} has rows of the table but not its header row");
        // The caption is on the page of the first row.
        var firstRowPage = pages.FindIndex(p => p.Contains("第1号乡镇", StringComparison.Ordinal));
        Assert.Equal(firstRowPage, pages.FindIndex(p => p.Contains(Squeeze(caption!), StringComparison.Ordinal)));
        // The last row is printed too, and the breadcrumb and navigation nowhere.
        Assert.Contains(pages, p => p.Contains($"第{PublicSiteFixture.LongTableRows}号乡镇", StringComparison.Ordinal));
        var text = string.Concat(pages);
        Assert.All(chrome, c => Assert.DoesNotContain(c, text));
    }

    /// <summary>Text without white space: pdftotext lays CJK text out with spaces where the PDF has gaps.</summary>
    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c) || c == '\f'));

    private static async Task<string> PdfTextAsync(string pdfPath)
    {
        var info = new System.Diagnostics.ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-layout", "-enc", "UTF-8", pdfPath, "-" }) info.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException("could not start pdftotext (poppler-utils)");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"pdftotext failed (exit {process.ExitCode}): {await stderr}");
        return await stdout;
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task A_search_result_shows_the_pages_publication_date_under_its_label(int width)
    {
        await using var context = await site.NewContextAsync(width);
        var page = await context.NewPageAsync();
        var report = site.Sample("002");
        await page.GotoAsync(report.Url);
        var published = await page.Locator("table.meta th:text-is('发布日期') + td time").GetAttributeAsync("datetime");
        Assert.False(string.IsNullOrEmpty(published));

        await page.GotoAsync("/search/?q=" + Uri.EscapeDataString(report.IndexCode!));
        var result = page.Locator("#search-results > li").First;
        await result.WaitForAsync();
        var labels = await result.EvaluateAsync<string[][]>("li => [...li.querySelectorAll('dt')].map(dt => [dt.textContent, dt.nextElementSibling.textContent])");

        Assert.Contains(["发布日期", published!], labels);
        Assert.DoesNotContain(labels, l => l[0] == "发布日期" && l[1] != published);
    }
}
