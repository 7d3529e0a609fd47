using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using Pipeline.Integration.Tests.Infrastructure;

namespace Pipeline.Integration.Tests.Browser;

/// <summary>The two checkers every browser suite runs: the Nu HTML Checker (vnu) on pages, axe-core in a live page.</summary>
public static class BrowserChecks
{
    private static string VnuJar => Path.Combine(RepoPaths.Root, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
    private static string AxeScript => Path.Combine(RepoPaths.Root, "node_modules", "axe-core", "axe.min.js");

    /// <summary>
    /// vnu errors ("path:line message «extract»", path relative to <paramref name="folder"/>) in the given pages
    /// (relative path → bytes), written afresh into <paramref name="folder"/>. Files that are not HTML are skipped.
    /// </summary>
    public static async Task<IReadOnlyList<string>> VnuErrorsAsync(string folder, IReadOnlyDictionary<string, byte[]> pages)
    {
        Assert.True(File.Exists(VnuJar), $"The Nu HTML Checker is missing at {VnuJar}: run `npm ci` in the repository root.");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        foreach (var (name, content) in pages)
        {
            var path = Path.Combine(folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, content);
        }
        var info = new ProcessStartInfo("java") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-jar", VnuJar, "--errors-only", "--format", "json", "--skip-non-html", folder }) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start java");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        // vnu writes its JSON report to stderr; exit code 1 means "errors found", anything else is a failure to run.
        var report = string.IsNullOrWhiteSpace(await stderr) ? await stdout : await stderr;
        Assert.True(process.ExitCode is 0 or 1, $"vnu failed to run (exit {process.ExitCode}): {report}");
        using var json = JsonDocument.Parse(report);
        return json.RootElement.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("type").GetString() is "error" or "non-document-error")
            .Select(m => $"{Path.GetRelativePath(folder, new Uri(m.GetProperty("url").GetString()!).LocalPath)}:{Line(m)} {m.GetProperty("message").GetString()}" +
                         (m.TryGetProperty("extract", out var extract) ? $"  «{extract.GetString()}»" : ""))
            .ToList();
    }

    /// <summary>The same for pages given as text (name → HTML).</summary>
    public static Task<IReadOnlyList<string>> VnuErrorsAsync(string folder, IReadOnlyDictionary<string, string> pages) =>
        VnuErrorsAsync(folder, pages.ToDictionary(p => p.Key, p => System.Text.Encoding.UTF8.GetBytes(p.Value)));

    private static string Line(JsonElement message) => message.TryGetProperty("lastLine", out var line) ? line.GetInt32().ToString() : "?";

    /// <summary>
    /// Runs axe-core (WCAG 2.0/2.1 A and AA rules) in <paramref name="page"/> (its context must bypass the CSP); logs
    /// every violation, returns the serious and critical ones and how many rules passed.
    /// </summary>
    public static async Task<(List<string> Serious, int Passed)> AxeAsync(IPage page, Action<string> log)
    {
        Assert.True(File.Exists(AxeScript), $"axe-core is missing at {AxeScript}: run `npm ci` in the repository root.");
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
            log(line);
            if (impact is "serious" or "critical") serious.Add(line);
        }
        return (serious, result.RootElement.GetProperty("passed").GetInt32());
    }
}
