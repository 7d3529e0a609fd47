using System.Collections.Concurrent;
using Microsoft.Win32.SafeHandles;

namespace Pipeline.Site.Stores;

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
