using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Pipeline.Storage;

namespace Pipeline.Stages;

/// <summary>
/// The local host's stand-in for the Functions blob trigger: lists incoming/ and validates every blob found.
/// No separate receipts are needed: the validate stage deletes a blob only once it is archived or quarantined and
/// recorded, so what is still listed is exactly the work left, and a restart neither loses nor repeats work.
/// </summary>
public sealed class IncomingScanner(BlobServiceClient blobs, ValidateStage validate, ILogger<IncomingScanner> logger)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _refused = new(StringComparer.Ordinal);

    /// <summary>Validates everything currently in incoming/ (a few at a time); returns the outcomes.</summary>
    public async Task<IReadOnlyList<ValidateOutcome>> RunOnceAsync(int parallelism, CancellationToken ct)
    {
        var container = blobs.GetBlobContainerClient(StorageNames.IncomingContainer);
        var names = new List<string>();
        await foreach (var item in container.GetBlobsAsync(cancellationToken: ct).ConfigureAwait(false))
        {
            if (!DerivedNames.IsUnsafeBlobName(item.Name))
                names.Add(item.Name);
            else if (_refused.TryAdd(item.Name, 0))
                await validate.RunAsync(item.Name, ct).ConfigureAwait(false); // records the refusal once; never addresses the blob
        }
        if (names.Count == 0) return [];

        var outcomes = new System.Collections.Concurrent.ConcurrentBag<ValidateOutcome>();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = ct }, async (name, token) =>
        {
            outcomes.Add(await validate.RunAsync(name, token).ConfigureAwait(false));
        }).ConfigureAwait(false);
        logger.LogInformation("Validated {Count} upload(s)", outcomes.Count);
        return outcomes.ToList();
    }
}
