namespace Pipeline.Stages.Portal;

/// <summary>GET /api/portal/me: who is signed in, for which agency, and the upload rules and time zone the page uses.</summary>
public sealed record PortalIdentity(
    string? Name,
    string Agency,
    string PublisherName,
    IReadOnlyList<string> Agencies,
    UploadRules Limits,
    string TimeZone,
    string UtcOffset,
    string SiteBaseUrl,
    string SignOutUrl);
