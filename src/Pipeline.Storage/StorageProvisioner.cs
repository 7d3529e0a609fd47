using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;

namespace Pipeline.Storage;

/// <summary>
/// Creates every container, queue and table and enables the static website (index.html / 404.html).
/// Idempotent: safe at every start-up of every host.
/// </summary>
public sealed class StorageProvisioner(BlobServiceClient blobs, QueueServiceClient queues, TableServiceClient tables)
{
    public const string IndexDocument = "index.html";
    public const string NotFoundDocument = "404.html";

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var name in StorageNames.Containers)
            await blobs.GetBlobContainerClient(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var name in StorageNames.Queues)
            await queues.GetQueueClient(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var name in StorageNames.Tables)
            await tables.GetTableClient(name).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await EnableStaticWebsiteAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task EnableStaticWebsiteAsync(CancellationToken cancellationToken)
    {
        BlobServiceProperties properties = await blobs.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
        var site = properties.StaticWebsite;
        if (site is { Enabled: true, IndexDocument: IndexDocument, ErrorDocument404Path: NotFoundDocument }) return;
        properties.StaticWebsite = new BlobStaticWebsite { Enabled = true, IndexDocument = IndexDocument, ErrorDocument404Path = NotFoundDocument };
        await blobs.SetPropertiesAsync(properties, cancellationToken).ConfigureAwait(false);
    }
}
