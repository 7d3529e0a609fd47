namespace Pipeline.Stages.Portal;

/// <summary>A preview link (root-relative) and when it stops working.</summary>
public sealed record PreviewLink(string Url, DateTimeOffset ExpiresAt);
