using System.Text.Json.Serialization;

namespace Pipeline.Stages;

/// <summary>The JSON of <see cref="StagedReport"/> (private staging data: camelCase, nulls left out).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StagedReport))]
internal sealed partial class StagedReportJsonContext : JsonSerializerContext;
