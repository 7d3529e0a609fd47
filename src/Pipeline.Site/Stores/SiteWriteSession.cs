namespace Pipeline.Site.Stores;

/// <summary>
/// One publish run's writes: writes only what differs from what is stored (republishing the same files writes
/// nothing), counts what it wrote, and remembers every site path it answers for (see
/// <c>SitePublishResult.AnnouncedPaths</c>) and every site path it produced (a rebuild deletes the others).
/// </summary>
/// <param name="site">The public site; its paths are announced.</param>
/// <param name="state">The publisher's private state; its changed paths are labelled "state:".</param>
internal sealed class SiteWriteSession(ISiteStore site, ISiteStore state, CancellationToken ct)
{
    /// <summary>Concurrent writes: enough to keep a blob store's round trips overlapped and both cores busy locally.</summary>
    private const int WriteConcurrency = 8;

    private readonly List<string> _changed = [];
    private readonly HashSet<string> _produced = new(StringComparer.Ordinal);
    private readonly List<string> _announced = [];
    private readonly HashSet<string> _announcedSet = new(StringComparer.Ordinal);
    private int _files;
    private long _bytes;
    // Folders of the site listed this run (LearnFoldersAsync) and, of those, the files in them now: a path in a listed
    // folder that is not among them is known absent, so it is written without reading it first and never deleted.
    private readonly HashSet<string> _listedFolders = new(StringComparer.Ordinal);
    private readonly HashSet<string> _listedFiles = new(StringComparer.Ordinal);

    public CancellationToken CancellationToken => ct;

    public ValueTask<byte[]?> ReadAsync(ISiteStore store, string path) => store.ReadAsync(path, ct);

