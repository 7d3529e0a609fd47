using Pipeline.Site.Stores;

namespace Pipeline.DevTools;

/// <summary>
/// A seed's site store that leaves out the report pages and the files beside them (<c>reports/…</c>): a publish run
/// writes its own reports' pages and never reads another report's, so the measured run's requests are the same, while
/// Azurite — which scans every blob of the account on each blob request — answers a seed of 30,000 with a third of
/// the blobs (report pages are about two thirds of a site's files: 1,000 of 1,570 at 1,000 reports). Paths it left out read as missing.
/// </summary>
internal sealed class PagelessSiteStore(ISiteStore inner) : ISiteStore
{
    private const string ReportsFolder = "reports/";

    public ValueTask<byte[]?> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        path.StartsWith(ReportsFolder, StringComparison.Ordinal) ? ValueTask.FromResult<byte[]?>(null) : inner.ReadAsync(path, cancellationToken);

    public ValueTask WriteAsync(SiteFile file, CancellationToken cancellationToken = default) =>
        file.Path.StartsWith(ReportsFolder, StringComparison.Ordinal) ? ValueTask.CompletedTask : inner.WriteAsync(file, cancellationToken);

    public ValueTask DeleteAsync(string path, CancellationToken cancellationToken = default) =>
        path.StartsWith(ReportsFolder, StringComparison.Ordinal) ? ValueTask.CompletedTask : inner.DeleteAsync(path, cancellationToken);

    public IAsyncEnumerable<string>? ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);
}
