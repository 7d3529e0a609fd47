using System.CommandLine;
using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Pipeline.Cli.Hosting;
using Pipeline.Stages;
using Pipeline.Storage;

namespace Pipeline.Cli.Commands;

/// <summary>
/// `pipeline upload &lt;files…&gt; --agency &lt;a&gt; [--release-at &lt;iso&gt;] [--change-note &lt;text&gt;]`: writes incoming/&lt;agency&gt;/&lt;file&gt; as an
/// agency would. One line per file on stdout; a progress bar over all the bytes on stderr when it is a terminal.
/// </summary>
public static class UploadCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "The report files to upload.", Arity = ArgumentArity.OneOrMore }.MustExist();
        var agency = new Option<string>("--agency") { Description = "The agency folder to upload into (incoming/<agency>/).", Required = true }.NotBlank();
        var releaseAt = new Option<DateTimeOffset?>("--release-at")
        {
            Description = "Release time for reports that state none (ISO 8601; UTC unless an offset is given).",
            HelpName = "iso 8601",
            CustomParser = result =>
            {
                var raw = result.Tokens.Single().Value;
                if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return at;
                result.AddError($"--release-at '{raw}' is not an ISO 8601 date/time");
                return null;
            },
        };
        var changeNote = new Option<string?>("--change-note") { Description = "What changed in this version (修订说明), shown in the page's version history.", HelpName = "修订说明" };
        var command = new ConfiguredCommand("upload", "Upload report files into incoming/<agency>/, as an agency would.")
        {
            files, agency, releaseAt, changeNote,
        };
        command.SetAction(parse => RunAsync(parse.GetRequiredValue(files), parse.GetRequiredValue(agency), parse.GetValue(releaseAt), parse.GetValue(changeNote), command.ConfigurationOverrides));
        return command;
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> paths, string agency, DateTimeOffset? releaseAt, string? changeNote, IReadOnlyList<string> configurationOverrides)
    {
        await using var services = CliServices.Create(configurationOverrides);
        using var cts = ConsoleCancellation.Create();
        var incoming = services.Get<BlobServiceClient>().GetBlobContainerClient(StorageNames.IncomingContainer);
        await incoming.CreateIfNotExistsAsync(cancellationToken: cts.Token);
        var lengths = paths.Select(p => new FileInfo(p).Length).ToList();
        var totalBytes = lengths.Sum();
        long doneBytes = 0;
        var total = paths.Count;
        using var bar = TerminalProgress.OnStandardError("upload");
        for (var i = 0; i < total; i++)
        {
            var path = paths[i];
            var name = Path.GetFileName(path);
            var length = lengths[i];
            var detail = $"[{i + 1}/{total}] {name}";
            var options = new BlobUploadOptions
            {
                ProgressHandler = bar.Visible ? new SynchronousProgress<long>(sent => bar.Report(doneBytes + sent, totalBytes, detail)) : null,
            };
            var metadata = ValidateStage.UploadMetadata(releaseAt, changeNote);
            if (metadata.Count > 0) options.Metadata = metadata;
            await using (var stream = File.OpenRead(path))
                await incoming.GetBlobClient($"{agency}/{name}").UploadAsync(stream, options, cts.Token);
            doneBytes += length;
            bar.Clear();
            Console.Out.WriteLine($"[{i + 1}/{total}] {name} → incoming/{agency}/{name} ({length:N0} bytes){(releaseAt is null ? "" : $", release at {releaseAt:O}")}");
            bar.Report(doneBytes, totalBytes, detail);
        }
        return ExitCodes.Success;
    }
}
