using System.CommandLine;
using Microsoft.Extensions.Options;
using Pipeline.Cli.Hosting;
using Pipeline.Site;
using Pipeline.Stages;
using Pipeline.Storage;

namespace Pipeline.Cli.Commands;

/// <summary>
/// `pipeline status [index code | --agency a --file f]`: where is my report, and why was it rejected.
/// Without arguments: one line per upload.
/// </summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var indexCode = new Argument<string?>("index code") { Description = "One report's index code (索引号).", Arity = ArgumentArity.ZeroOrOne };
        var agency = new Option<string>("--agency") { Description = "The upload's agency folder (with --file)." };
        var file = new Option<string>("--file") { Description = "The upload's file name (with --agency)." };
        var command = new ConfiguredCommand("status",
            "Where a report is and why: by index code, or by upload (--agency and --file); without arguments one line per upload. Exit 1 if not found.")
        {
            indexCode, agency, file,
        };
        command.Validators.Add(result =>
        {
            var byFile = result.GetValue(agency) is not null || result.GetValue(file) is not null;
            if (byFile && (result.GetValue(agency) is null || result.GetValue(file) is null)) result.AddError("--agency and --file go together");
            else if (byFile && result.GetValue(indexCode) is not null) result.AddError("give an index code or --agency with --file, not both");
        });
        command.SetAction(parse => RunAsync(parse.GetValue(indexCode), parse.GetValue(agency), parse.GetValue(file), command.ConfigurationOverrides));
        return command;
    }

    public static async Task<int> RunAsync(string? indexCode, string? agency, string? file, IReadOnlyList<string> configurationOverrides)
    {
        await using var services = CliServices.Create(configurationOverrides);
        using var cts = ConsoleCancellation.Create();
        var admin = services.Get<ReportAdmin>();

        if (indexCode is not null)
        {
            var status = await admin.GetByIndexCodeAsync(indexCode, cts.Token);
            if (status is null)
            {
                Console.Error.WriteLine($"no report with index code {indexCode}");
                return ExitCodes.NotDone;
            }
            PrintReport(status, services);
            return ExitCodes.Success;
        }
        if (agency is not null && file is not null)
        {
            var upload = await admin.GetByFileAsync(agency, file, cts.Token);
            if (upload is null)
            {
                Console.Error.WriteLine($"no upload incoming/{agency}/{file} known");
                return ExitCodes.NotDone;
            }
            Console.Out.WriteLine($"upload     incoming/{upload.Agency}/{upload.FileName}");
            Console.Out.WriteLine($"outcome    {upload.Outcome}");
            if (upload.Reason is not null) Console.Out.WriteLine($"reason     {upload.Reason}");
            if (upload.ResultBlob is not null) Console.Out.WriteLine($"result     results/{upload.ResultBlob}");
            if (upload.QuarantineBlob is not null) Console.Out.WriteLine($"original   quarantine/{upload.QuarantineBlob}");
            if (upload.Report is not null) PrintReport(upload.Report, services);
            return ExitCodes.Success;
        }

        var uploads = services.Get<UploadReceipts>();
        var ledger = services.Get<ReportLedger>();
        var now = services.Get<TimeProvider>().GetUtcNow();
        foreach (var row in (await uploads.ListFilesAsync(cts.Token)).OrderBy(u => u.Agency).ThenBy(u => u.FileName))
        {
            var report = row.IndexCode is null ? null : await ledger.GetLatestAsync(row.IndexCode, cts.Token);
            var label = report is null ? row.Outcome.ToLowerInvariant() : ReportStatusFormatter.Label(report, now, row.Version);
            var timeliness = report is null ? "-" : TimelinessText.Short(await admin.AssessTimelinessAsync(report, cts.Token));
            Console.Out.WriteLine(string.Join('\t', row.Agency, row.FileName, label, row.IndexCode ?? "-", OneLine(report?.Reason ?? row.Reason), timeliness));
        }
        return ExitCodes.Success;
    }

    public static string Label(LedgerEntry report, DateTimeOffset now) => ReportStatusFormatter.Label(report, now);

    private static string OneLine(string? text) => text is null ? "" : text.ReplaceLineEndings(" ");

    private static void PrintReport(ReportStatus s, CliServices services)
    {
        foreach (var line in ReportStatusFormatter.Lines(s, SiteCalendar.For(services.Get<IOptions<SiteOptions>>().Value))) Console.Out.WriteLine(line);
        if (s.Timeliness is { } timeliness) Console.Out.WriteLine($"timeliness {TimelinessText.Describe(timeliness)}");
    }
}
