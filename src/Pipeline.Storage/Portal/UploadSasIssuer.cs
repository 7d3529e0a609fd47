using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;

namespace Pipeline.Storage.Portal;

/// <summary>A URL that lets its holder create or overwrite exactly one blob of incoming/ until it expires.</summary>
public sealed record UploadGrant(string BlobName, Uri UploadUrl, DateTimeOffset ExpiresAt);

/// <summary>
/// Issues the agency portal's upload URLs: a service SAS for one blob name of <c>incoming/</c>, permissions create and
/// write only (no read, list or delete), valid for minutes. Where the service client holds the account key (Azurite,
/// a connection string) the SAS is signed with it; where it signs in with a token credential (Azure, where shared
/// keys are off) it is a user-delegation SAS signed with a user delegation key, which is cached and renewed well
/// before it expires. HTTPS only wherever the endpoint is HTTPS.
/// </summary>
public sealed class UploadSasIssuer(BlobServiceClient blobs, TimeProvider time)
{
    /// <summary>How long an upload URL stays valid: long enough for 20 MiB over a slow county line.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    /// <summary>A user delegation key is asked for this long (at most 7 days) and replaced once less than a lifetime remains.</summary>
    private static readonly TimeSpan DelegationKeyLifetime = TimeSpan.FromHours(6);

    private readonly SemaphoreSlim _keyLock = new(1, 1);
    private UserDelegationKey? _delegationKey;

    public async Task<UploadGrant> IssueAsync(string blobName, CancellationToken cancellationToken)
    {
        if (DerivedNames.IsUnsafeBlobName(blobName)) throw new ArgumentException("unsafe blob name", nameof(blobName));
        var blob = blobs.GetBlobContainerClient(StorageNames.IncomingContainer).GetBlobClient(blobName);
        var now = time.GetUtcNow();
        var expires = now + Lifetime;
        var sas = new BlobSasBuilder(BlobSasPermissions.Create | BlobSasPermissions.Write, expires)
        {
            BlobContainerName = StorageNames.IncomingContainer,
            BlobName = blobName,
            Resource = "b",
            // A few minutes of clock skew between the storage service and this host.
            StartsOn = now.AddMinutes(-5),
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };
        if (blob.CanGenerateSasUri)
            return new UploadGrant(blobName, blob.GenerateSasUri(sas), expires);

        var key = await DelegationKeyAsync(now, expires, cancellationToken).ConfigureAwait(false);
        var uri = new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key, blobs.AccountName) }.ToUri();
        return new UploadGrant(blobName, uri, expires);
    }

    private async Task<UserDelegationKey> DelegationKeyAsync(DateTimeOffset now, DateTimeOffset needUntil, CancellationToken cancellationToken)
    {
        await _keyLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_delegationKey is { } cached && cached.SignedExpiresOn > needUntil && cached.SignedStartsOn <= now)
                return cached;
            _delegationKey = (await blobs.GetUserDelegationKeyAsync(now.AddMinutes(-5), now + DelegationKeyLifetime, cancellationToken).ConfigureAwait(false)).Value;
            return _delegationKey;
        }
        finally
        {
            _keyLock.Release();
        }
    }
}
