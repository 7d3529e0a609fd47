namespace Pipeline.Infra.Tests;

/// <summary>
/// infra/hooks/postprovision.sh (the static website is enabled and answers) and preprovision.sh (a locked archive
/// policy stops the provision with the fix) against stub az/curl.
/// </summary>
public sealed class ProvisionHookTests
{
    private const string AccountId = "/subscriptions/s/resourceGroups/rg-snap/providers/Microsoft.Storage/storageAccounts/stabc";
    private const string WebEndpoint = "https://stabc.z7.web.core.windows.net/";

    private static Dictionary<string, string> Outputs() => new()
    {
        ["AZURE_RESOURCE_GROUP"] = "rg-snap",
        ["AZURE_STORAGE_ACCOUNT_NAME"] = "stabc",
        ["AZURE_STORAGE_ACCOUNT_ID"] = AccountId,
        ["STATIC_WEBSITE_ENDPOINT"] = WebEndpoint,
        ["STATIC_WEBSITE_INDEX_DOCUMENT"] = "index.html",
        ["STATIC_WEBSITE_404_DOCUMENT"] = "404.html",
        ["ARCHIVE_CONTAINER"] = "archive",
        ["STATIC_WEBSITE_ATTEMPTS"] = "3",
        ["STATIC_WEBSITE_RETRY_SECONDS"] = "0",
    };

    [Fact]
    public async Task Enabled_website_is_read_back_through_the_management_plane_and_its_endpoint_checked()
    {
        using var stubs = new HookHarness()
            .Answer("az-rest", 0, "True")
            .Answer("curl", 0, "404");

        var run = await stubs.RunAsync("postprovision.sh", Outputs());

        Assert.True(run.ExitCode == 0, run.Output);
        var read = Assert.Single(run.CallsOf("az [rest]"));
        // A path without a host goes to the Resource Manager endpoint of the signed-in cloud (also Azure China).
        Assert.Contains($"[--url] [{AccountId}/blobServices/default?api-version=2026-04-01]", read, StringComparison.Ordinal);
        Assert.Contains("[properties.staticWebsite.enabled]", read, StringComparison.Ordinal);
        Assert.Empty(run.CallsOf("az [storage]"));
        Assert.Contains($"[{WebEndpoint}]", Assert.Single(run.CallsOf("curl")), StringComparison.Ordinal);
        Assert.Contains("answers (HTTP 404)", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabled_website_is_enabled_with_the_documented_command_and_read_back()
    {
        using var stubs = new HookHarness()
            .Answer("az-rest", 0, "false", call: 1)
            .Answer("az-rest", 0, "true")
            .Answer("az-storage-blob-service-properties-update", 0)
            .Answer("curl", 0, "200");

        var run = await stubs.RunAsync("postprovision.sh", Outputs());

        Assert.True(run.ExitCode == 0, run.Output);
        var update = Assert.Single(run.CallsOf("az [storage] [blob] [service-properties] [update]"));
        foreach (var argument in new[] { "[--account-name] [stabc]", "[--auth-mode] [login]", "[--static-website]", "[--index-document] [index.html]", "[--404-document] [404.html]" })
            Assert.Contains(argument, update, StringComparison.Ordinal);
        Assert.Equal(2, run.CallsOf("az [rest]").Count);
    }

    [Fact]
    public async Task Website_that_cannot_be_enabled_fails_the_provision_with_the_way_out()
    {
        using var stubs = new HookHarness()
            .Answer("az-rest", 0, "")
            .Answer("az-storage-blob-service-properties-update", 1, "ERROR: AuthorizationPermissionMismatch")
            .Answer("az-account-show", 0, "operator@example.gov.cn");

        var run = await stubs.RunAsync("postprovision.sh", Outputs());

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("GRANT_OPERATOR_DATA_ACCESS", run.StandardError, StringComparison.Ordinal);
        Assert.Empty(run.CallsOf("curl"));
    }

    [Fact]
    public async Task Website_still_disabled_after_the_command_fails_the_provision()
    {
        using var stubs = new HookHarness()
            .Answer("az-rest", 0, "false")
            .Answer("az-storage-blob-service-properties-update", 0);

        var run = await stubs.RunAsync("postprovision.sh", Outputs());

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("still reads as not enabled", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Web_endpoint_is_retried_while_it_does_not_resolve_and_then_accepted()
    {
        using var stubs = new HookHarness()
            .Answer("az-rest", 0, "true")
            .Answer("curl", 6, "000", call: 1)
            .Answer("curl", 0, "404");

        var run = await stubs.RunAsync("postprovision.sh", Outputs());

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(2, run.CallsOf("curl").Count);
    }

    [Fact]
    public async Task Web_endpoint_that_never_serves_a_site_fails_after_the_bound()
    {
        using var stubs = new HookHarness()
            .Answer("az-rest", 0, "true")
            .Answer("curl", 0, "400");

        var run = await stubs.RunAsync("postprovision.sh", Outputs());

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(3, run.CallsOf("curl").Count);
        Assert.Contains("did not answer as a static website after 3 attempts (last HTTP status: 400)", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Locked_archive_policy_stops_the_provision_unless_the_template_was_told()
    {
        using var stubs = new HookHarness().Answer("az-storage-container-immutability-policy-show", 0, "Locked");

        var run = await stubs.RunAsync("preprovision.sh", Outputs());

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("azd env set ARCHIVE_RETENTION_LOCKED true", run.StandardError, StringComparison.Ordinal);
        var show = Assert.Single(run.Calls);
        Assert.Contains("[--container-name] [archive]", show, StringComparison.Ordinal);
        Assert.Contains("[--resource-group] [rg-snap]", show, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Locked", "true")]
    [InlineData("Unlocked", "false")]
    [InlineData("Unlocked", "true")]
    public async Task Provision_goes_ahead_when_the_setting_matches_or_the_policy_is_not_locked(string state, string setting)
    {
        using var stubs = new HookHarness().Answer("az-storage-container-immutability-policy-show", 0, state);
        var environment = Outputs();
        environment["ARCHIVE_RETENTION_LOCKED"] = setting;

        var run = await stubs.RunAsync("preprovision.sh", environment);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Single(run.Calls);
    }

    [Fact]
    public async Task After_azd_down_the_missing_account_is_not_an_error()
    {
        using var stubs = new HookHarness().Answer("az-storage-container-immutability-policy-show", 3, "ERROR: (ResourceGroupNotFound)");

        var run = await stubs.RunAsync("preprovision.sh", Outputs());

        Assert.True(run.ExitCode == 0, run.Output);
    }

    [Fact]
    public async Task First_provision_checks_nothing()
    {
        using var stubs = new HookHarness();
        var environment = Outputs();
        environment["AZURE_STORAGE_ACCOUNT_NAME"] = "";

        var run = await stubs.RunAsync("preprovision.sh", environment);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Empty(run.Calls);
    }
}
