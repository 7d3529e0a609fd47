using System.Collections;
using System.Globalization;
using System.Reflection;
using Pipeline.Site;
using Pipeline.Stages;

namespace Pipeline.Infra.Tests;

/// <summary>
/// The configuration keys the code reads, in app-setting form ("Section__Property"), derived by reflection over the
/// options classes the way Microsoft.Extensions.Configuration binds them.
/// </summary>
internal static class SettingKeys
{
    public sealed record OptionKey(string Key, object? DefaultValue);

    /// <summary>Option sections: the section name and a default-constructed instance (its defaults).</summary>
    public static IReadOnlyList<(string Section, object Defaults)> Sections { get; } =
    [
        (PipelineOptions.SectionName, new PipelineOptions()),
        ("Site", new SiteOptions()),
    ];

    /// <summary>Scalar option keys with their code defaults.</summary>
    public static IReadOnlyList<OptionKey> ScalarOptionKeys => Collect().Scalars;

    /// <summary>List-valued option keys (bound from Key__0, Key__1, ...).</summary>
    public static IReadOnlyList<string> ListOptionKeys => Collect().Lists;

    /// <summary>
    /// Keys outside the option sections: the publish schedule (read by the timer trigger and the local host) and
    /// the settings of the Functions host, the Azure SDK and the telemetry exporter in Azure.
    /// </summary>
    public static IReadOnlyList<string> AzureFixedKeys { get; } =
    [
        PipelineOptions.PublishScheduleKey,
        // Identity-based connections. The host's own state: read by the Functions host only.
        $"{PipelineOptions.HostStorageKey}__accountName",
        $"{PipelineOptions.HostStorageKey}__blobServiceUri",
        $"{PipelineOptions.HostStorageKey}__queueServiceUri",
        $"{PipelineOptions.HostStorageKey}__tableServiceUri",
        $"{PipelineOptions.HostStorageKey}__credential",
        $"{PipelineOptions.HostStorageKey}__clientId",
        // The pipeline's data: the triggers' Connection (the storage extensions) and StorageConnection.From.
        $"{PipelineOptions.StorageKey}__accountName",
        $"{PipelineOptions.StorageKey}__blobServiceUri",
        $"{PipelineOptions.StorageKey}__queueServiceUri",
        $"{PipelineOptions.StorageKey}__tableServiceUri",
        $"{PipelineOptions.StorageKey}__credential",
        $"{PipelineOptions.StorageKey}__clientId",
        // DefaultAzureCredential (AddPipeline) selects the user-assigned identity by it.
        "AZURE_CLIENT_ID",
        // functions/Pipeline.Functions/PipelineTelemetry.cs and the host (telemetryMode OpenTelemetry).
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
    ];

    private static (List<OptionKey> Scalars, List<string> Lists) Collect()
    {
        var scalars = new List<OptionKey>();
        var lists = new List<string>();
        foreach (var (section, defaults) in Sections) Walk(section, defaults.GetType(), defaults, scalars, lists);
        return (scalars, lists);
    }

    private static void Walk(string prefix, Type type, object? instance, List<OptionKey> scalars, List<string> lists)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0) continue;
            var key = $"{prefix}__{property.Name}";
            var value = instance is null ? null : property.GetValue(instance);
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var settable = property.SetMethod is { IsPublic: true };
            if (IsScalar(propertyType))
            {
                if (settable) scalars.Add(new OptionKey(key, value));
            }
            else if (typeof(IEnumerable).IsAssignableFrom(propertyType))
            {
                // The binder fills get-only collections too.
                lists.Add(key);
            }
            else
            {
                Walk(key, propertyType, value, scalars, lists);
            }
        }
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Uri) || type == typeof(Guid);

    /// <summary>How an option default is written as an app setting (invariant culture, enums by name).</summary>
    public static string? AsSetting(object? value) => value switch
    {
        null => null,
        Enum e => e.ToString(),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
