using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;

namespace Pipeline.Storage;

/// <summary>
/// An exclusive lease on a lock blob (e.g. locks/publish), renewed in the background while held, so that only one
/// publisher runs at a time across hosts. Dispose releases it; if the holder dies, the lease expires by itself.
/// </summary>
public sealed class BlobLease : IAsyncDisposable
{
    private readonly BlobLeaseClient _lease;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;

    private BlobLease(BlobLeaseClient lease, TimeSpan duration, TimeProvider time)
    {
        _lease = lease;
        _renewal = RenewLoopAsync(duration, time);
    }

    public string LeaseId => _lease.LeaseId;

    /// <summary>Renewal failed: the lease may have been lost; the holder should stop writing.</summary>
    public bool Lost { get; private set; }

    /// <summary>Takes the lease, or returns null if someone else holds it (a held lease is not an error).</summary>
    public static async Task<BlobLease?> AcquireAsync(BlobContainerClient container, string blobName, TimeSpan duration, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var blob = container.GetBlobClient(blobName);
        try
        {
            await blob.UploadAsync(BinaryData.Empty, new Azure.Storage.Blobs.Models.BlobUploadOptions
            {
                Conditions = new Azure.Storage.Blobs.Models.BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // The lock blob exists (and may be leased right now): that's the normal case.
        }
        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(duration, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
        return new BlobLease(lease, duration, time);
    }

    private async Task RenewLoopAsync(TimeSpan duration, TimeProvider time)
    {
        using var timer = new PeriodicTimer(duration / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    await _lease.RenewAsync(cancellationToken: _stop.Token).ConfigureAwait(false);
                }
                catch (RequestFailedException)
                {
                    Lost = true;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewal.ConfigureAwait(false);
        try
        {
            await _lease.ReleaseAsync().ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // Expired or taken over: nothing to release.
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // Storage unreachable: the lease expires on its own.
        }
        _stop.Dispose();
    }
}
