using Azure.Core;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Pipeline.Site;
using Pipeline.Storage;
using Pipeline.Storage.Portal;
using Pipeline.Stages.Portal;

namespace Pipeline.Stages;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// Registers everything both hosts need: options ("Pipeline", "Site"), the storage clients (connection string
    /// locally, managed identity in Azure), the storage adapters, the stages, <see cref="TimeProvider.System"/>
    /// (TryAdd: tests register a fake first) and the webhook HttpClient with the standard resilience handler.
    /// </summary>
    public static IServiceCollection AddPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.SectionName));
        services.AddOptions<SiteOptions>().Bind(configuration.GetSection("Site"));
        services.TryAddSingleton(TimeProvider.System);

        var connection = StorageConnection.From(configuration);
        services.AddAzureClients(clients =>
        {
            if (connection.ConnectionString is { } cs)
            {
                clients.AddBlobServiceClient(cs);
                clients.AddQueueServiceClient(cs).ConfigureOptions(o => o.MessageEncoding = QueueMessageEncoding.Base64);
                clients.AddTableServiceClient(cs);
            }
            else
            {
                clients.AddBlobServiceClient(connection.BlobServiceUri!);
                clients.AddQueueServiceClient(connection.QueueServiceUri!).ConfigureOptions(o => o.MessageEncoding = QueueMessageEncoding.Base64);
                clients.AddTableServiceClient(connection.TableServiceUri!);
                clients.UseCredential(new DefaultAzureCredential());
            }
            // Transient storage faults (throttling, a restarting emulator) are retried by the SDK's pipeline with
            // exponential backoff; what still fails surfaces to the host, which retries the whole unit of work.
            clients.ConfigureDefaults(options =>
            {
                options.Retry.Mode = RetryMode.Exponential;
                options.Retry.MaxRetries = 4;
                options.Retry.Delay = TimeSpan.FromMilliseconds(200);
                options.Retry.MaxDelay = TimeSpan.FromSeconds(5);
                options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
            });
        });

        // IMeterFactory (idempotent): the "Pipeline" meter belongs to this container and is disposed with it.
        services.AddMetrics();
        services.TryAddSingleton<PipelineMetrics>();
        services.TryAddSingleton<StorageProvisioner>();
        services.TryAddSingleton<AgencyRegistry>();
        services.TryAddSingleton<ReportLedger>();
        services.TryAddSingleton<UploadReceipts>();
        services.TryAddSingleton<Counters>();
        services.TryAddSingleton<DueIndex>();
        services.TryAddSingleton<WebhookOutbox>();
        services.TryAddSingleton<ReportBlobs>();
        services.TryAddSingleton<PipelineStartup>();
        services.TryAddSingleton<ResultDocumentUpdater>();
        services.TryAddSingleton<ValidateStage>();
        services.TryAddSingleton<IncomingScanner>();
        services.TryAddSingleton<RenderStage>();
        services.TryAddSingleton<RenderQueueProcessor>();
        services.TryAddSingleton<PublishStage>();
        services.TryAddSingleton<ReportAdmin>();
        services.TryAddSingleton<AgencyAccess>();
        services.TryAddSingleton<UploadSasIssuer>();
        services.TryAddSingleton<PreviewKeyStore>();
        services.TryAddSingleton<PortalReports>();
        services.TryAddSingleton<PortalApi>();

        services.AddHttpClient<WebhookNotifier>()
            .AddStandardResilienceHandler(options =>
            {
                // No in-process retries: the outbox retries at the next publish run, so a slow or dead webhook
                // costs a run one attempt (bounded by the timeouts), never a backoff sequence. The handler still
                // gives attempt/total timeouts, the circuit breaker and the concurrency limiter.
                options.Retry.ShouldHandle = _ => ValueTask.FromResult(false);
                options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
                options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(30);
                options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(40);
            });
        return services;
    }
}
