using Xunit.Abstractions;

namespace Pipeline.Integration.Tests.Browser;

/// <summary>Every generated HTML page, hostile ones included, is valid HTML according to the Nu HTML Checker.</summary>
[Collection(PublicSiteCollection.Name)]
public sealed class HtmlConformanceTests(PublicSiteFixture site, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_page_passes_the_Nu_HTML_checker()
    {
        var pages = site.HtmlPages.ToList();

        var errors = await BrowserChecks.VnuErrorsAsync(Path.Combine(site.OutputFolder, "html"), pages.ToDictionary(name => name, name => site.SiteBlobs[name].Content));

        errors.ToList().ForEach(output.WriteLine);
        output.WriteLine($"{pages.Count} pages checked, {errors.Count} errors");
        Assert.True(pages.Count >= 30, $"only {pages.Count} pages were generated");
        Assert.Empty(errors);
    }
}
