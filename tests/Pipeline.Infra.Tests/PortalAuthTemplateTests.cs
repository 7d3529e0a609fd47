using System.Text.Json.Nodes;

namespace Pipeline.Infra.Tests;

/// <summary>
/// The agency portal's Azure side, predicted by `bicep snapshot`: App Service authentication (authsettingsV2) with the
/// app registration only when one is given, requiring sign-in except on the paths that authenticate otherwise, and
/// the blob service's CORS rule that lets the portal's page upload with its one-blob SAS.
/// </summary>
public sealed class PortalAuthTemplateTests
{
    private const string ClientId = "66666666-7777-8888-9999-000000000000";

    private static IEnumerable<JsonObject> AuthSettings(DeploymentSnapshot snapshot) =>
        snapshot.OfType("Microsoft.Web/sites/config").Where(c => c["name"]!.GetValue<string>().EndsWith("/authsettingsV2", StringComparison.Ordinal));

    [Fact]
    public async Task Without_an_app_registration_no_authentication_is_configured()
    {
        var snapshot = await DeploymentSnapshot.OfMainAsync(new Dictionary<string, string>());
        Assert.Empty(AuthSettings(snapshot));
    }

    [Fact]
    public async Task With_an_app_registration_sign_in_is_required_except_for_the_webhook_and_the_operator_endpoints()
    {
        var snapshot = await DeploymentSnapshot.OfMainAsync(new Dictionary<string, string> { ["portalClientId"] = $"'{ClientId}'" });
        var auth = Assert.Single(AuthSettings(snapshot))["properties"]!;

        Assert.True(auth["platform"]!["enabled"]!.GetValue<bool>());
        var validation = auth["globalValidation"]!;
        Assert.True(validation["requireAuthentication"]!.GetValue<bool>());
        Assert.Equal("RedirectToLoginPage", validation["unauthenticatedClientAction"]!.GetValue<string>());
        var excluded = validation["excludedPaths"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        Assert.Equal(["/runtime/webhooks/blobs", "/api/publish", "/api/withdraw", "/api/approve"], excluded);
        // The portal and the status endpoint are never excluded: they read the principal the platform forwards.
        Assert.DoesNotContain(excluded, p => p.StartsWith("/api/portal", StringComparison.Ordinal) || p.StartsWith("/api/status", StringComparison.Ordinal));

        var entra = auth["identityProviders"]!["azureActiveDirectory"]!;
        Assert.True(entra["enabled"]!.GetValue<bool>());
        Assert.Equal(ClientId, entra["registration"]!["clientId"]!.GetValue<string>());
        // The current cloud's login endpoint and the deployment's tenant (left to Resource Manager: the snapshot keeps the
        // expression), version 2.0 tokens: nothing tenant-specific is written into the template.
        Assert.Equal("[format('{0}{1}/v2.0', environment().authentication.loginEndpoint, tenant().tenantId)]", entra["registration"]!["openIdIssuer"]!.GetValue<string>());
        // No secret anywhere: sign-in without one returns the ID token, which carries the app roles.
        Assert.Null(entra["registration"]!["clientSecretSettingName"]);
    }

    [Fact]
    public async Task The_blob_service_lets_the_portal_origin_PUT_uploads_and_nothing_else()
    {
        var snapshot = await DeploymentSnapshot.OfMainAsync(new Dictionary<string, string>());
        var blobService = snapshot.Single("Microsoft.Storage/storageAccounts/blobServices")["properties"]!;
        var rule = Assert.Single(blobService["cors"]!["corsRules"]!.AsArray())!;
        var origin = Assert.Single(rule["allowedOrigins"]!.AsArray())!.GetValue<string>();
        var app = snapshot.Single("Microsoft.Web/sites");
        Assert.Equal($"https://{app["name"]!.GetValue<string>()}.azurewebsites.net", origin);
        Assert.Equal(["PUT", "OPTIONS"], rule["allowedMethods"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Contains("x-ms-blob-type", rule["allowedHeaders"]!.AsArray().Select(h => h!.GetValue<string>()));
        // The static website and versioning are still there: CORS is part of the same blob service properties.
        Assert.True(blobService["staticWebsite"]!["enabled"]!.GetValue<bool>());
        Assert.True(blobService["isVersioningEnabled"]!.GetValue<bool>());

        var custom = await DeploymentSnapshot.OfMainAsync(new Dictionary<string, string> { ["portalOrigin"] = "'https://portal.example.gov.cn'" });
        var customRule = Assert.Single(custom.Single("Microsoft.Storage/storageAccounts/blobServices")["properties"]!["cors"]!["corsRules"]!.AsArray())!;
        Assert.Equal("https://portal.example.gov.cn", Assert.Single(customRule["allowedOrigins"]!.AsArray())!.GetValue<string>());
    }
}
