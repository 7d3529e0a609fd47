namespace Pipeline.Infra.Tests;

/// <summary>
/// infra/hooks/postdeploy.sh against stub az/curl/azd: the upload-events subscription is deployed only after the
/// blobs_extension key exists and the deployed host answers the validation handshake, with a bounded retry, at the
/// deployed host name; `azd provision` is never run again.
/// </summary>
public sealed class PostdeployHookTests
{
    private const string Key = "k3y-that-must-not-leak";
    private const string HostName = "func-abc-d4e5f6.eastasia-01.azurewebsites.net";

    private static Dictionary<string, string> Outputs() => new()
    {
        ["AZURE_RESOURCE_GROUP"] = "rg-snap",
        ["AZURE_STORAGE_ACCOUNT_NAME"] = "stabc",
        ["AZURE_FUNCTION_APP_NAME"] = "func-abc",
        ["AZURE_FUNCTION_APP_HOST_NAME"] = HostName,
        ["AZURE_EVENTGRID_SYSTEM_TOPIC_NAME"] = "evgt-abc",
        ["UPLOAD_EVENTS_CONTAINER"] = "incoming",
        ["UPLOAD_EVENTS_FUNCTION"] = "ValidateUpload",
        ["EVENTGRID_DEADLETTER_CONTAINER"] = "eventgrid-deadletter",
        ["UPLOAD_EVENTS_ATTEMPTS"] = "4",
        ["UPLOAD_EVENTS_RETRY_SECONDS"] = "0",
    };

    [Fact]
    public async Task Ready_app_gets_the_subscription_at_its_deployed_host_name_without_a_second_provision()
    {
        using var stubs = new HookHarness()
            .Answer("az-functionapp-keys-list", 0, Key)
            .Answer("curl", 0, "@echo-validation")
            .Answer("az-deployment-group-create", 0);

        var run = await stubs.RunAsync("postdeploy.sh", Outputs());

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains($"Upload events wired: incoming/ -> ValidateUpload on {HostName}", run.StandardOutput, StringComparison.Ordinal);
        var handshake = Assert.Single(run.CallsOf("curl"));
        Assert.Contains("[aeg-event-type: SubscriptionValidation]", handshake, StringComparison.Ordinal);
        Assert.Contains($"stdin[url = \"https://{HostName}/runtime/webhooks/blobs?functionName=Host.Functions.ValidateUpload&code={Key}\"]", handshake, StringComparison.Ordinal);
        var deployment = Assert.Single(run.CallsOf("az [deployment] [group] [create]"));
        Assert.Contains("[--resource-group] [rg-snap]", deployment, StringComparison.Ordinal);
        Assert.Contains("upload-events.bicep]", deployment, StringComparison.Ordinal);
        foreach (var parameter in new[] { "systemTopicName=evgt-abc", "storageAccountName=stabc", "functionAppName=func-abc",
                     "incomingContainerName=incoming", "functionName=ValidateUpload", "deadLetterContainerName=eventgrid-deadletter" })
            Assert.Contains($"[{parameter}]", deployment, StringComparison.Ordinal);
        // The old hook re-provisioned the whole template (rewriting app settings, restarting the app) to create it.
        Assert.Empty(run.CallsOf("azd"));
        // The key is only ever in curl's standard input, never on a command line.
        Assert.DoesNotContain(run.Calls, c => c.Replace(handshake, "", StringComparison.Ordinal).Contains(Key, StringComparison.Ordinal));
        Assert.DoesNotContain($"[{Key}]", handshake, StringComparison.Ordinal);
        Assert.DoesNotContain("func-abc.azurewebsites.net", string.Join('\n', run.Calls), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waits_for_the_blobs_extension_key_before_anything_else()
    {
        using var stubs = new HookHarness()
            .Answer("az-functionapp-keys-list", 0, "", call: 1)
            .Answer("az-functionapp-keys-list", 3, "ERROR: (NotFound) host not started", call: 2)
            .Answer("az-functionapp-keys-list", 0, Key)
            .Answer("curl", 0, "@echo-validation")
            .Answer("az-deployment-group-create", 0);

        var run = await stubs.RunAsync("postdeploy.sh", Outputs());

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(3, run.CallsOf("az [functionapp] [keys] [list]").Count);
        Assert.Single(run.CallsOf("curl"));
        Assert.Single(run.CallsOf("az [deployment]"));
        Assert.Contains("attempt 2 of 4: the host has no blobs_extension key yet", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Never_creates_the_subscription_while_the_host_does_not_answer_and_gives_up_after_the_bound()
    {
        using var stubs = new HookHarness()
            .Answer("az-functionapp-keys-list", 0, Key)
            .Answer("curl", 0, "<html>Function host is not running.</html>");

        var run = await stubs.RunAsync("postdeploy.sh", Outputs());

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(4, run.CallsOf("curl").Count);
        Assert.Empty(run.CallsOf("az [deployment]"));
        Assert.Contains("upload events NOT wired after 4 attempts", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("azd hooks run postdeploy", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_handshake_answered_with_the_wrong_code_does_not_count()
    {
        using var stubs = new HookHarness()
            .Answer("az-functionapp-keys-list", 0, Key)
            .Answer("curl", 0, "{\"validationResponse\":\"someone-else\"}");

        var environment = Outputs();
        environment["UPLOAD_EVENTS_ATTEMPTS"] = "2";
        var run = await stubs.RunAsync("postdeploy.sh", environment);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.CallsOf("az [deployment]"));
    }

    [Fact]
    public async Task A_validation_that_loses_the_race_with_a_restart_is_retried()
    {
        using var stubs = new HookHarness()
            .Answer("az-functionapp-keys-list", 0, Key)
            .Answer("curl", 0, "@echo-validation")
            .Answer("az-deployment-group-create", 1, "ERROR: Webhook validation handshake failed", call: 1)
            .Answer("az-deployment-group-create", 0);

        var run = await stubs.RunAsync("postdeploy.sh", Outputs());

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(2, run.CallsOf("az [deployment]").Count);
        // The handshake is checked again before the second attempt.
        Assert.Equal(2, run.CallsOf("curl").Count);
    }

    [Fact]
    public async Task Running_again_after_azd_down_and_up_deploys_the_same_named_deployment()
    {
        using var stubs = new HookHarness()
            .Answer("az-functionapp-keys-list", 0, Key)
            .Answer("curl", 0, "@echo-validation")
            .Answer("az-deployment-group-create", 0);

        var first = await stubs.RunAsync("postdeploy.sh", Outputs());
        var second = await stubs.RunAsync("postdeploy.sh", Outputs());

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        var deployments = second.CallsOf("az [deployment]");
        Assert.Equal(2, deployments.Count);
        Assert.All(deployments, d => Assert.Contains("[--name] [upload-events]", d, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_outputs_stop_the_hook_before_any_call()
    {
        using var stubs = new HookHarness();
        var environment = Outputs();
        environment["AZURE_FUNCTION_APP_HOST_NAME"] = "";

        var run = await stubs.RunAsync("postdeploy.sh", environment);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("AZURE_FUNCTION_APP_HOST_NAME is not set", run.StandardError, StringComparison.Ordinal);
        Assert.Empty(run.Calls);
    }
}
