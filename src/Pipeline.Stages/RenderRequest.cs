using System.Text.Json;
using Azure.Storage.Queues;
using Pipeline.Storage;

namespace Pipeline.Stages;

/// <summary>The render queue message (JSON): render this version of this report.</summary>
public sealed record RenderRequest(string IndexCode, int Version)
{
    /// <summary>Web naming (camelCase), source-generated (<see cref="RenderRequestJsonContext"/>).</summary>
    public static JsonSerializerOptions JsonOptions => RenderRequestJsonContext.Default.Options;

    /// <summary>Sends this request on the render queue (the client encodes Base64, as the Functions queue trigger expects).</summary>
    public async Task SendAsync(QueueServiceClient queues, CancellationToken cancellationToken = default) =>
        await queues.GetQueueClient(StorageNames.RenderQueue)
            .SendMessageAsync(JsonSerializer.Serialize(this, RenderRequestJsonContext.Default.RenderRequest), cancellationToken).ConfigureAwait(false);

    public static RenderRequest? TryParse(string json)
    {
        try
        {
            var request = JsonSerializer.Deserialize(json, RenderRequestJsonContext.Default.RenderRequest);
            return request is { IndexCode.Length: > 0, Version: > 0 } ? request : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
