using Pipeline.Storage;

namespace Pipeline.Stages;

/// <summary>
/// Which agencies a signed-in caller may see: the one place that maps an identity to agency folders, for the status
/// endpoint and any later agency-facing host (a portal). An agency's people get the Microsoft Entra app role
/// <c>Agency.&lt;folder&gt;</c> (e.g. <c>Agency.hebi</c>) of the app registration behind App Service authentication;
/// the folder must be registered in the agency registry (config/agencies.json, table Agencies). Fails closed: no
/// principal, no such role, or a folder the registry does not know gives no agency.
/// </summary>
public sealed class AgencyAccess(AgencyRegistry registry)
{
    /// <summary>Prefix of the app role values that grant an agency (the rest is the agency's folder).</summary>
    public const string RolePrefix = "Agency.";

    /// <summary>The app role value that grants <paramref name="folder"/>.</summary>
    public static string RoleFor(string folder) => RolePrefix + folder;

    /// <summary>The registered agency folders the caller's roles grant (empty when none).</summary>
    public async Task<IReadOnlySet<string>> AgenciesOfAsync(ClientPrincipal? principal, CancellationToken cancellationToken)
    {
        var agencies = new HashSet<string>(StringComparer.Ordinal);
        if (principal is null) return agencies;
        foreach (var role in principal.Roles.Distinct(StringComparer.Ordinal))
        {
            // Ordinal: role values are case-sensitive in Entra ID, and folders are blob name prefixes.
            if (!role.StartsWith(RolePrefix, StringComparison.Ordinal)) continue;
            var folder = role[RolePrefix.Length..];
            if (folder.Length == 0) continue;
            if (await registry.GetAsync(folder, cancellationToken).ConfigureAwait(false) is { } agency && agency.Folder == folder)
                agencies.Add(agency.Folder);
        }
        return agencies;
    }
}
