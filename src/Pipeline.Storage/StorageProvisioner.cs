using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;

namespace Pipeline.Storage;

/// <summary>What provisioning did about the static website (containers, queues and tables either exist or it threw).</summary>
/// <param name="StaticWebsiteProblem">
/// Why the static website settings could not be checked or set (the identity may not touch service properties), or
/// null when the site is enabled with the expected documents.
/// </param>
public sealed record ProvisioningResult(string? StaticWebsiteProblem)
{
    public bool StaticWebsiteConfigured => StaticWebsiteProblem is null;
}

/// <summary>
/// Creates every container, queue and table and enables the static website (index.html / 404.html).
/// Idempotent: safe at every start-up of every host.
/// </summary>
public sealed class StorageProvisioner(BlobServiceClient blobs, QueueServiceClient queues, TableServiceClient tables)
{
    public const string IndexDocument = "index.html";
    public const string NotFoundDocument = "404.html";

    /// <summary>Everything, tables first (see <see cref="CreateTablesIfNotExistsAsync"/>).</summary>
    public async Task<ProvisioningResult> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        await CreateTablesIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        return await CreateContainersAndQueuesIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The tables alone. A host that seeds the agency registry does so between this and the containers: an upload can
    /// only land once incoming/ exists, so it never meets a registry that is still empty (an emulator that lost its
    /// data comes back with neither, and an upload read against an empty registry would be refused as unknown).
    /// </summary>
    public async Task CreateTablesIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        foreach (var name in StorageNames.Tables)
            await tables.GetTableClient(name).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The containers and queues, then the static website settings.</summary>
    public async Task<ProvisioningResult> CreateContainersAndQueuesIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        foreach (var name in StorageNames.Containers)
            await blobs.GetBlobContainerClient(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var name in StorageNames.Queues)
            await queues.GetQueueClient(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            await EnableStaticWebsiteAsync(cancellationToken).ConfigureAwait(false);
            return new ProvisioningResult(null);
        }
        catch (RequestFailedException e) when (e.Status == 403)
        {
            // Reading or setting service properties needs more than data access: a managed identity with Storage Blob
            // Data Owner gets AuthorizationPermissionMismatch. In Azure the Bicep template enables the site, so the
            // host carries on; the caller says so in the log.
            return new ProvisioningResult($"{e.ErrorCode ?? "403"}: the static website could not be checked or enabled with this identity " +
                $"(expected enabled, index '{IndexDocument}', 404 '{NotFoundDocument}'; the Bicep deployment sets this in Azure)");
        }
    }

    private async Task EnableStaticWebsiteAsync(CancellationToken cancellationToken = default)
    {
        BlobServiceProperties properties = await blobs.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
        var site = properties.StaticWebsite;
        if (site is { Enabled: true, IndexDocument: IndexDocument, ErrorDocument404Path: NotFoundDocument }) return;
        properties.StaticWebsite = new BlobStaticWebsite { Enabled = true, IndexDocument = IndexDocument, ErrorDocument404Path = NotFoundDocument };
        await blobs.SetPropertiesAsync(properties, cancellationToken).ConfigureAwait(false);
    }
}
