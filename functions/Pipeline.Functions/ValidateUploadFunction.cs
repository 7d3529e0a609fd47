using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pipeline.Stages;
using Pipeline.Storage;

namespace Pipeline.Functions;

/// <summary>Validates each upload to incoming/&lt;agency&gt;/&lt;file&gt;.</summary>
public sealed partial class ValidateUploadFunction(ValidateStage stage, ILogger<ValidateUploadFunction> logger)
{
    public const string Name = "ValidateUpload";

    /// <remarks>
    /// Source = EventGrid: the only blob trigger the Flex Consumption plan supports; Event Grid delivers BlobCreated
    /// events of the incoming container to this function (infra/modules/eventgrid.bicep). On a Consumption, Premium
    /// or Dedicated plan without Event Grid, use Source = BlobTriggerSource.LogsAndContainerScan instead.
    /// Connection = PipelineStorage: the uploads live in the pipeline's account; the host keeps its blob receipts and
    /// the Event Grid trigger queue in AzureWebJobsStorage.
    /// The trigger binds a <see cref="BlobClient"/>, not the content: the stage streams the blob itself.
    /// A failure is retried by the host (host.json extensions.blobs.poisonBlobThreshold), then the event goes to the
    /// webjobs-blobtrigger-poison queue; the blob stays in incoming/ and `pipeline validate` can run it again.
    /// </remarks>
    [Function(Name)]
    public async Task RunAsync(
        [BlobTrigger(StorageNames.IncomingContainer + "/{agency}/{name}", Source = BlobTriggerSource.EventGrid, Connection = PipelineOptions.StorageKey)] BlobClient blob,
        string agency,
        string name,
        CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Agency"] = agency, ["FileName"] = name });
        var outcome = await stage.RunAsync(blob.Name, cancellationToken).ConfigureAwait(false);
        using var reportScope = outcome.IndexCode is null ? null : logger.BeginScope(new Dictionary<string, object> { ["IndexCode"] = outcome.IndexCode });
        LogOutcome(logger, blob.Name, outcome.Result, outcome.IndexCode, outcome.Version, outcome.Reason);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Upload {BlobName}: {Result} (index code {IndexCode}, version {Version}) {Reason}")]
    private static partial void LogOutcome(ILogger logger, string blobName, ValidateResult result, string? indexCode, int? version, string? reason);
}
