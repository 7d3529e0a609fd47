using System.Text.RegularExpressions;
using Pipeline.Integration.Tests.Infrastructure;

namespace Pipeline.Functions.Tests;

/// <summary>Names the infrastructure gives the app, read from infra/ (Bicep source).</summary>
internal static partial class InfraNames
{
    /// <summary>
    /// The functionName of the Event Grid subscription's webhook URL, composed as the template composes it:
    /// the prefix written in infra/modules/eventgrid.bicep before ${functionName}, and the functionName main.bicep passes.
    /// </summary>
    public static string EventGridFunctionName()
    {
        var module = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "modules", "eventgrid.bicep"));
        var main = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "main.bicep"));
        var url = WebhookUrl().Match(module);
        Assert.True(url.Success, "eventgrid.bicep: no runtime/webhooks/blobs?functionName=...${functionName} endpoint URL");
        var passed = FunctionNameParameter().Matches(main);
        Assert.True(passed.Count == 1, $"main.bicep passes functionName {passed.Count} times");
        return url.Groups["prefix"].Value + passed[0].Groups["name"].Value;
    }

    [GeneratedRegex(@"/runtime/webhooks/blobs\?functionName=(?<prefix>[^$&']*)\$\{functionName\}")]
    private static partial Regex WebhookUrl();

    [GeneratedRegex(@"^\s*functionName:\s*'(?<name>[^']+)'", RegexOptions.Multiline)]
    private static partial Regex FunctionNameParameter();
}
