using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Pipeline.Stages;

namespace Pipeline.Cli.Hosting;

/// <summary>
/// The local host's configuration, from the same keys as the Functions app: built-in defaults (Azurite), then the
/// "Values" of local.settings.json (Functions format; "__" means ":"), then environment variables, then
/// command-line overrides ("--Pipeline:MaxRenderAttempts=3").
/// </summary>
public static class CliConfiguration
{
    public const string SettingsFileVariable = "PIPELINE_SETTINGS";

    public static IConfigurationBuilder AddPipelineSources(this IConfigurationBuilder builder, IEnumerable<string> overrides)
    {
        builder.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [PipelineOptions.StorageKey] = "UseDevelopmentStorage=true",
            [PipelineOptions.PublishScheduleKey] = PipelineOptions.DefaultPublishSchedule,
        });
        var settingsFile = Environment.GetEnvironmentVariable(SettingsFileVariable) ?? Path.Combine(Directory.GetCurrentDirectory(), "local.settings.json");
        if (File.Exists(settingsFile))
            builder.AddInMemoryCollection(ReadLocalSettings(settingsFile));
        builder.AddEnvironmentVariables();
        builder.AddCommandLine(overrides.ToArray());
        return builder;
    }

    /// <summary>
    /// Separates configuration overrides from a command's own arguments: "--Section:Key=value", "--Section__Key=value"
    /// or the same with the value as the next argument (a name with ':' or "__" is never one of the CLI's options).
    /// </summary>
    public static (string[] CommandArguments, List<string> Overrides) SplitOverrides(IReadOnlyList<string> args)
    {
        var rest = new List<string>(args.Count);
        var overrides = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var eq = arg.IndexOf('=');
            var name = arg.StartsWith("--", StringComparison.Ordinal) ? (eq > 0 ? arg[2..eq] : arg[2..]) : "";
            if (!name.Contains(':') && !name.Contains("__"))
            {
                rest.Add(arg);
                continue;
            }
            overrides.Add(arg);
            if (eq < 0 && i + 1 < args.Count) overrides.Add(args[++i]);
        }
        return ([.. rest], overrides);
    }

    public static IConfiguration Build(IEnumerable<string> overrides) =>
        new ConfigurationBuilder().AddPipelineSources(overrides).Build();

    /// <summary>The "Values" object of a Functions local.settings.json, keys with "__" turned into sections.</summary>
    public static Dictionary<string, string?> ReadLocalSettings(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (doc.RootElement.TryGetProperty("Values", out var section) && section.ValueKind == JsonValueKind.Object)
            foreach (var property in section.EnumerateObject())
                values[property.Name.Replace("__", ":")] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
        return values;
    }
}
