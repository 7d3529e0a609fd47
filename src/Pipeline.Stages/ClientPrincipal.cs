using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Stages;

/// <summary>One claim of a <see cref="ClientPrincipal"/> ("typ" and "val" in the App Service header).</summary>
public sealed record PrincipalClaim([property: JsonPropertyName("typ")] string? Type, [property: JsonPropertyName("val")] string? Value);

/// <summary>
/// The signed-in caller as App Service authentication ("Easy Auth") hands it to an app behind it: the request header
/// <see cref="HeaderName"/> holds Base64 JSON <c>{"auth_typ", "name_typ", "role_typ", "claims": [{"typ", "val"}]}</c>.
/// The platform sets that header itself and drops any copy a client sends, but only where authentication is
/// enabled (<see cref="AuthEnabledSetting"/>); elsewhere the header is whatever the client wrote, so hosts must
/// check <see cref="IsTrusted"/> before reading it. Host-neutral: the Functions app and a web portal on App Service
/// read the same header.
/// </summary>
public sealed record ClientPrincipal(
    [property: JsonPropertyName("auth_typ")] string? IdentityProvider,
    [property: JsonPropertyName("name_typ")] string? NameClaimType,
    [property: JsonPropertyName("role_typ")] string? RoleClaimType,
    [property: JsonPropertyName("claims")] IReadOnlyList<PrincipalClaim>? Claims)
{
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>App Service sets this to "True" when its authentication module runs in front of the app.</summary>
    public const string AuthEnabledSetting = "WEBSITE_AUTH_ENABLED";

    /// <summary>Longer headers are refused unread (Entra ID tokens with many claims stay far below this).</summary>
    public const int MaxHeaderLength = 64 * 1024;

    /// <summary>The claim type of app roles in Microsoft Entra ID tokens, used when the header names none.</summary>
    public const string DefaultRoleClaimType = "roles";

    /// <summary>True when the header can be believed: the platform's authentication module wrote it.</summary>
    public static bool IsTrusted(string? authEnabledSetting) =>
        string.Equals(authEnabledSetting?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The values of the caller's role claims (the header's role_typ, or "roles").</summary>
    public IEnumerable<string> Roles
    {
        get
        {
            var roleType = string.IsNullOrWhiteSpace(RoleClaimType) ? DefaultRoleClaimType : RoleClaimType;
            return (Claims ?? [])
                .Where(c => c.Value is { Length: > 0 } && (string.Equals(c.Type, roleType, StringComparison.Ordinal) || string.Equals(c.Type, DefaultRoleClaimType, StringComparison.Ordinal)))
                .Select(c => c.Value!);
        }
    }

    /// <summary>The caller's name (the header's name_typ claim), for logs.</summary>
    public string? Name => string.IsNullOrWhiteSpace(NameClaimType) ? null : Claims?.FirstOrDefault(c => c.Type == NameClaimType)?.Value;

    /// <summary>The principal in a header value, or null when it is missing, too long, not Base64 or not that JSON.</summary>
    public static ClientPrincipal? FromHeader(string? headerValue)
    {
        if (string.IsNullOrWhiteSpace(headerValue) || headerValue.Length > MaxHeaderLength) return null;
        var buffer = new byte[headerValue.Length];
        if (!Convert.TryFromBase64String(headerValue.Trim(), buffer, out var length)) return null;
        try
        {
            var principal = JsonSerializer.Deserialize(buffer.AsSpan(0, length), ClientPrincipalJsonContext.Default.ClientPrincipal);
            return principal is { IdentityProvider.Length: > 0 } ? principal : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The header value for this principal (what App Service sends; tests and local tools build it).</summary>
    public string ToHeader() => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(this, ClientPrincipalJsonContext.Default.ClientPrincipal)));
}
