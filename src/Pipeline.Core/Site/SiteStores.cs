using System.Collections.Concurrent;
using Microsoft.Win32.SafeHandles;

namespace Pipeline.Core.Site;

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

/// <summary>
/// A site in a local folder (builds, benchmarks, previews). Content types are not stored: a static file server
/// derives them from the extension. Writes go to a temporary file and are renamed into place.
/// </summary>
public sealed class FolderSiteStore : ISiteStore
{
    private readonly string _root;
    private readonly ConcurrentDictionary<string, byte> _directories = new(StringComparer.Ordinal);

    public FolderSiteStore(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
    }

    public string Root => _root;

    // Local files are read and written synchronously: each operation takes microseconds, and the async file APIs
    // would hop to a thread-pool thread per call (tens of thousands of wake-ups in a site build, measured as system
    // time spent spinning). Callers that want parallelism (SitePublisher's page writes) run several at once.
    public ValueTask<byte[]?> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var full = Resolve(path);
        // Most reads of a fresh build miss: a stat is much cheaper than a failed open plus an exception.
        if (!File.Exists(full)) return ValueTask.FromResult<byte[]?>(null);
        try
        {
            return ValueTask.FromResult<byte[]?>(File.ReadAllBytes(full));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return ValueTask.FromResult<byte[]?>(null);
        }
    }

    public ValueTask WriteAsync(SiteFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        cancellationToken.ThrowIfCancellationRequested();
        var full = Resolve(file.Path);
        var directory = Path.GetDirectoryName(full)!;
        // Directory.CreateDirectory costs a stat and a mkdir per call; thousands of search shards share a folder.
        // (A folder seen before may have been removed since, or be being created by another writer: then create it.)
        if (_directories.TryAdd(directory, 0)) Directory.CreateDirectory(directory);
        // A replaced file is written beside the target and renamed into place, so a reader never sees half of it. A new
        // file is created in place (nothing links to it yet: the publisher writes pages before the lists that link
        // them, and a re-run after a crash compares bytes and rewrites a truncated file).
        try
        {
            if (TryCreateNew(full, file.Content.Span)) return ValueTask.CompletedTask;
        }
        catch (DirectoryNotFoundException)
        {
            Directory.CreateDirectory(directory);
            if (TryCreateNew(full, file.Content.Span)) return ValueTask.CompletedTask;
        }
        var temp = full + ".tmp-" + Environment.CurrentManagedThreadId;
        using (var handle = File.OpenHandle(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            RandomAccess.Write(handle, file.Content.Span, 0);
        File.Move(temp, full, overwrite: true);
        return ValueTask.CompletedTask;
    }

    public ValueTask DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        File.Delete(Resolve(path));
        return ValueTask.CompletedTask;
    }

    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken = default) =>
        SiteStoreListing.ToAsync(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories)
            .Select(full => Path.GetRelativePath(_root, full).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(path => path.StartsWith(prefix, StringComparison.Ordinal)), cancellationToken);

    private static bool TryCreateNew(string path, ReadOnlySpan<byte> content)
    {
        if (File.Exists(path)) return false;
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        }
        catch (IOException e) when (e is not DirectoryNotFoundException && File.Exists(path))
        {
            return false; // created by another writer since the check
        }
        using (handle) RandomAccess.Write(handle, content, 0);
        return true;
    }

    // Site paths are generated by the publisher, but a path must still never leave the root.
    private string Resolve(string path)
    {
        var full = Path.GetFullPath(Path.Combine(_root, path));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"Path '{path}' is outside the site folder.", nameof(path));
        return full;
    }
}

internal static class SiteStoreListing
{
    public static async IAsyncEnumerable<string> ToAsync(IEnumerable<string> paths,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var path in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return path;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }
}
