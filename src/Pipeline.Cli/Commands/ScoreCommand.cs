using System.Globalization;
using System.Text.Json;
using Pipeline.Cli.Fidelity;

namespace Pipeline.Cli.Commands;

/// <summary>
/// <c>pipeline score &lt;folder&gt; [--json] [--min 0.95]</c>: reads every document in the folder that has a
/// <c>&lt;name&gt;.expected.json</c> beside it and prints per-field accuracy and every miss (value found, value
/// expected). Exit 0, or 1 when overall accuracy is below --min; 2 for usage errors.
/// </summary>
public static class ScoreCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        string? folder = null;
        var json = false;
        double? min = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--min":
                    if (i + 1 >= args.Length || !double.TryParse(args[++i], CultureInfo.InvariantCulture, out var m)) return Task.FromResult(CliApp.UsageError("score: --min needs a number such as 0.95"));
                    min = m;
                    break;
                case var option when option.StartsWith('-') && option.Length > 1:
                    return Task.FromResult(CliApp.UsageError($"score: unknown option '{option}'"));
                default:
                    if (folder is not null) return Task.FromResult(CliApp.UsageError($"score: unexpected argument '{args[i]}'"));
                    folder = args[i];
                    break;
            }
        }
        if (folder is null || !Directory.Exists(folder)) return Task.FromResult(CliApp.UsageError("score: needs a folder of documents with .expected.json files"));

        var report = FidelityScorer.ScoreFolder(folder);
        Console.Out.Write(json ? JsonSerializer.Serialize(report, FidelityJsonContext.Default.FidelityReport) + "\n" : Format(report));
        return Task.FromResult(min is { } floor && report.Accuracy < floor ? 1 : 0);
    }

    public static string Format(FidelityReport report)
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine($"{report.Documents} documents, {report.Scored} fields scored");
        w.WriteLine($"{"FIELD",-15} {"RIGHT",6} {"OF",6} {"ACCURACY",9}");
        foreach (var f in report.Fields)
            w.WriteLine($"{f.Field,-15} {f.Right,6} {f.Scored,6} {f.Accuracy,9:P1}");
        w.WriteLine($"{"all",-15} {report.Right,6} {report.Scored,6} {report.Accuracy,9:P1}");
        if (report.Misses.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("misses:");
            foreach (var miss in report.Misses)
                w.WriteLine($"  {miss.Document}  {miss.Field}: found «{miss.Found ?? "∅"}»" + (miss.Expected is null ? "" : $" expected «{miss.Expected}»"));
        }
        return w.ToString();
    }
}
