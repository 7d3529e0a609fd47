using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Storage.Queues;
using Pipeline.Storage;

namespace Pipeline.Stages;

/// <summary>The render queue message (JSON): render this version of this report.</summary>
/// <param name="ResultETag">
/// The ETag of the upload's result document as validation created it, when validation knows nothing changed it since
/// (else absent): render and publish then update it without reading it first (<see cref="ResultDocumentSnapshot"/>).
/// </param>
public sealed record RenderRequest(string IndexCode, int Version,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ResultETag = null)
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
