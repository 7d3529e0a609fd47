namespace Pipeline.Stages.Portal;

/// <summary>
/// What differs between the hosts: whether the principal header can be believed (App Service authentication runs
/// in front of the Functions app; the local host writes the header itself from its development sign-in and drops any
/// a client sent) and where a person signs in and out.
/// </summary>
public sealed record PortalHostSettings(bool PrincipalHeaderTrusted, string SignInUrl, string SignOutUrl)
{
    /// <summary>App Service authentication with Microsoft Entra ID (the provider is named "aad" there).</summary>
    public static PortalHostSettings AppService(bool authEnabled) => new(authEnabled,
        "/.auth/login/aad?post_login_redirect_uri=" + Uri.EscapeDataString(PortalApi.BasePath + "/"),
        "/.auth/logout?post_logout_redirect_uri=" + Uri.EscapeDataString(PortalApi.BasePath + "/"));
}
