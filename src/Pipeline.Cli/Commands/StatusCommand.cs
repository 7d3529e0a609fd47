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
    public const string Usage = "status [<index code> | --agency <a> --file <f>]";

    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = CommandArgs.Parse(args, new HashSet<string> { "agency", "file" }, new HashSet<string>());
        await using var services = CliServices.Create(parsed.ConfigurationOverrides);
        using var cts = ConsoleCancellation.Create();
        var admin = services.Get<ReportAdmin>();

        if (parsed.Positional.Count == 1)
        {
            var status = await admin.GetByIndexCodeAsync(parsed.Positional[0], cts.Token);
            if (status is null)
            {
                Console.Error.WriteLine($"no report with index code {parsed.Positional[0]}");
                return 1;
            }
            PrintReport(status, services);
            return 0;
        }
        if (parsed.Get("agency") is { } agency && parsed.Get("file") is { } file)
        {
            var upload = await admin.GetByFileAsync(agency, file, cts.Token);
            if (upload is null)
            {
                Console.Error.WriteLine($"no upload incoming/{agency}/{file} known");
                return 1;
            }
            Console.Out.WriteLine($"upload     incoming/{upload.Agency}/{upload.FileName}");
            Console.Out.WriteLine($"outcome    {upload.Outcome}");
            if (upload.Reason is not null) Console.Out.WriteLine($"reason     {upload.Reason}");
            if (upload.ResultBlob is not null) Console.Out.WriteLine($"result     results/{upload.ResultBlob}");
            if (upload.QuarantineBlob is not null) Console.Out.WriteLine($"original   quarantine/{upload.QuarantineBlob}");
            if (upload.Report is not null) PrintReport(upload.Report, services);
            return 0;
        }
        if (parsed.Positional.Count > 1 || parsed.Has("agency") || parsed.Has("file")) return CliApp.UsageError("usage: " + Usage);

        var uploads = services.Get<UploadReceipts>();
        var ledger = services.Get<ReportLedger>();
        var now = services.Get<TimeProvider>().GetUtcNow();
        foreach (var row in (await uploads.ListFilesAsync(cts.Token)).OrderBy(u => u.Agency).ThenBy(u => u.FileName))
        {
            var report = row.IndexCode is null ? null : await ledger.GetLatestAsync(row.IndexCode, cts.Token);
            var label = report is null ? row.Outcome.ToLowerInvariant() : ReportStatusFormatter.Label(report, now, row.Version);
            Console.Out.WriteLine(string.Join('\t', row.Agency, row.FileName, label, row.IndexCode ?? "-", OneLine(report?.Reason ?? row.Reason)));
        }
        return 0;
    }

    public static string Label(LedgerEntry report, DateTimeOffset now) => ReportStatusFormatter.Label(report, now);

    private static string OneLine(string? text) => text is null ? "" : text.ReplaceLineEndings(" ");

    private static void PrintReport(ReportStatus s, CliServices services)
    {
        foreach (var line in ReportStatusFormatter.Lines(s, SiteCalendar.For(services.Get<IOptions<SiteOptions>>().Value))) Console.Out.WriteLine(line);
    }
}
