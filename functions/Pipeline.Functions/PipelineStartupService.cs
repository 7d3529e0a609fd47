using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pipeline.Stages;

namespace Pipeline.Functions;

/// <summary>Runs the pipeline's idempotent start-up work (storage objects, agency registry seed) once per worker.</summary>
internal sealed partial class PipelineStartupService(PipelineStartup startup, ILogger<PipelineStartupService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await startup.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Keep the worker up: a crash loop would also take down the status endpoints operators diagnose with,
            // and the triggers report storage faults on their own. Bicep creates every storage object anyway.
            LogStartupFailed(logger, exception);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Critical, Message = "Pipeline start-up (storage objects, agency registry) failed")]
    private static partial void LogStartupFailed(ILogger logger, Exception exception);
}
