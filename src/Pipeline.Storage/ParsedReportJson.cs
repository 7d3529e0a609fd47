using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Pipeline.Core;
using Pipeline.Core.Model;

namespace Pipeline.Storage;

/// <summary>
/// JSON form of a <see cref="ReportAnalysis"/> (the parsed/ container and the results/ verdict documents).
/// Blocks are polymorphic: every concrete <see cref="Block"/> type of the core assembly is registered with its type
/// name as discriminator, found by reflection so new block kinds need no change here.
/// </summary>
public static class ParsedReportJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static byte[] Serialize(ReportAnalysis analysis) => JsonSerializer.SerializeToUtf8Bytes(analysis, Options);

    public static ReportAnalysis? Deserialize(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize<ReportAnalysis>(json, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var blockTypes = typeof(Block).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(Block).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToArray();
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(info =>
        {
            if (info.Type != typeof(Block)) return;
            info.PolymorphismOptions = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = "kind" };
            foreach (var t in blockTypes)
                info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(t, t.Name));
        });
        return new JsonSerializerOptions
        {
            TypeInfoResolver = resolver,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            // Agencies read these files: keep Chinese readable instead of \uXXXX escapes.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = true,
        };
    }
}
