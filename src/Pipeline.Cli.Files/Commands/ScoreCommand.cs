using System.CommandLine;
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
    public static Command Create()
    {
        var folder = new Argument<string>("folder") { Description = "Documents, each with a <name>.expected.json beside it (docs/fidelity.md)." }
            .MustBeFolder("a folder of documents with .expected.json files");
        var json = new Option<bool>("--json") { Description = "Print the report as one JSON object." };
        var min = new Option<double?>("--min") { Description = "Exit 1 when overall accuracy is below this fraction, e.g. 0.95.", HelpName = "fraction" };
        var command = new Command("score", "Reading fidelity: per-field accuracy and every miss over documents with expected readings.")
        {
            folder, json, min,
        };
        command.SetAction(parse => Run(parse.GetRequiredValue(folder), parse.GetValue(json), parse.GetValue(min)));
        return command;
    }

    public static int Run(string folder, bool json, double? min)
    {
        var report = FidelityScorer.ScoreFolder(folder);
        Console.Out.Write(json ? JsonSerializer.Serialize(report, FidelityJsonContext.Default.FidelityReport) + "\n" : Format(report));
        return min is { } floor && report.Accuracy < floor ? ExitCodes.NotDone : ExitCodes.Success;
    }

    public static string Format(FidelityReport report)
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine($"{report.Documents} documents, {report.Scored} fields scored");
        w.WriteLine($"{"FIELD",-15} {"RIGHT",6} {"OF",6} {"ACCURACY",9}");
        foreach (var f in report.Fields.Where(f => f.Field != StatisticsExpectation.Field))
            w.WriteLine($"{f.Field,-15} {f.Right,6} {f.Scored,6} {f.Accuracy,9:P1}");
        w.WriteLine($"{"all",-15} {report.Right,6} {report.Scored,6} {report.Accuracy,9:P1}");
        foreach (var f in report.Fields.Where(f => f.Field == StatisticsExpectation.Field))
            w.WriteLine($"{"statistics",-15} {f.Right,6} {f.Scored,6} {f.Accuracy,9:P1}  (cells, apart from all)");
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
