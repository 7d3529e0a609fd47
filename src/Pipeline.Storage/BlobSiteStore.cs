using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Pipeline.Site.Stores;

namespace Pipeline.Storage;

/// <summary>
/// <see cref="ISiteStore"/> over a blob container ($web for the public site, site-state for the generator's
/// private state). Content type and cache control become blob HTTP headers, which the static website serves.
/// </summary>
public sealed class BlobSiteStore(BlobContainerClient container) : ISiteStore
{
    public BlobContainerClient Container => container;

    public async ValueTask<byte[]?> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await container.GetBlobClient(path).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return result.Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async ValueTask WriteAsync(SiteFile file, CancellationToken cancellationToken = default)
    {
        await container.GetBlobClient(file.Path).UploadAsync(new BinaryData(file.Content), UploadOptions(file), cancellationToken).ConfigureAwait(false);
    }

    private static BlobUploadOptions UploadOptions(SiteFile file) => new()
    {
        HttpHeaders = new BlobHttpHeaders { ContentType = file.ContentType, CacheControl = file.CacheControl, ContentDisposition = file.ContentDisposition },
    };

    /// <summary>One create-only upload (If-None-Match: *) instead of a read and a write.</summary>
    public async ValueTask<bool> CreateAsync(SiteFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var options = UploadOptions(file);
        options.Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All };
        try
        {
            await container.GetBlobClient(file.Path).UploadAsync(new BinaryData(file.Content), options, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>One delete-if-exists instead of a read and a delete.</summary>
    public async ValueTask<bool> DeleteIfExistsAsync(string path, CancellationToken cancellationToken = default) =>
        (await container.GetBlobClient(path).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;

    public async ValueTask DeleteAsync(string path, CancellationToken cancellationToken = default) =>
        await container.GetBlobClient(path).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerable<string> ListAsync(string prefix,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var options = new GetBlobsOptions { Prefix = string.IsNullOrEmpty(prefix) ? null : prefix };
        await foreach (var blob in container.GetBlobsAsync(options, cancellationToken).ConfigureAwait(false))
            yield return blob.Name;
    }
}
