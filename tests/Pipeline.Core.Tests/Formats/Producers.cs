using System.Diagnostics;

namespace Pipeline.Core.Tests.Formats;

/// <summary>
/// The real programs that make the files agencies upload: LibreOffice (Word to PDF, Word to web page) and Chromium
/// (print to PDF). test.sh installs both (libreoffice-writer-nogui, chromium, fonts-noto-cjk) when missing; a missing
/// program fails the test rather than skipping it.
/// </summary>
public static class Producers
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>Converts a file with <c>soffice --headless --convert-to</c>; <paramref name="target"/> is e.g. "pdf" or "html:HTML (StarWriter)".</summary>
    public static byte[] LibreOffice(byte[] input, string inputExtension, string target, string outputExtension)
    {
        var work = Directory.CreateTempSubdirectory("pipeline-soffice-");
        OneAtATime.Wait();
        try
        {
            var source = Path.Combine(work.FullName, "report" + inputExtension);
            File.WriteAllBytes(source, input);
            // A profile of its own: a second soffice sharing the default profile would hand the job to the first and exit.
            var profile = new Uri(Path.Combine(work.FullName, "profile")).AbsoluteUri;
            Run("soffice", ["--headless", "--norestore", $"-env:UserInstallation={profile}", "--convert-to", target, "--outdir", work.FullName, source]);
            return File.ReadAllBytes(Path.Combine(work.FullName, "report" + outputExtension));
        }
        finally
        {
            OneAtATime.Release();
            work.Delete(recursive: true);
        }
    }

    /// <summary>Prints a page to PDF with headless Chromium (its default header and footer: date, title, URL, page x/y).</summary>
    public static byte[] ChromiumPdf(string html, bool headerAndFooter = true)
    {
        var work = Directory.CreateTempSubdirectory("pipeline-chromium-");
        OneAtATime.Wait();
        try
        {
            var page = Path.Combine(work.FullName, "report.html");
            File.WriteAllText(page, html);
            var pdf = Path.Combine(work.FullName, "report.pdf");
            string[] arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", $"--user-data-dir={Path.Combine(work.FullName, "profile")}",
                $"--print-to-pdf={pdf}", .. headerAndFooter ? Array.Empty<string>() : ["--no-pdf-header-footer"], new Uri(page).AbsoluteUri];
            Run("chromium", arguments);
            return File.ReadAllBytes(pdf);
        }
        finally
        {
            OneAtATime.Release();
            work.Delete(recursive: true);
        }
    }

    private static void Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["HOME"] = Path.GetTempPath();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        // Generous: a hang is a failure, a slow shared machine is not.
        if (!process.WaitForExit(TimeSpan.FromMinutes(4)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} exited {process.ExitCode}: {stderr.Result}{stdout.Result}");
    }
}
