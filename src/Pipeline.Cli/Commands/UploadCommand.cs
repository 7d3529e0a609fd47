using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Pipeline.Cli.Hosting;
using Pipeline.Stages;
using Pipeline.Storage;

namespace Pipeline.Cli.Commands;

/// <summary>`pipeline upload &lt;files…&gt; --agency &lt;a&gt; [--release-at &lt;iso&gt;]`: writes incoming/&lt;agency&gt;/&lt;file&gt; as an agency would.</summary>
public static class UploadCommand
{
    public const string Usage = "upload <files…> --agency <a> [--release-at <iso 8601>] [--change-note <修订说明>]";

    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = CommandArgs.Parse(args, new HashSet<string> { "agency", "release-at", "change-note" }, new HashSet<string>());
        var agency = parsed.Get("agency");
        if (string.IsNullOrWhiteSpace(agency) || parsed.Positional.Count == 0) return CliApp.UsageError("usage: " + Usage);
        DateTimeOffset? releaseAt = null;
        if (parsed.Get("release-at") is { } raw)
        {
            if (!DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                return CliApp.UsageError($"--release-at '{raw}' is not an ISO 8601 date/time");
            releaseAt = at;
        }
        var missing = parsed.Positional.Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0) return CliApp.UsageError("no such file: " + string.Join(", ", missing));

        await using var services = CliServices.Create(parsed.ConfigurationOverrides);
        using var cts = ConsoleCancellation.Create();
        var incoming = services.Get<BlobServiceClient>().GetBlobContainerClient(StorageNames.IncomingContainer);
        await incoming.CreateIfNotExistsAsync(cancellationToken: cts.Token);
        var total = parsed.Positional.Count;
        for (var i = 0; i < total; i++)
        {
            var path = parsed.Positional[i];
            var name = Path.GetFileName(path);
            var length = new FileInfo(path).Length;
            var options = new BlobUploadOptions
            {
                ProgressHandler = new Progress<long>(sent => Console.Error.Write($"\r[{i + 1}/{total}] {name}: {sent * 100 / Math.Max(1, length),3}%")),
            };
            var metadata = ValidateStage.UploadMetadata(releaseAt, parsed.Get("change-note"));
            if (metadata.Count > 0) options.Metadata = metadata;
            await using var stream = File.OpenRead(path);
            await incoming.GetBlobClient($"{agency}/{name}").UploadAsync(stream, options, cts.Token);
            Console.Error.Write("\r");
            Console.Out.WriteLine($"[{i + 1}/{total}] {name} → incoming/{agency}/{name} ({length:N0} bytes){(releaseAt is null ? "" : $", release at {releaseAt:O}")}");
        }
        return 0;
    }
}
