namespace Pipeline.Site.Stores;

/// <summary>A site file to write as part of a batch (<see cref="SiteWriteSession.WriteManyAsync"/>).</summary>
/// <param name="ExpectedNew">
/// The file most likely does not exist yet (a report new to the catalog): it is first written create-only, in one
/// request where the store can (<see cref="ISiteStore.CreateAsync"/>); only if a file is there after all (a re-run of a
/// run that died) is it read and compared as usual. The outcome is the same either way.
/// </param>
internal readonly record struct PendingWrite(string Path, ReadOnlyMemory<byte> Content, string ContentType, string CacheControl, string? ContentDisposition = null, bool ExpectedNew = false)
{
    public static PendingWrite Of(SiteFile file) => new(file.Path, file.Content, file.ContentType, file.CacheControl, file.ContentDisposition);
}
