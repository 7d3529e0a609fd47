using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Azure.WebJobs;
using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Stages;
using Pipeline.Storage;

namespace Pipeline.Functions.Tests;

/// <summary>
/// The deployment package says what the Functions host will run: every function with its trigger, and the extensions
/// it loads. The other places that name these (infra/, host.json, the README, the WebJobs test host) must agree.
/// </summary>
public sealed class MetadataTests(DeploymentPackage package) : IClassFixture<DeploymentPackage>
{
    /// <summary>Every function with its trigger: type, then the properties the host reads.</summary>
    private static readonly Dictionary<string, (string Type, Dictionary<string, string> Properties)> Expected = new()
    {
        [ValidateUploadFunction.Name] = ("blobTrigger", new() { ["path"] = "incoming/{agency}/{name}", ["source"] = "EventGrid", ["connection"] = PipelineOptions.StorageKey }),
        [RenderFunctions.RenderName] = ("queueTrigger", new() { ["queueName"] = "render", ["connection"] = PipelineOptions.StorageKey }),
        [RenderFunctions.PoisonName] = ("queueTrigger", new() { ["queueName"] = "render-poison", ["connection"] = PipelineOptions.StorageKey }),
        [PublishSiteFunction.Name] = ("timerTrigger", new() { ["schedule"] = "%PublishSchedule%", ["useMonitor"] = "true" }),
        [StatusFunction.Name] = ("httpTrigger", new() { ["authLevel"] = "Anonymous", ["methods"] = "get", ["route"] = "status/{*indexCode}" }),
        [PortalFunction.Name] = ("httpTrigger", new() { ["authLevel"] = "Anonymous", ["methods"] = "get,head,post", ["route"] = "portal/{*path}" }),
        [AdminFunctions.PublishName] = ("httpTrigger", new() { ["authLevel"] = "Admin", ["methods"] = "post", ["route"] = "publish" }),
        [AdminFunctions.WithdrawName] = ("httpTrigger", new() { ["authLevel"] = "Admin", ["methods"] = "post", ["route"] = "withdraw" }),
        [AdminFunctions.ApproveName] = ("httpTrigger", new() { ["authLevel"] = "Admin", ["methods"] = "post", ["route"] = "approve" }),
    };

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonArray array => string.Join(",", array.Select(Text)),
        JsonValue value when value.TryGetValue<bool>(out var b) => b ? "true" : "false",
        _ => node.ToString(),
    };

    [Fact]
    public void Functions_metadata_lists_every_function_with_its_trigger()
    {
        Assert.Equal(Expected.Keys.Order(), package.Functions.Select(f => (string)f!["name"]!).Order());
        foreach (var (name, (type, properties)) in Expected)
        {
            var function = package.Function(name);
            Assert.Equal("dotnet-isolated", (string?)function["language"]);
            Assert.Equal("Pipeline.Functions.dll", (string?)function["scriptFile"]);
            var trigger = DeploymentPackage.Trigger(function);
            Assert.Equal(type, (string?)trigger["type"]);
            foreach (var (key, value) in properties)
                Assert.True(value == Text(trigger[key]), $"{name}: {key} is '{Text(trigger[key])}', expected '{value}'");
        }
        Assert.Equal(StorageNames.RenderQueue, Text(DeploymentPackage.Trigger(package.Function(RenderFunctions.RenderName))["queueName"]));
    }

    [Fact]
    public void Worker_config_starts_the_published_worker()
    {
        var description = package.WorkerConfig["description"]!;
        Assert.Equal("dotnet-isolated", (string?)description["language"]);
        Assert.Equal("dotnet", (string?)description["defaultExecutablePath"]);
        var worker = (string)description["defaultWorkerPath"]!;
        Assert.Equal("Pipeline.Functions.dll", worker);
        Assert.True(File.Exists(Path.Combine(package.Folder, worker)), $"{worker} is not in the package");
        Assert.Equal("true", Text(description["workerIndexing"]));
        // The registry seed and host.json ship with the app.
        Assert.True(File.Exists(Path.Combine(package.Folder, "config", "agencies.json")));
        Assert.False(File.Exists(Path.Combine(package.Folder, "local.settings.json")));
    }

    [Fact]
    public void Extensions_json_loads_the_blob_and_queue_extensions_the_test_host_runs()
    {
        var extensions = package.Extensions["extensions"]!.AsArray().Select(e => e!.AsObject()).ToDictionary(e => (string)e["name"]!);
        Assert.Equal(["AzureStorageBlobs", "AzureStorageQueues", "Startup"], extensions.Keys.Order());
        foreach (var (name, assembly) in new[] { ("AzureStorageBlobs", typeof(BlobTriggerAttribute).Assembly), ("AzureStorageQueues", typeof(QueueTriggerAttribute).Assembly) })
        {
            var typeName = (string)extensions[name]["typeName"]!;
            var hint = (string)extensions[name]["hintPath"]!;
            Assert.True(File.Exists(Path.Combine(package.Folder, hint)), $"{name}: {hint} is not in the package");
            // Same assembly and version as the WebJobs extension the trigger tests run.
            Assert.Contains($", {assembly.GetName().Name}, Version={assembly.GetName().Version}", typeName, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Event_Grid_subscription_names_the_blob_triggered_function()
    {
        var blobFunctions = package.Functions.Select(f => f!.AsObject()).Where(f => (string?)DeploymentPackage.Trigger(f)["type"] == "blobTrigger").ToList();
        var eventGrid = Assert.Single(blobFunctions);
        Assert.Equal("EventGrid", (string?)DeploymentPackage.Trigger(eventGrid)["source"]);
        Assert.Equal("Host.Functions." + (string)eventGrid["name"]!, InfraNames.EventGridFunctionName());
    }

    [Fact]
    public void Host_json_in_the_package_sets_what_the_triggers_rely_on()
    {
        var queues = package.HostJson["extensions"]!["queues"]!;
        // The stages write Base64 messages (QueueMessageEncoding.Base64); the trigger must decode them so.
        Assert.Equal("base64", (string?)queues["messageEncoding"]);
        var maxDequeueCount = (int)queues["maxDequeueCount"]!;
        Assert.InRange(maxDequeueCount, 2, 10);
        Assert.NotNull(package.HostJson["extensions"]!["blobs"]!["poisonBlobThreshold"]);
        // The package's host.json is the repository's (the one the trigger tests configure their host from).
        Assert.Equal(JsonNode.Parse(File.ReadAllText(Pipeline.Functions.Tests.WebJobs.WebJobsTestHost.AppHostJsonPath))!.ToJsonString(), package.HostJson.ToJsonString());
    }

    [Fact]
    public void The_test_hosts_bindings_are_the_packages()
    {
        // Host.Functions (the WebJobs SDK host of the trigger tests) must bind what the Functions host will bind.
        foreach (var method in typeof(global::Host.Functions).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            var name = method.GetCustomAttribute<FunctionNameAttribute>()!.Name;
            Assert.Equal(name, method.Name);
            var trigger = DeploymentPackage.Trigger(package.Function(name));
            var attribute = method.GetParameters()[0].GetCustomAttributes().Single();
            switch (attribute)
            {
                case BlobTriggerAttribute blob:
                    Assert.Equal(Text(trigger["path"]), blob.BlobPath);
                    Assert.Equal(Text(trigger["source"]), blob.Source.ToString());
                    Assert.Equal(Text(trigger["connection"]), blob.Connection);
                    break;
                case QueueTriggerAttribute queue:
                    Assert.Equal(Text(trigger["queueName"]), queue.QueueName);
                    Assert.Equal(Text(trigger["connection"]), queue.Connection);
                    break;
                case TimerTriggerAttribute timer:
                    Assert.Equal(Text(trigger["schedule"]), timer.ScheduleExpression);
                    Assert.Equal(Text(trigger["useMonitor"]), timer.UseMonitor ? "true" : "false");
                    break;
                default:
                    throw new Xunit.Sdk.XunitException($"{name}: unexpected trigger {attribute.GetType().Name}");
            }
        }
        var nonHttp = package.Functions.Select(f => f!.AsObject()).Where(f => (string?)DeploymentPackage.Trigger(f)["type"] != "httpTrigger").Select(f => (string)f["name"]!);
        Assert.Equal(nonHttp.Order(), typeof(global::Host.Functions).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => m.Name).Order());
    }

    [Fact]
    public void README_table_of_functions_matches_the_package()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var section = readme[readme.IndexOf("### Functions and endpoints", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n\n", section.IndexOf("| --- |", StringComparison.Ordinal), StringComparison.Ordinal)];
        // "| `Name` | trigger | calls |"; a "|" inside a cell is written "\|".
        var rows = section.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Split(" | "))
            .ToDictionary(cells => cells[0].Trim('|', ' ', '`'), cells => cells[1]);
        Assert.Equal(package.Functions.Select(f => (string)f!["name"]!).Order(), rows.Keys.Order());

        var maxDequeueCount = (int)package.HostJson["extensions"]!["queues"]!["maxDequeueCount"]!;
        foreach (var function in package.Functions.Select(f => f!.AsObject()))
        {
            var name = (string)function["name"]!;
            var trigger = DeploymentPackage.Trigger(function);
            var row = rows[name];
            string[] mentions = (string)trigger["type"]! switch
            {
                "blobTrigger" => [$"blob `{Text(trigger["path"])}`", "Event Grid"],
                "queueTrigger" => [$"queue `{Text(trigger["queueName"])}`"],
                "timerTrigger" => [$"timer `{Text(trigger["schedule"])}`", "UseMonitor"],
                "httpTrigger" => [$"{Text(trigger["methods"]).ToUpperInvariant()} /api/{Text(trigger["route"]).Split('{')[0].TrimEnd('/')}",
                    Text(trigger["authLevel"]) == "Admin" ? "admin key" : "App Service authentication"],
                var other => throw new Xunit.Sdk.XunitException($"{name}: trigger {other}"),
            };
            foreach (var mention in mentions)
                Assert.True(row.Contains(mention, StringComparison.Ordinal), $"README row of {name} does not say '{mention}': {row}");
        }
        Assert.Contains($"after {maxDequeueCount} failed attempts", rows[RenderFunctions.PoisonName], StringComparison.Ordinal);
    }
}
