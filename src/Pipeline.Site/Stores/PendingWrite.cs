namespace Pipeline.Site.Stores;

/// <summary>A site file to write as part of a batch (<see cref="SiteWriteSession.WriteManyAsync"/>).</summary>
internal readonly record struct PendingWrite(string Path, ReadOnlyMemory<byte> Content, string ContentType, string CacheControl, string? ContentDisposition = null)
{
    public static PendingWrite Of(SiteFile file) => new(file.Path, file.Content, file.ContentType, file.CacheControl, file.ContentDisposition);
}
