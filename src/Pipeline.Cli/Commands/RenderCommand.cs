using System.Diagnostics;
using Pipeline.Core;
using Pipeline.Site;
using Pipeline.Site.Reports;

namespace Pipeline.Cli.Commands;

/// <summary>
/// <c>pipeline render &lt;file&gt; [--agency &lt;name&gt;] -o &lt;out.html&gt;</c> renders one report page;
/// <c>pipeline render &lt;file|folder&gt;... -o &lt;folder&gt;</c> renders many in one process (one page per input,
/// named after it) and prints the throughput of analyse + render.
/// </summary>
public static class RenderCommand
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var inputs = new List<string>();
        string? output = null;
        string? agency = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-o" or "--output":
                    if (i + 1 >= args.Length) return CliApp.UsageError("render: -o needs a path");
                    output = args[++i];
                    break;
                case "--agency":
                    if (i + 1 >= args.Length) return CliApp.UsageError("render: --agency needs a publisher name");
                    agency = args[++i];
                    break;
                case var option when option.StartsWith('-') && option.Length > 1:
                    return CliApp.UsageError($"render: unknown option '{option}'");
                default:
                    inputs.Add(args[i]);
                    break;
            }
        }
        if (inputs.Count == 0 || output is null) return CliApp.UsageError("render: needs input file(s) and -o");

        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input)) files.AddRange(ReportFiles.InFolder(input));
            else if (File.Exists(input)) files.Add(input);
            else return CliApp.UsageError($"render: '{input}' not found");
        }
        var singlePage = files.Count == 1 && !Directory.Exists(inputs[0]) && output.EndsWith(".html", StringComparison.OrdinalIgnoreCase);
        if (!singlePage) Directory.CreateDirectory(output);

        var site = new SiteOptions();
        var context = agency is null ? null : AgencyContext.FromName(agency);
        long inputBytes = 0;
        long renderTicks = 0;
        var watch = Stopwatch.StartNew();
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
            inputBytes += bytes.Length;
            var analysis = ReportAnalyzer.Analyze(bytes, Path.GetFileName(file), context);
            var model = new ReportPageModel(analysis.Document, PageMetadata.From(analysis.Metadata, Path.GetFileNameWithoutExtension(file)));
            var renderStart = Stopwatch.GetTimestamp();
            var page = ReportPageRenderer.RenderUtf8(model, site);
            renderTicks += Stopwatch.GetTimestamp() - renderStart;
            var target = singlePage ? output : Path.Combine(output, Path.GetFileNameWithoutExtension(file) + ".html");
            await File.WriteAllBytesAsync(target, page, cancellationToken).ConfigureAwait(false);
            if (!analysis.Verdict.Accepted)
                Console.Error.WriteLine($"{file}: not accepted ({string.Join("; ", analysis.Verdict.Errors.Select(e => e.Code))}), page rendered anyway");
        }
        watch.Stop();
        var seconds = Math.Max(watch.Elapsed.TotalSeconds, 1e-9);
        var renderSeconds = Math.Max((double)renderTicks / Stopwatch.Frequency, 1e-9);
        Console.Error.WriteLine($"rendered {files.Count} file(s), {inputBytes / 1048576.0:F2} MB in {seconds:F3} s: {inputBytes / 1048576.0 / seconds:F1} MB/s "
            + $"(read+analyse+render+write); render alone {renderSeconds:F3} s: {inputBytes / 1048576.0 / renderSeconds:F1} MB/s of input");
        return 0;
    }
}
