using Microsoft.Extensions.Configuration;

namespace Pipeline.Stages;

/// <summary>
/// Reads the pipeline's storage connection ("PipelineStorage") the way the Functions storage extensions read a named
/// connection: either a connection string (locally "UseDevelopmentStorage=true" or Azurite's explicit string) or a
/// section with "accountName" / "blobServiceUri" / "queueServiceUri" / "tableServiceUri" for identity-based access.
/// There is no fallback to "AzureWebJobsStorage" (the Functions host's own state): the triggers, which name
/// "PipelineStorage", would watch another account than the one the stages write.
/// </summary>
public sealed record StorageConnection(string? ConnectionString, Uri? BlobServiceUri, Uri? QueueServiceUri, Uri? TableServiceUri)
{
    public bool UsesIdentity => ConnectionString is null;

    public static StorageConnection From(IConfiguration configuration)
    {
        var section = configuration.GetSection(PipelineOptions.StorageKey);
        if (!string.IsNullOrWhiteSpace(section.Value))
            return new StorageConnection(section.Value, null, null, null);

        var account = section["accountName"];
        Uri? Endpoint(string key, string service) =>
            section[key] is { Length: > 0 } explicitUri ? new Uri(explicitUri)
            : account is { Length: > 0 } ? new Uri($"https://{account}.{service}.core.windows.net")
            : null;

        var blob = Endpoint("blobServiceUri", "blob");
        var queue = Endpoint("queueServiceUri", "queue");
        var table = Endpoint("tableServiceUri", "table");
        if (blob is null || queue is null || table is null)
            throw new InvalidOperationException(
                $"Storage is not configured: set '{PipelineOptions.StorageKey}' to a connection string (e.g. UseDevelopmentStorage=true) " +
                $"or '{PipelineOptions.StorageKey}__accountName' (or __blobServiceUri, __queueServiceUri and __tableServiceUri) for identity-based access.");
        return new StorageConnection(null, blob, queue, table);
    }
}
