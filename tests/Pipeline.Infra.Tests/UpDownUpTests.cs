namespace Pipeline.Infra.Tests;

/// <summary>
/// `azd up`, `azd down`, `azd up` as a scripted dry run: the three hooks in azd's order, twice, against stub az/curl
/// whose answers follow the state of the (imaginary) subscription. What `azd provision` itself creates in between is
/// covered by <see cref="DeploymentScenarioTests"/>: it never depends on the app, so it cannot fail on a missing key.
/// </summary>
public sealed class UpDownUpTests
{
    private static Dictionary<string, string> Outputs() => new()
    {
        ["AZURE_RESOURCE_GROUP"] = "rg-snap",
        ["AZURE_STORAGE_ACCOUNT_NAME"] = "stabc",
        ["AZURE_STORAGE_ACCOUNT_ID"] = "/subscriptions/s/resourceGroups/rg-snap/providers/Microsoft.Storage/storageAccounts/stabc",
        ["STATIC_WEBSITE_ENDPOINT"] = "https://stabc.z7.web.core.windows.net/",
        ["STATIC_WEBSITE_INDEX_DOCUMENT"] = "index.html",
        ["STATIC_WEBSITE_404_DOCUMENT"] = "404.html",
        ["ARCHIVE_CONTAINER"] = "archive",
        ["AZURE_FUNCTION_APP_NAME"] = "func-abc",
        ["AZURE_FUNCTION_APP_HOST_NAME"] = "func-abc-x1.eastasia-01.azurewebsites.net",
        ["AZURE_EVENTGRID_SYSTEM_TOPIC_NAME"] = "evgt-abc",
        ["UPLOAD_EVENTS_CONTAINER"] = "incoming",
        ["UPLOAD_EVENTS_FUNCTION"] = "ValidateUpload",
        ["EVENTGRID_DEADLETTER_CONTAINER"] = "eventgrid-deadletter",
        ["UPLOAD_EVENTS_RETRY_SECONDS"] = "0",
        ["STATIC_WEBSITE_RETRY_SECONDS"] = "0",
    };

    [Fact]
    public async Task Up_then_down_then_up_again_succeeds_with_the_same_steps()
    {
        // First `azd up`: nothing provisioned yet (no outputs), a cold host without a key for two checks.
        using (var first = new HookHarness()
                   .Answer("az-rest", 0, "true")
                   .Answer("curl", 0, "404", call: 1)
                   .Answer("az-functionapp-keys-list", 0, "", call: 1)
                   .Answer("az-functionapp-keys-list", 0, "", call: 2)
                   .Answer("az-functionapp-keys-list", 0, "key-1")
                   .Answer("curl", 0, "@echo-validation")
                   .Answer("az-deployment-group-create", 0))
        {
            var before = await first.RunAsync("preprovision.sh", new Dictionary<string, string> { ["AZURE_STORAGE_ACCOUNT_NAME"] = "" });
            var site = await first.RunAsync("postprovision.sh", Outputs());
            var events = await first.RunAsync("postdeploy.sh", Outputs());

            Assert.True(before.ExitCode == 0, before.Output);
            Assert.True(site.ExitCode == 0, site.Output);
            Assert.True(events.ExitCode == 0, events.Output);
            Assert.Single(events.CallsOf("az [deployment]"));
        }

        // `azd down` deleted the resource group; the azd environment keeps the old outputs and settings. Second `azd up`.
        using var second = new HookHarness()
            .Answer("az-storage-container-immutability-policy-show", 3, "ERROR: (ResourceGroupNotFound)")
            .Answer("az-rest", 0, "true")
            .Answer("curl", 0, "404", call: 1)
            .Answer("az-functionapp-keys-list", 0, "", call: 1)
            .Answer("az-functionapp-keys-list", 0, "key-2")
            .Answer("curl", 0, "@echo-validation")
            .Answer("az-deployment-group-create", 0);
        var environment = Outputs();
        var preprovision = await second.RunAsync("preprovision.sh", environment);
        var postprovision = await second.RunAsync("postprovision.sh", environment);
        var postdeploy = await second.RunAsync("postdeploy.sh", environment);

        Assert.True(preprovision.ExitCode == 0, preprovision.Output);
        Assert.True(postprovision.ExitCode == 0, postprovision.Output);
        Assert.True(postdeploy.ExitCode == 0, postdeploy.Output);
        // The subscription is created only after the new host has its key and answers, and azd is never re-entered.
        var calls = postdeploy.Calls;
        var deployment = calls.ToList().FindIndex(c => c.StartsWith("az [deployment]", StringComparison.Ordinal));
        var handshake = calls.ToList().FindIndex(c => c.StartsWith("curl", StringComparison.Ordinal) && c.Contains("SubscriptionValidation", StringComparison.Ordinal));
        Assert.True(handshake >= 0 && deployment > handshake, string.Join('\n', calls));
        Assert.Empty(postdeploy.CallsOf("azd"));
    }
}
