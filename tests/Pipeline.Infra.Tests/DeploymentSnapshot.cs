using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Pipeline.Infra.Tests;

/// <summary>
/// What a deployment of infra/main.bicep with given parameters would create, as predicted offline by
/// `bicep snapshot` (conditions, loops and parameter-dependent values evaluated; values known only to Azure, such as
/// a principal id, stay as ARM expressions). One snapshot per parameter set per test run.
/// </summary>
public sealed class DeploymentSnapshot
{
    public const string SubscriptionId = "00000000-0000-0000-0000-0000000000aa";
    public const string Location = "eastasia";

    private static readonly ConcurrentDictionary<string, Lazy<Task<DeploymentSnapshot>>> Cache = new();

    public IReadOnlyList<JsonObject> Resources { get; }
    public JsonObject Outputs { get; }

    private DeploymentSnapshot(JsonObject root)
    {
        Resources = root["predictedResources"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Outputs = root["outputs"]?.AsObject() ?? [];
    }

    /// <summary>Snapshot of main.bicep with environmentName/location plus <paramref name="parameters"/> (Bicep literals).</summary>
    public static Task<DeploymentSnapshot> OfMainAsync(IReadOnlyDictionary<string, string> parameters)
    {
        var key = string.Join(";", parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        return Cache.GetOrAdd(key, _ => new Lazy<Task<DeploymentSnapshot>>(() => TakeAsync(parameters))).Value;
    }

    private static async Task<DeploymentSnapshot> TakeAsync(IReadOnlyDictionary<string, string> parameters)
    {
        var directory = Directory.CreateTempSubdirectory("pipeline-snapshot-");
        try
        {
            var file = Path.Combine(directory.FullName, "deployment.bicepparam");
            // A .bicepparam must name its template by a relative path.
            var template = Path.GetRelativePath(directory.FullName, Path.Combine(Repository.Infra, "main.bicep")).Replace('\\', '/');
            var text = new StringBuilder()
                .AppendLine(CultureInfo.InvariantCulture, $"using '{template}'")
                .AppendLine("param environmentName = 'snap'")
                .AppendLine(CultureInfo.InvariantCulture, $"param location = '{Location}'");
            foreach (var (name, value) in parameters) text.AppendLine(CultureInfo.InvariantCulture, $"param {name} = {value}");
            await File.WriteAllTextAsync(file, text.ToString());

            var result = await Repository.RunAsync(Repository.Bicep,
                ["snapshot", file, "--mode", "overwrite", "--subscription-id", SubscriptionId, "--location", Location],
                Repository.Root);
            var snapshot = Path.Combine(directory.FullName, "deployment.snapshot.json");
            if (result.ExitCode != 0 || !File.Exists(snapshot))
                throw new InvalidOperationException($"bicep snapshot failed ({result.ExitCode}):\n{result.Output}\n{text}");
            return new DeploymentSnapshot(JsonNode.Parse(await File.ReadAllTextAsync(snapshot))!.AsObject());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    public IEnumerable<JsonObject> OfType(string type) =>
        Resources.Where(r => string.Equals(r["type"]?.GetValue<string>(), type, StringComparison.OrdinalIgnoreCase));

    public JsonObject Single(string type) => Assert.Single(OfType(type));

    public static string Id(JsonObject resource) => resource["id"]!.GetValue<string>();

    public static string Text(JsonObject resource) => resource.ToJsonString();
}