    /// <summary>
    /// Lists the site's files in each of <paramref name="folders"/> ("reports/&lt;slug&gt;/", one listing request each, a
    /// few at a time), so that for the rest of the run a path in them that was not listed is known absent: written
    /// create-only without a read, and not deleted. For the folders of reports new to the site, which normally hold
    /// nothing: one request instead of a read before each write and one per file that might need removing. Nothing
    /// else writes the site during a run (the publish lease). Does nothing where the store cannot list.
    /// </summary>
    public async Task LearnFoldersAsync(IReadOnlyList<string> folders)
    {
        if (folders.Count == 0 || site.ListAsync("", ct) is null) return;
        var found = new List<string>[folders.Count];
        await Parallel.ForAsync(0, folders.Count, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = WriteConcurrency }, async (i, token) =>
        {
            var files = new List<string>();
            await foreach (var path in site.ListAsync(folders[i], token)!.ConfigureAwait(false))
                files.Add(path);
            found[i] = files;
        }).ConfigureAwait(false);
        lock (_listedFiles)
        {
            for (var i = 0; i < folders.Count; i++)
            {
                _listedFolders.Add(folders[i]);
                // A listing by prefix also returns deeper paths; only the folder's own files are answered for.
                foreach (var path in found[i]) _listedFiles.Add(path);
            }
        }
    }

    /// <summary>
    /// Takes <paramref name="folders"/> as listed and empty, without a request: the caller knows nothing has written
    /// them (see <see cref="Publishing.PublishedReport.FolderNeverWritten"/>). Were a file there after all, a write
    /// still replaces it (a create that finds the file falls back to read, compare, write); only a delete of it would be
    /// skipped.
    /// </summary>
    public void KnowEmptyFolders(IEnumerable<string> folders)
    {
        lock (_listedFiles)
            foreach (var folder in folders) _listedFolders.Add(folder);
    }

    /// <summary>Whether <paramref name="path"/> is in a folder listed this run and is not there (see <see cref="LearnFoldersAsync"/>).</summary>
    private bool KnownAbsent(ISiteStore store, string path)
    {
        if (!ReferenceEquals(store, site)) return false;
        var slash = path.LastIndexOf('/');
        if (slash < 0) return false;
        lock (_listedFiles) return _listedFolders.Contains(path[..(slash + 1)]) && !_listedFiles.Contains(path);
    }

    private void Exists(ISiteStore store, string path, bool exists)
    {
        if (!ReferenceEquals(store, site)) return;
        lock (_listedFiles)
        {
            if (exists) _listedFiles.Add(path);
            else _listedFiles.Remove(path);
        }
    }

    /// <param name="announceUnchanged">False for files every run writes whatever it publishes (static files): announced only when they change.</param>
    public async Task WriteAsync(ISiteStore store, string path, ReadOnlyMemory<byte> content, string contentType, string cacheControl, bool announceUnchanged = true, string? contentDisposition = null)
    {
        ct.ThrowIfCancellationRequested();
        var file = new SiteFile(path, content, contentType, cacheControl, contentDisposition);
        // A file known not to exist is created without reading it first (one request where the store can).
        if (KnownAbsent(store, path) && await store.CreateAsync(file, ct).ConfigureAwait(false))
        {
            if (ReferenceEquals(store, site)) _produced.Add(path);
            Written(store, path, content.Length);
            return;
        }
        var existing = await store.ReadAsync(path, ct).ConfigureAwait(false);
        await WriteOverAsync(store, path, existing, content, contentType, cacheControl, announceUnchanged, contentDisposition).ConfigureAwait(false);
    }

    /// <summary>
    /// As <see cref="WriteAsync"/> for a file this run has already read (<paramref name="existing"/>: what it read, null
    /// when missing; the publish lease keeps anyone else from writing it since): not read again.
    /// </summary>
    public async Task WriteOverAsync(ISiteStore store, string path, byte[]? existing, ReadOnlyMemory<byte> content, string contentType, string cacheControl,
        bool announceUnchanged = true, string? contentDisposition = null)
    {
        ct.ThrowIfCancellationRequested();
        if (ReferenceEquals(store, site)) _produced.Add(path);
        if (existing is not null && existing.AsSpan().SequenceEqual(content.Span))
        {
            if (announceUnchanged) Announce(store, path);
            return;
        }
        await store.WriteAsync(new SiteFile(path, content, contentType, cacheControl, contentDisposition), ct).ConfigureAwait(false);
        Written(store, path, content.Length);
    }

    private void Written(ISiteStore store, string path, int length)
    {
        Exists(store, path, true);
        Announce(store, path);
        _changed.Add(Label(store, path));
        _files++;
        _bytes += length;
    }

    /// <summary>
    /// Writes independent files concurrently (stores are thread-safe; the files link to nothing written here),
    /// recording them in list order so the result does not depend on timing.
    /// </summary>
    public async Task WriteManyAsync(ISiteStore store, IReadOnlyList<PendingWrite> files)
    {
        if (ReferenceEquals(store, site)) foreach (var file in files) _produced.Add(file.Path);
        var written = new bool[files.Count];
        await Parallel.ForAsync(0, files.Count, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = WriteConcurrency },
            async (i, token) =>
            {
                var file = files[i];
                var siteFile = new SiteFile(file.Path, file.Content, file.ContentType, file.CacheControl, file.ContentDisposition);
                if (!(KnownAbsent(store, file.Path) && await store.CreateAsync(siteFile, token).ConfigureAwait(false)))
                {
                    var existing = await store.ReadAsync(file.Path, token).ConfigureAwait(false);
                    if (existing is not null && existing.AsSpan().SequenceEqual(file.Content.Span)) return;
                    await store.WriteAsync(siteFile, token).ConfigureAwait(false);
                }
                Exists(store, file.Path, true);
                written[i] = true;
            }).ConfigureAwait(false);
        for (var i = 0; i < files.Count; i++)
        {
            Announce(store, files[i].Path);
            if (!written[i]) continue;
            _changed.Add(Label(store, files[i].Path));
            _files++;
            _bytes += files[i].Content.Length;
        }
    }

    /// <summary>Whether this run wrote <paramref name="path"/> to the site (or found it already right).</summary>
    public bool Produced(string path) => _produced.Contains(path);

    public async Task DeleteAsync(ISiteStore store, string path)
    {
        Announce(store, path);
        if (KnownAbsent(store, path)) return;
        if (await store.DeleteIfExistsAsync(path, ct).ConfigureAwait(false)) _changed.Add(Label(store, path));
        Exists(store, path, false);
    }

    /// <summary>
    /// Deletes files concurrently (those that exist), recording them in list order so the result does not depend on timing.
    /// </summary>
    public async Task DeleteManyAsync(ISiteStore store, IReadOnlyList<string> paths)
    {
        var deleted = new bool[paths.Count];
        await Parallel.ForAsync(0, paths.Count, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = WriteConcurrency },
            async (i, token) =>
            {
                if (KnownAbsent(store, paths[i])) return;
                deleted[i] = await store.DeleteIfExistsAsync(paths[i], token).ConfigureAwait(false);
                Exists(store, paths[i], false);
            }).ConfigureAwait(false);
        for (var i = 0; i < paths.Count; i++)
        {
            Announce(store, paths[i]);
            if (deleted[i]) _changed.Add(Label(store, paths[i]));
        }
    }

    private string Label(ISiteStore store, string path) => ReferenceEquals(store, state) && !ReferenceEquals(store, site) ? "state:" + path : path;

    private void Announce(ISiteStore store, string path)
    {
        if (ReferenceEquals(store, site) && _announcedSet.Add(path)) _announced.Add(path);
    }

    /// <summary>Site and state paths written or deleted (state paths prefixed "state:"), in order.</summary>
    public IReadOnlyList<string> ChangedPaths => _changed;

    public int FilesWritten => _files;

    public long BytesWritten => _bytes;

    /// <summary>Site paths this session answers for, changed or already right, in first-touched order.</summary>
    public IReadOnlyList<string> AnnouncedPaths => _announced;
}
