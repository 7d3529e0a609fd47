using System.Collections.Concurrent;
using Pipeline.Site.Stores;

namespace Pipeline.DevTools;

/// <summary>
/// A site store over a container known to be empty when seeding starts: a path this store has not written is
/// answered "missing" without a request (the write-if-changed session would otherwise read every file before
/// writing it), so seeding costs one PUT per file. Paths it wrote are read from the inner store.
/// </summary>
internal sealed class EmptyContainerSiteStore(ISiteStore inner) : ISiteStore
{
    private readonly ConcurrentDictionary<string, byte> _written = new(StringComparer.Ordinal);

    public ValueTask<byte[]?> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        _written.ContainsKey(path) ? inner.ReadAsync(path, cancellationToken) : ValueTask.FromResult<byte[]?>(null);

    public async ValueTask WriteAsync(SiteFile file, CancellationToken cancellationToken = default)
    {
        await inner.WriteAsync(file, cancellationToken).ConfigureAwait(false);
        _written[file.Path] = 0;
    }

    public async ValueTask DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        await inner.DeleteAsync(path, cancellationToken).ConfigureAwait(false);
        _written.TryRemove(path, out _);
    }

    public IAsyncEnumerable<string>? ListAsync(string prefix, CancellationToken cancellationToken = default) =>
        inner.ListAsync(prefix, cancellationToken);
}
