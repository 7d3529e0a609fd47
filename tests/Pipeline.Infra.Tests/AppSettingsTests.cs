using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pipeline.Stages;

namespace Pipeline.Infra.Tests;

/// <summary>
/// The app settings the Bicep template deploys are exactly the keys the code reads (none missing, none stale), their
/// defaults agree with the code's, and local.settings.sample.json documents the same option keys.
/// </summary>
public sealed class AppSettingsTests
{
    private static async Task<(HashSet<string> Scalars, Dictionary<string, JsonNode?> Values, HashSet<string> Lists)> DeployedAsync()
    {
        var template = await CompiledTemplate.MainAsync();
        var settings = template.ModuleParameter("functionApp", "appSettings").AsObject();
        var lists = template.ModuleParameter("functionApp", "listSettings").AsObject();
        return (settings.Select(p => p.Key).ToHashSet(StringComparer.Ordinal),
            settings.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            lists.Select(p => p.Key).ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Bicep_sets_every_scalar_key_the_code_reads_and_no_other()
    {
        var (deployed, _, _) = await DeployedAsync();
        var expected = SettingKeys.ScalarOptionKeys.Select(k => k.Key).Concat(SettingKeys.AzureFixedKeys).ToHashSet(StringComparer.Ordinal);

        var missing = expected.Except(deployed).Order(StringComparer.Ordinal).ToList();
        var stale = deployed.Except(expected).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, "Read by the code but not set by infra/main.bicep: " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "Set by infra/main.bicep but read by no code: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task Bicep_sets_every_list_key_the_code_reads_and_no_other()
    {
        var (_, _, lists) = await DeployedAsync();
        Assert.Equal(SettingKeys.ListOptionKeys.Order(StringComparer.Ordinal), lists.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Bicep_parameter_defaults_equal_the_code_defaults()
    {
        var template = await CompiledTemplate.MainAsync();
        var (_, values, _) = await DeployedAsync();
        var expectedDefaults = SettingKeys.ScalarOptionKeys
            .Select(k => (k.Key, Default: SettingKeys.AsSetting(k.DefaultValue)))
            .Append((PipelineOptions.PublishScheduleKey, PipelineOptions.DefaultPublishSchedule));

        var checkedCount = 0;
        var mismatches = new List<string>();
        foreach (var (key, codeDefault) in expectedDefaults)
        {
            // Only settings that pass a parameter through unchanged have a default to compare (Site__BaseUrl, for
            // one, is computed from the deployment's endpoints).
            if (!values.TryGetValue(key, out var value) || CompiledTemplate.PassedParameter(value) is not { } parameter) continue;
            var bicepDefault = template.ParameterDefault(parameter) switch
            {
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                JsonValue v => v.ToJsonString(),
                _ => null,
            };
            checkedCount++;
            if (bicepDefault != codeDefault) mismatches.Add($"{key}: Bicep parameter '{parameter}' defaults to '{bicepDefault}', the code to '{codeDefault}'");
        }

        Assert.True(checkedCount >= 5, $"only {checkedCount} settings pass a parameter through");
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    [Fact]
    public async Task Bicep_never_sets_settings_Flex_Consumption_rejects()
    {
        var (deployed, _, _) = await DeployedAsync();
        string[] rejected = ["FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTSHARE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "AzureWebJobsStorage"];
        Assert.Empty(deployed.Intersect(rejected));
    }

    [Fact]
    public async Task Storage_connection_is_identity_based()
    {
        var (_, values, _) = await DeployedAsync();
        Assert.Equal("managedidentity", values[$"{PipelineOptions.StorageKey}__credential"]!.GetValue<string>());
        Assert.Equal("managedidentity", values[$"{PipelineOptions.HostStorageKey}__credential"]!.GetValue<string>());
        Assert.Contains("Authorization=AAD", values["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Local_settings_sample_documents_every_option_key_and_no_other()
    {
        var file = Repository.PathOf("local.settings.sample.json");
        Assert.True(File.Exists(file), "local.settings.sample.json (top level) is missing");
        var root = JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        var values = root["Values"]?.AsObject() ?? throw new InvalidOperationException("local.settings.sample.json has no \"Values\" object");
        // Both "Pipeline:Privacy" and "Pipeline__Privacy" bind the same key.
        var keys = values.Select(p => p.Key.Replace(":", "__", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);

        var sections = SettingKeys.Sections.Select(s => s.Section + "__").ToList();
        var listKeys = SettingKeys.ListOptionKeys;
        var documented = keys.Where(k => sections.Any(s => k.StartsWith(s, StringComparison.Ordinal)))
            // A list is documented by example entries Key__0, Key__1, ...
            .Select(k => listKeys.FirstOrDefault(l => Regex.IsMatch(k, "^" + Regex.Escape(l) + @"__\d+$")) ?? k)
            .ToHashSet(StringComparer.Ordinal);
        var scalarKeys = SettingKeys.ScalarOptionKeys.Select(k => k.Key).ToHashSet(StringComparer.Ordinal);

        var missing = scalarKeys.Except(documented).Order(StringComparer.Ordinal).ToList();
        var stale = documented.Except(scalarKeys).Except(listKeys).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Read by the code but not in local.settings.sample.json: " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "In local.settings.sample.json but read by no code: " + string.Join(", ", stale));
        Assert.Contains(PipelineOptions.StorageKey, keys);
        Assert.Contains(PipelineOptions.HostStorageKey, keys);
        Assert.Contains(PipelineOptions.PublishScheduleKey, keys);
    }
}
