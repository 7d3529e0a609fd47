namespace Pipeline.Stages.Portal;

/// <summary>
/// One HTTP request to the portal, as either host hands it over: the path below <see cref="PortalApi.BasePath"/>
/// ("" or starting with '/'), the query, a header lookup and the body (bounded by the host).
/// </summary>
/// <param name="RequestOrigin">"scheme://host[:port]" of the request as the host received it (for the same-origin check).</param>
public sealed record PortalRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    Func<string, string?> Header,
    ReadOnlyMemory<byte> Body,
    string RequestOrigin)
{
    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) ? value : null;
}
