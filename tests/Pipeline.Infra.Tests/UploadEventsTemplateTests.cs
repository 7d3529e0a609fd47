using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pipeline.Infra.Tests;

/// <summary>
/// infra/upload-events.bicep, the subscription the postdeploy hook deploys: it targets the app's deployed host name,
/// takes every name from main.bicep's outputs (through the hook), and keeps the subscription's safety settings.
/// </summary>
public sealed partial class UploadEventsTemplateTests
{
    private static async Task<JsonObject> CompileAsync()
    {
        var result = await Repository.RunAsync(Repository.Bicep, ["build", "infra/upload-events.bicep", "--stdout"], Repository.Root);
        Assert.True(result.ExitCode == 0, result.StandardError);
        return JsonNode.Parse(result.StandardOutput)!.AsObject();
    }

    [Fact]
    public async Task Subscription_delivers_new_incoming_blobs_to_the_deployed_host_name_and_dead_letters_with_the_topic_identity()
    {
        var template = await CompileAsync();
        var subscription = Assert.Single(template["resources"]!.AsArray())!;
        var properties = subscription["properties"]!;
        var endpoint = properties["destination"]!["properties"]!["endpointUrl"]!.GetValue<string>();

        Assert.Equal("Microsoft.EventGrid/systemTopics/eventSubscriptions", subscription["type"]!.GetValue<string>());
        Assert.Contains("reference(resourceId('Microsoft.Web/sites', parameters('functionAppName')), '2025-03-01').defaultHostName", endpoint, StringComparison.Ordinal);
        Assert.DoesNotContain("azurewebsites.net", endpoint, StringComparison.Ordinal);
        Assert.Contains("systemKeys.blobs_extension", endpoint, StringComparison.Ordinal);
        Assert.Equal("[format('/blobServices/default/containers/{0}/', parameters('incomingContainerName'))]",
            properties["filter"]!["subjectBeginsWith"]!.GetValue<string>());
        Assert.Equal(["Microsoft.Storage.BlobCreated"], properties["filter"]!["includedEventTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("SystemAssigned", properties["deadLetterWithResourceIdentity"]!["identity"]!["type"]!.GetValue<string>());
        Assert.Equal(1440, properties["retryPolicy"]!["eventTimeToLiveInMinutes"]!.GetValue<int>());
    }

    [Fact]
    public async Task Hook_passes_every_parameter_from_an_output_of_main_bicep()
    {
        var template = await CompileAsync();
        var declared = template["parameters"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!);
        // No defaults: a name decided in main.bicep cannot silently differ here.
        Assert.All(declared, p => Assert.Null(p.Value["defaultValue"]));

        var hook = await File.ReadAllTextAsync(Path.Combine(Repository.Infra, "hooks", "postdeploy.sh"));
        var passed = PassedParameter().Matches(hook).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Equal(declared.Keys.Order(StringComparer.Ordinal), passed.Keys.Order(StringComparer.Ordinal));

        var main = await CompiledTemplate.MainAsync();
        var outputs = main.Root["outputs"]!.AsObject().Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        Assert.All(passed.Values, variable => Assert.Contains(variable, outputs));
    }

    [Fact]
    public async Task Names_the_hook_passes_are_the_ones_main_bicep_creates()
    {
        var main = await CompiledTemplate.MainAsync();
        Assert.Equal(main.Variable("incomingContainerName").GetValue<string>(), main.Output("UPLOAD_EVENTS_CONTAINER").GetValue<string>());
        Assert.Equal(main.Variable("deadLetterContainerName").GetValue<string>(), main.Output("EVENTGRID_DEADLETTER_CONTAINER").GetValue<string>());
        Assert.Contains(main.Output("EVENTGRID_DEADLETTER_CONTAINER").GetValue<string>(),
            main.Variable("containerNames").AsArray().Select(c => c!.GetValue<string>()));
    }

    [GeneratedRegex("""(\w+)="\$([A-Z_]+)"(?=[ \\\n])""")]
    private static partial Regex PassedParameter();
}
