using System.CommandLine;
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
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Report files, or folders whose report files (.txt, .text, .docx, no extension) are rendered.",
            HelpName = "file|folder",
            Arity = ArgumentArity.OneOrMore,
        }.MustExist(folders: true);
        var output = new Option<string>("--output", "-o")
        {
            Description = "The page to write (one input file and a name ending .html), or else the folder to write one page per input into.",
            HelpName = "out.html|folder",
            Required = true,
        };
        var agency = new Option<string>("--agency") { Description = "The publisher name of the uploading agency.", HelpName = "name" };
        var command = new Command("render", "Render report pages from local files (no storage) and print the throughput of analyse + render on stderr.")
        {
            inputs, output, agency,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetRequiredValue(inputs), parse.GetRequiredValue(output), parse.GetValue(agency), ct));
        return command;
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> inputs, string output, string? agency, CancellationToken cancellationToken = default)
    {
        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input)) files.AddRange(ReportFiles.InFolder(input));
            else if (File.Exists(input)) files.Add(input);
            else throw new FileNotFoundException($"'{input}' not found", input);
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
        return ExitCodes.Success;
    }
}
