using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pipeline.Stages;
using Pipeline.Stages.Portal;
using Pipeline.Storage;

namespace Pipeline.Cli.Hosting;

/// <summary>
/// The agency portal in the local host (`pipeline run`): <see cref="PortalApi"/> under /api/portal, the same code the
/// Functions app runs, plus a development sign-in that stands in for App Service authentication. Like Easy Auth, it
/// keeps the session in a cookie and hands the app an <c>X-MS-CLIENT-PRINCIPAL</c> header it builds itself; any such
/// header a client sends is dropped first. The development sign-in exists only here: the Functions app has no such
/// route, and the local host listens on 127.0.0.1 only.
/// </summary>
public sealed class LocalPortalServer(PortalApi portal, AgencyRegistry registry, ILogger<LocalPortalServer> logger)
{
    public const string SignInPath = "/.auth/login/dev";
    public const string SignOutPath = "/.auth/logout";
    public const string SessionCookie = "PipelineDevPrincipal";

    private static readonly PortalHostSettings Settings = new(true, SignInPath, SignOutPath);

    /// <summary>True when the request was the portal's or the sign-in's (answered); false to let the site server have it.</summary>
    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path.Equals(SignInPath, StringComparison.Ordinal)) { await SignInAsync(context); return true; }
        if (path.Equals(SignOutPath, StringComparison.Ordinal)) { SignOut(context); return true; }
        if (!path.Equals(PortalApi.BasePath, StringComparison.Ordinal) && !path.StartsWith(PortalApi.BasePath + "/", StringComparison.Ordinal)) return false;

        // As App Service does: whatever principal header the client sent is gone; the session's principal replaces it.
        context.Request.Headers.Remove(ClientPrincipal.HeaderName);
        if (context.Request.Cookies.TryGetValue(SessionCookie, out var session) && ClientPrincipal.FromHeader(session) is not null)
            context.Request.Headers[ClientPrincipal.HeaderName] = session;

        var body = await ReadBodyAsync(context.Request, PortalApi.MaxBodyBytes, context.RequestAborted);
        var request = new PortalRequest(
            context.Request.Method,
            path[PortalApi.BasePath.Length..],
            context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
            name => context.Request.Headers.TryGetValue(name, out var value) ? value.ToString() : null,
            body,
            context.Request.Host.Value ?? "");
        var response = await portal.HandleAsync(request, Settings, context.RequestAborted);
        context.Response.StatusCode = response.Status;
        context.Response.ContentType = response.ContentType;
        foreach (var (name, value) in response.Headers) context.Response.Headers[name] = value;
        if (!HttpMethods.IsHead(context.Request.Method)) await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
        return true;
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            // Too large: hand over an oversized marker the portal refuses as a bad body.
            if (buffer.Length + read > limit) return new byte[limit + 1];
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// GET: a form (name, roles). POST: a principal with those roles, as Entra ID would put them in the token, kept in an
    /// HttpOnly, SameSite=Strict cookie. Any role may be typed, so every case (no agency, two agencies, an unknown folder)
    /// can be tried locally; the portal still grants only registered folders.
    /// </summary>
    private async Task SignInAsync(HttpContext context)
    {
        if (HttpMethods.IsPost(context.Request.Method))
        {
            // Login CSRF: only the form of this page may sign someone in.
            if (context.Request.Headers.Origin is { Count: > 0 } origin && !string.Equals(new Uri(origin.ToString()).Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase)
                || !context.Request.HasFormContentType)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var name = form["name"].ToString().Trim();
            var roles = form["roles"].ToString().Split([' ', ',', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var principal = new ClientPrincipal("aad", "name", "roles",
                [new PrincipalClaim("name", name.Length == 0 ? "开发测试用户" : name), .. roles.Select(r => new PrincipalClaim("roles", r))]);
            context.Response.Cookies.Append(SessionCookie, principal.ToHeader(), new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
            logger.LogInformation("Development sign-in as {Name} with roles {Roles}", name, string.Join(' ', roles));
            context.Response.Redirect(PortalApi.BasePath + "/");
            return;
        }
        var agencies = await registry.ListAsync(context.RequestAborted);
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>开发用登录 - 机构报告上传</title>\n</head>\n<body>\n<main>\n<h1>开发用登录(仅限本机)</h1>\n")
            .Append("<p>本页代替 Azure 中的 Microsoft Entra ID 登录,只在本机的 <code>pipeline run</code> 中存在。角色 <code>Agency.&lt;机构目录&gt;</code> 决定可以上传和查看哪个机构的报告。</p>\n")
            .Append("<form method=\"post\" action=\"").Append(SignInPath).Append("\">\n")
            .Append("<p><label for=\"name\">姓名</label><br><input id=\"name\" name=\"name\" autocomplete=\"name\"></p>\n")
            .Append("<p><label for=\"roles\">角色(空格分隔)</label><br><input id=\"roles\" name=\"roles\" list=\"known-roles\" size=\"40\"></p>\n<datalist id=\"known-roles\">\n");
        foreach (var agency in agencies)
            html.Append("<option value=\"").Append(WebUtility.HtmlEncode(AgencyAccess.RoleFor(agency.Folder))).Append("\">").Append(WebUtility.HtmlEncode(agency.PublisherName)).Append("</option>\n");
        html.Append("</datalist>\n<p><button type=\"submit\">登录</button></p>\n</form>\n</main>\n</body>\n</html>\n");
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(html.ToString(), context.RequestAborted);
    }

    private static void SignOut(HttpContext context)
    {
        context.Response.Cookies.Delete(SessionCookie, new CookieOptions { Path = "/" });
        context.Response.Redirect(PortalApi.BasePath + "/");
    }
}
