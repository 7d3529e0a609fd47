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
    /// Paths of the stored files whose path starts with <paramref name="prefix"/> ("" for every file), in no particular
    /// order; null when this store cannot list (a rebuild then leaves files of an older site in place and says so).
    /// </summary>
    IAsyncEnumerable<string>? ListAsync(string prefix, CancellationToken cancellationToken = default) => null;
}
