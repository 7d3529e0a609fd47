using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pipeline.Stages;
using Pipeline.Storage;

namespace Pipeline.Functions;

/// <summary>
/// Renders one report version per message of the render queue. A message that keeps failing is moved by the host to
/// render-poison after host.json queues.maxDequeueCount attempts; <see cref="RecordPoisonAsync"/> then records the
/// failure in the ledger so it shows in `pipeline status` and can be retried by an operator.
/// </summary>
public sealed partial class RenderFunctions(RenderStage stage, ILogger<RenderFunctions> logger)
{
    public const string RenderName = "RenderReport";
    public const string PoisonName = "RecordRenderPoison";

    /// <summary>The queue the Functions host moves a message to after its last failed attempt.</summary>
    public const string PoisonQueue = StorageNames.RenderQueue + "-poison";

    [Function(RenderName)]
    public async Task RenderAsync([QueueTrigger(StorageNames.RenderQueue, Connection = PipelineOptions.StorageKey)] QueueMessage message, CancellationToken cancellationToken)
    {
        var request = RenderRequest.TryParse(message.Body.ToString());
        if (request is null)
        {
            // Retrying cannot make a malformed message valid: drop it (it is logged with its content).
            LogMalformed(logger, RenderName, message.MessageId, message.Body.ToString());
            return;
        }
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["IndexCode"] = request.IndexCode, ["Version"] = request.Version });
        await stage.RunAsync(request, cancellationToken).ConfigureAwait(false);
    }

    [Function(PoisonName)]
    public async Task RecordPoisonAsync([QueueTrigger(PoisonQueue, Connection = PipelineOptions.StorageKey)] QueueMessage message, CancellationToken cancellationToken)
    {
        var request = RenderRequest.TryParse(message.Body.ToString());
        if (request is null)
        {
            LogMalformed(logger, PoisonName, message.MessageId, message.Body.ToString());
            return;
        }
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["IndexCode"] = request.IndexCode, ["Version"] = request.Version });
        // The exception of each attempt is in the RenderReport logs under this message id; the ledger points there.
        var reason = $"no attempt succeeded (queue message {message.MessageId}, first queued {message.InsertedOn:u}); the errors are in the {RenderName} logs";
        await stage.RecordPoisonAsync(request, reason, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "{Function}: malformed render message {MessageId} dropped: {Body}")]
    private static partial void LogMalformed(ILogger logger, string function, string messageId, string body);
}
