using System.Text.Json;
using Azure.Storage.Queues;
using Pipeline.Storage;

namespace Pipeline.Stages;

/// <summary>The render queue message (JSON): render this version of this report.</summary>
public sealed record RenderRequest(string IndexCode, int Version)
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>Sends this request on the render queue (the client encodes Base64, as the Functions queue trigger expects).</summary>
    public async Task SendAsync(QueueServiceClient queues, CancellationToken cancellationToken = default) =>
        await queues.GetQueueClient(StorageNames.RenderQueue)
            .SendMessageAsync(JsonSerializer.Serialize(this, JsonOptions), cancellationToken).ConfigureAwait(false);

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
