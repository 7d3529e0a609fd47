using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Configuration;
using Pipeline.Stages;
using Pipeline.Stages.Portal;

namespace Pipeline.Functions;

/// <summary>
/// The agency portal in Azure: its page and its API under /api/portal, one function handing every request to
/// <see cref="PortalApi"/> (the code the local host runs). App Service authentication with Microsoft Entra ID signs
/// the clerk in and forwards the principal header; where it is not enabled the header could be forged, so the API
/// answers 503. There is no development sign-in here.
/// </summary>
public sealed class PortalFunction(PortalApi portal, IConfiguration configuration)
{
    public const string Name = "Portal";

    /// <remarks>
    /// Anonymous at the function level: the caller is identified by the platform (authsettingsV2 requires sign-in on
    /// this path), not by a key. The catch-all is optional, so "/api/portal" itself arrives here and is redirected to
    /// "/api/portal/".
    /// </remarks>
    [Function(Name)]
    public async Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "portal/{*path}")] HttpRequestData request,
        string? path,
        CancellationToken cancellationToken)
    {
        var body = await HttpJson.ReadBytesAsync(request, PortalApi.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        // The path below /api/portal as sent ("" without the trailing slash, so the page's relative links work).
        var absolute = request.Url.AbsolutePath;
        var rest = absolute.StartsWith(PortalApi.BasePath, StringComparison.Ordinal) ? absolute[PortalApi.BasePath.Length..] : "/" + path;
        var query = request.Query.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => request.Query[k] ?? "", StringComparer.Ordinal);
        var portalRequest = new PortalRequest(
            request.Method.ToUpperInvariant(),
            rest,
            query,
            name => request.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null,
            body,
            request.Headers.TryGetValues("Host", out var host) ? host.FirstOrDefault() ?? "" : "");
        var settings = PortalHostSettings.AppService(ClientPrincipal.IsTrusted(configuration[ClientPrincipal.AuthEnabledSetting]));
        var answer = await portal.HandleAsync(portalRequest, settings, cancellationToken).ConfigureAwait(false);

        var response = request.CreateResponse((System.Net.HttpStatusCode)answer.Status);
        response.Headers.Add("Content-Type", answer.ContentType);
        foreach (var (name, value) in answer.Headers) response.Headers.Add(name, value);
        if (!string.Equals(request.Method, "HEAD", StringComparison.OrdinalIgnoreCase))
            await response.Body.WriteAsync(answer.Body, cancellationToken).ConfigureAwait(false);
        return response;
    }
}
