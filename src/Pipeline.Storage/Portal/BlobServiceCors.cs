using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Pipeline.Storage.Portal;

/// <summary>
/// The browser uploads straight to blob storage from the portal's origin, which is another origin than the blob
/// endpoint: the blob service must answer the CORS preflight for PUT with the x-ms-* headers. In Azure the Bicep
/// template declares the rule (the Function App's host name); the local host adds its own origin to Azurite with this.
/// Keeps every other service property (the static website among them) and every other rule.
/// </summary>
public static class BlobServiceCors
{
    public static async Task AllowUploadsFromAsync(BlobServiceClient blobs, string origin, CancellationToken cancellationToken)
    {
        var properties = (await blobs.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value;
        properties.Cors ??= new List<BlobCorsRule>();
        if (properties.Cors.Any(r => r.AllowedOrigins == origin)) return;
        properties.Cors.Add(new BlobCorsRule
        {
            AllowedOrigins = origin,
            AllowedMethods = "PUT,OPTIONS",
            AllowedHeaders = "content-type,x-ms-blob-type,x-ms-blob-content-type,x-ms-meta-*,x-ms-version,x-ms-client-request-id",
            ExposedHeaders = "x-ms-request-id,x-ms-error-code,etag",
            MaxAgeInSeconds = 600,
        });
        await blobs.SetPropertiesAsync(properties, cancellationToken).ConfigureAwait(false);
    }
}
