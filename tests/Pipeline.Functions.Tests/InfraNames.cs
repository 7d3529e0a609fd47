using System.Text.RegularExpressions;
using Pipeline.Integration.Tests.Infrastructure;

namespace Pipeline.Functions.Tests;

/// <summary>Names the infrastructure gives the app, read from infra/ (Bicep source).</summary>
internal static partial class InfraNames
{
    /// <summary>
    /// The functionName of the Event Grid subscription's webhook URL, composed as the templates compose it: the prefix
    /// written in infra/upload-events.bicep before ${functionName}, and the function name main.bicep outputs
    /// (UPLOAD_EVENTS_FUNCTION), which the postdeploy hook passes to upload-events.bicep.
    /// </summary>
    public static string EventGridFunctionName()
    {
        var events = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "upload-events.bicep"));
        var main = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "main.bicep"));
        var url = WebhookUrl().Match(events);
        Assert.True(url.Success, "upload-events.bicep: no runtime/webhooks/blobs?functionName=...${functionName} endpoint URL");
        var name = UploadFunctionName().Match(main);
        Assert.True(name.Success, "main.bicep: no uploadFunctionName variable");
        return url.Groups["prefix"].Value + name.Groups["name"].Value;
    }

    [GeneratedRegex(@"/runtime/webhooks/blobs\?functionName=(?<prefix>[^$&']*)\$\{functionName\}")]
    private static partial Regex WebhookUrl();

    [GeneratedRegex(@"^\s*var\s+uploadFunctionName\s*=\s*'(?<name>[^']+)'", RegexOptions.Multiline)]
    private static partial Regex UploadFunctionName();
}
