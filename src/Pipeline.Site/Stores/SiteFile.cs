namespace Pipeline.Site.Stores;

/// <summary>A file of the public site (or of the site's private state), with the headers it must be served with.</summary>
/// <param name="ContentDisposition">Set for downloads (a report's original file); null for pages.</param>
public sealed record SiteFile(string Path, ReadOnlyMemory<byte> Content, string ContentType, string CacheControl, string? ContentDisposition = null);
