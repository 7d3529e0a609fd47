using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Stages;

/// <summary>The render queue message's JSON (<see cref="RenderRequest"/>): web defaults (camelCase), source-generated.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RenderRequest))]
internal sealed partial class RenderRequestJsonContext : JsonSerializerContext;
