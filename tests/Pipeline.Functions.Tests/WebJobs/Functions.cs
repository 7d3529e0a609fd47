using Azure.Storage.Blobs;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.WebJobs;
using Pipeline.Functions;
using Pipeline.Stages;
using Pipeline.Storage;
using WorkerTimerInfo = Microsoft.Azure.Functions.Worker.TimerInfo;
using WorkerScheduleStatus = Microsoft.Azure.Functions.Worker.ScheduleStatus;

// The Functions host indexes an isolated app's functions into a generated class Host.Functions, one method per
// function, so a function's id (what Event Grid's webhook URL names) is "Host.Functions.<name>". The WebJobs SDK
// names a function "<declaring type>.<method>": this class reproduces that id without any renaming in the test.
namespace Host;

/// <summary>
/// The app's triggered functions as the Functions host binds them: the same trigger attributes (path, queue,
/// Event Grid source, the PipelineStorage connection, the schedule setting), bound by the real WebJobs blob, queue and
/// timer extensions, each calling the app's own function class. <see cref="Pipeline.Functions.Tests.MetadataTests"/>
/// checks these bindings against the deployment package's functions.metadata.
/// </summary>
public sealed class Functions(ValidateUploadFunction validate, RenderFunctions render, PublishSiteFunction publish)
{
    public const string IdPrefix = "Host.Functions.";

    [FunctionName(ValidateUploadFunction.Name)]
    public Task ValidateUpload(
        [BlobTrigger(StorageNames.IncomingContainer + "/{agency}/{name}", Source = BlobTriggerSource.EventGrid, Connection = PipelineOptions.StorageKey)] BlobClient blob,
        string agency,
        string name,
        CancellationToken cancellationToken) =>
        validate.RunAsync(blob, agency, name, cancellationToken);

    [FunctionName(RenderFunctions.RenderName)]
    public Task RenderReport([QueueTrigger(StorageNames.RenderQueue, Connection = PipelineOptions.StorageKey)] QueueMessage message, CancellationToken cancellationToken) =>
        render.RenderAsync(message, cancellationToken);

    [FunctionName(RenderFunctions.PoisonName)]
    public Task RecordRenderPoison([QueueTrigger(RenderFunctions.PoisonQueue, Connection = PipelineOptions.StorageKey)] QueueMessage message, CancellationToken cancellationToken) =>
        render.RecordPoisonAsync(message, cancellationToken);

    [FunctionName(PublishSiteFunction.Name)]
    public Task PublishSite([TimerTrigger("%" + PipelineOptions.PublishScheduleKey + "%", UseMonitor = true)] TimerInfo timer, CancellationToken cancellationToken) =>
        publish.RunAsync(new WorkerTimerInfo
        {
            IsPastDue = timer.IsPastDue,
            ScheduleStatus = timer.ScheduleStatus is { } status
                ? new WorkerScheduleStatus { Last = status.Last, Next = status.Next, LastUpdated = status.LastUpdated }
                : null,
        }, cancellationToken);
}
