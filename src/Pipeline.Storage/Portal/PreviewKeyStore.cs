using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Pipeline.Storage.Portal;

/// <summary>
/// The secret that signs the portal's preview links, shared by every instance of a host: 32 random bytes in the
/// private blob <c>locks/portal/preview-key</c>, created by the first host that needs it (If-None-Match, so two hosts
/// starting together agree on one key). Nothing to configure or rotate by hand: deleting the blob invalidates every
/// preview link at the next read by a new process. The container is private; only the pipeline's identity reads it.
/// </summary>
public sealed class PreviewKeyStore(BlobServiceClient blobs)
{
    public const string BlobName = "portal/preview-key";
    private const int KeyBytes = 32;

    private readonly SemaphoreSlim _lock = new(1, 1);
    private byte[]? _key;

    public async Task<byte[]> GetKeyAsync(CancellationToken cancellationToken)
    {
        if (_key is { } known) return known;
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_key is { } raced) return raced;
            var blob = blobs.GetBlobContainerClient(StorageNames.LocksContainer).GetBlobClient(BlobName);
            try
            {
                await blob.UploadAsync(new BinaryData(RandomNumberGenerator.GetBytes(KeyBytes)),
                    new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another host made it first: use theirs.
            }
            var key = (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content.ToArray();
            if (key.Length < KeyBytes) throw new InvalidOperationException($"the preview key blob locks/{BlobName} is shorter than {KeyBytes} bytes; delete it to get a new one");
            _key = key;
            return key;
        }
        finally
        {
            _lock.Release();
        }
    }
}
