namespace Pipeline.Site.Stores;

/// <summary>
/// Where site files live: the storage account's $web container in Azure/Azurite, a folder for local builds and
/// benchmarks. Paths are relative, '/'-separated, never starting with '/'.
/// </summary>
public interface ISiteStore
{
    ValueTask<byte[]?> ReadAsync(string path, CancellationToken cancellationToken = default);
    ValueTask WriteAsync(SiteFile file, CancellationToken cancellationToken = default);
    ValueTask DeleteAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <paramref name="file"/> only if no file is stored at its path; false (nothing written) when one is. A store
    /// that can do this in one request (a create-only blob upload) overrides it; by default: read, then write.
    /// </summary>
    async ValueTask<bool> CreateAsync(SiteFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (await ReadAsync(file.Path, cancellationToken).ConfigureAwait(false) is not null) return false;
        await WriteAsync(file, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Deletes the file at <paramref name="path"/> if there is one; true when there was. A store that can tell in the
    /// delete itself (a blob delete-if-exists) overrides it; by default: read, then delete.
    /// </summary>
    async ValueTask<bool> DeleteIfExistsAsync(string path, CancellationToken cancellationToken = default)
    {
        if (await ReadAsync(path, cancellationToken).ConfigureAwait(false) is null) return false;
        await DeleteAsync(path, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Paths of the stored files whose path starts with <paramref name="prefix"/> ("" for every file), in no particular
    /// order; null when this store cannot list (a rebuild then leaves files of an older site in place and says so).
    /// </summary>
    IAsyncEnumerable<string>? ListAsync(string prefix, CancellationToken cancellationToken = default) => null;
}
