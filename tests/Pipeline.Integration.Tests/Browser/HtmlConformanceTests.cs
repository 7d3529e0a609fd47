using System.Diagnostics;
using System.Text.Json;
using Pipeline.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pipeline.Integration.Tests.Browser;

/// <summary>Every generated HTML page, hostile ones included, is valid HTML according to the Nu HTML Checker.</summary>
[Collection(PublicSiteCollection.Name)]
public sealed class HtmlConformanceTests(PublicSiteFixture site, ITestOutputHelper output)
{
    private static string VnuJar => Path.Combine(RepoPaths.Root, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

    [Fact]
    public async Task Every_page_passes_the_Nu_HTML_checker()
    {
        Assert.True(File.Exists(VnuJar), $"The Nu HTML Checker is missing at {VnuJar}: run `npm ci` in the repository root.");
        var folder = Path.Combine(site.OutputFolder, "html");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        var pages = site.HtmlPages.ToList();
        foreach (var name in pages)
        {
            var path = Path.Combine(folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, site.SiteBlobs[name].Content);
        }

        var (exitCode, stdout, stderr) = await RunAsync("java", "-jar", VnuJar, "--errors-only", "--format", "json", "--skip-non-html", folder);

        // vnu writes its JSON report to stderr; exit code 1 means "errors found", anything else is a failure to run.
        var report = string.IsNullOrWhiteSpace(stderr) ? stdout : stderr;
        Assert.True(exitCode is 0 or 1, $"vnu failed to run (exit {exitCode}): {stderr}");
        using var json = JsonDocument.Parse(report);
        var errors = json.RootElement.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("type").GetString() is "error" or "non-document-error")
            .Select(m => $"{Path.GetRelativePath(folder, new Uri(m.GetProperty("url").GetString()!).LocalPath)}:{Line(m)} {m.GetProperty("message").GetString()}" +
                         (m.TryGetProperty("extract", out var extract) ? $"  «{extract.GetString()}»" : ""))
            .ToList();
        errors.ForEach(output.WriteLine);
        output.WriteLine($"{pages.Count} pages checked, {errors.Count} errors");
        Assert.True(pages.Count >= 30, $"only {pages.Count} pages were generated");
        Assert.Empty(errors);
    }

    private static string Line(JsonElement message) => message.TryGetProperty("lastLine", out var line) ? line.GetInt32().ToString() : "?";

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
