using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Stages;

/// <summary>The webhook body's JSON, source-generated with the web defaults <c>PostAsJsonAsync</c> used before.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WebhookPayload))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
