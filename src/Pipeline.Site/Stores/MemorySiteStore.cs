using System.Collections.Concurrent;
using Microsoft.Win32.SafeHandles;

namespace Pipeline.Site.Stores;

/// <summary>An in-memory site store (tests, dry runs). Thread-safe; counts writes.</summary>
public sealed class MemorySiteStore : ISiteStore
{
    private readonly ConcurrentDictionary<string, SiteFile> _files = new(StringComparer.Ordinal);
    private int _writes;
    private long _bytesWritten;

    /// <summary>A snapshot of the stored files by path.</summary>
    public IReadOnlyDictionary<string, SiteFile> Files => new SortedDictionary<string, SiteFile>(_files, StringComparer.Ordinal);

    public int Writes => Volatile.Read(ref _writes);
    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    public ValueTask<byte[]?> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_files.TryGetValue(path, out var file) ? file.Content.ToArray() : null);

    public ValueTask WriteAsync(SiteFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        _files[file.Path] = file with { Content = file.Content.ToArray() };
        Interlocked.Increment(ref _writes);
        Interlocked.Add(ref _bytesWritten, file.Content.Length);
        return ValueTask.CompletedTask;
    }

    public ValueTask DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        _files.TryRemove(path, out _);
        return ValueTask.CompletedTask;
    }

    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken = default) =>
        SiteStoreListing.ToAsync(_files.Keys.Where(path => path.StartsWith(prefix, StringComparison.Ordinal)).ToList(), cancellationToken);
}
