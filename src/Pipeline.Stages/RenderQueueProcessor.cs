using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Storage;

namespace Pipeline.Stages;

/// <summary>
/// The local host's stand-in for the Functions queue trigger: dequeues render requests with a visibility timeout,
/// runs the render stage, deletes the message on success. A message seen <see cref="PipelineOptions.MaxRenderAttempts"/>
/// times is poison: the report is marked Failed (visible in `status`) and the message removed.
/// </summary>
public sealed class RenderQueueProcessor(QueueServiceClient queues, RenderStage render, IOptions<PipelineOptions> options, ILogger<RenderQueueProcessor> logger)
{
    /// <summary>Processes up to one batch; returns how many messages were handled (0 = queue empty).</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var queue = queues.GetQueueClient(StorageNames.RenderQueue);
        var visibility = TimeSpan.FromSeconds(Math.Max(1, options.Value.RenderVisibilityTimeoutSeconds));
        QueueMessage[] messages = (await queue.ReceiveMessagesAsync(32, visibility, ct).ConfigureAwait(false)).Value;
        foreach (var message in messages)
        {
            var request = RenderRequest.TryParse(message.Body.ToString());
            if (request is null)
            {
                logger.LogError("Render queue: unreadable message {MessageId} removed: {Body}", message.MessageId, message.Body.ToString());
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct).ConfigureAwait(false);
                continue;
            }
            try
            {
                await render.RunAsync(request, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                if (message.DequeueCount >= options.Value.MaxRenderAttempts)
                {
                    await render.RecordPoisonAsync(request, $"{e.GetType().Name}: {e.Message} (after {message.DequeueCount} attempts)", ct).ConfigureAwait(false);
                    await DeleteAsync(queue, message, ct).ConfigureAwait(false);
                }
                else
                {
                    logger.LogWarning(e, "Render {IndexCode} v{Version} failed (attempt {Attempt}); retried after the visibility timeout", request.IndexCode, request.Version, message.DequeueCount);
                }
                continue;
            }
            // Only a failed render counts as an attempt: a delete that fails after a successful render (below) used to
            // land in the catch above and, on the last attempt, mark a rendered report Failed (seen in the two-host soak).
            await DeleteAsync(queue, message, ct).ConfigureAwait(false);
        }
        return messages.Length;
    }

    /// <summary>
    /// Deletes a handled message. When the batch outlasted the visibility timeout, the message is visible again and
    /// another worker may hold it (pop receipt mismatch, 400) or have deleted it (404): that worker renders it again,
    /// which is idempotent, and deletes it; nothing is lost.
    /// </summary>
    private async Task DeleteAsync(QueueClient queue, QueueMessage message, CancellationToken ct)
    {
        try
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException e) when (e.Status is 400 or 404)
        {
            logger.LogInformation("Render queue: message {MessageId} was taken back after its visibility timeout ({ErrorCode}); its next holder completes it",
                message.MessageId, e.ErrorCode);
        }
    }
}
