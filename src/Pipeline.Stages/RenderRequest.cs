using System.Text.Json;

namespace Pipeline.Stages;

/// <summary>The render queue message (JSON): render this version of this report.</summary>
public sealed record RenderRequest(string IndexCode, int Version)
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);

    public static RenderRequest? TryParse(string json)
    {
        try
        {
            var request = JsonSerializer.Deserialize<RenderRequest>(json, JsonOptions);
            return request is { IndexCode.Length: > 0, Version: > 0 } ? request : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
