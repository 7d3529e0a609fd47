using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Core.Model;
using Pipeline.Core.Timeliness;

namespace Pipeline.Stages;

/// <summary>
/// The JSON of <see cref="ValidationResultDocument"/>, source-generated (no reflection): camelCase, enums as camelCase
/// strings, nulls left out, indented, and Chinese written as itself (agencies read these files; <see cref="Agencies"/>).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true,
    Converters = [typeof(CamelCaseEnum<MetadataSource>), typeof(CamelCaseEnum<PublicScope>), typeof(CamelCaseEnum<ReleaseDateBasis>), typeof(CamelCaseEnum<PublisherKind>)])]
[JsonSerializable(typeof(ValidationResultDocument))]
internal sealed partial class ValidationResultDocumentJsonContext : JsonSerializerContext
{
    /// <summary>The generated metadata with the attribute's options and the relaxed encoder (an encoder cannot be named in the attribute).</summary>
    public static ValidationResultDocumentJsonContext Agencies { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new CamelCaseEnum<MetadataSource>(), new CamelCaseEnum<PublicScope>(), new CamelCaseEnum<ReleaseDateBasis>(), new CamelCaseEnum<PublisherKind>() },
    });
}

/// <summary>An enum written as its camelCase name, as the result document always wrote them.</summary>
internal sealed class CamelCaseEnum<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase) where TEnum : struct, Enum;
