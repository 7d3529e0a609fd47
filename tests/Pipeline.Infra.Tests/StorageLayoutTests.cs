using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Stages;
using Pipeline.Storage;

namespace Pipeline.Infra.Tests;

/// <summary>The containers, queues and tables Bicep creates are the ones the code uses (Pipeline.Storage.StorageNames).</summary>
public sealed class StorageLayoutTests
{
    private static List<string> Strings(JsonNode node) => node.AsArray().Select(n => n!.GetValue<string>()).ToList();

    [Fact]
    public async Task Containers_are_the_codes_plus_the_event_grid_dead_letter_container()
    {
        var template = await CompiledTemplate.MainAsync();
        var bicep = Strings(template.Variable("containerNames"));
        // $web is created by the static website feature, not as an ordinary container.
        var code = StorageNames.Containers.Where(c => c != StorageNames.WebContainer);

        Assert.Equal(code.Append("eventgrid-deadletter").Order(StringComparer.Ordinal), bicep.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Queues_are_the_codes_plus_the_poison_queues_the_Functions_host_uses()
    {
        var template = await CompiledTemplate.MainAsync();
        var bicep = Strings(template.Variable("queueNames"));
        var expected = StorageNames.Queues.Concat(StorageNames.Queues.Select(q => q + "-poison"));

        Assert.Equal(expected.Order(StringComparer.Ordinal), bicep.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Tables_are_the_codes()
    {
        var template = await CompiledTemplate.MainAsync();
        Assert.Equal(StorageNames.Tables.Order(StringComparer.Ordinal), Strings(template.Variable("tableNames")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Static_website_serves_the_documents_the_provisioner_expects()
    {
        var template = await CompiledTemplate.MainAsync();
        Assert.Equal(StorageProvisioner.NotFoundDocument, template.Variable("notFoundDocumentPath").GetValue<string>());
        Assert.Equal(StorageProvisioner.IndexDocument, template.Variable("indexDocument").GetValue<string>());
    }

    [Fact]
    public async Task Host_gives_up_a_render_message_after_as_many_attempts_as_the_pipeline_expects()
    {
        var hostJson = JsonNode.Parse(await File.ReadAllTextAsync(Repository.PathOf("functions", "Pipeline.Functions", "host.json")))!;
        var maxDequeueCount = hostJson["extensions"]!["queues"]!["maxDequeueCount"]!.GetValue<int>();
        var template = await CompiledTemplate.MainAsync();

        Assert.Equal(new PipelineOptions().MaxRenderAttempts, maxDequeueCount);
        Assert.Equal(maxDequeueCount, template.ParameterDefault("maxRenderAttempts")!.GetValue<int>());
        Assert.Equal("base64", hostJson["extensions"]!["queues"]!["messageEncoding"]!.GetValue<string>());
    }

    [Fact]
    public async Task Storage_account_refuses_shared_keys_public_blobs_and_old_TLS()
    {
        var storage = await Repository.RunAsync(Repository.Bicep, ["build", "infra/modules/storage.bicep", "--stdout"], Repository.Root);
        var resources = JsonNode.Parse(storage.StandardOutput)!["resources"]!;
        // languageVersion 2.0 templates keep resources as an object keyed by symbolic name.
        var all = resources is JsonObject byName ? byName.Select(p => p.Value) : resources.AsArray();
        var account = all.Single(r => r!["type"]!.GetValue<string>() == "Microsoft.Storage/storageAccounts")!["properties"]!;

        Assert.False(account["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(account["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.True(account["supportsHttpsTrafficOnly"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", account["minimumTlsVersion"]!.GetValue<string>());
    }
}
