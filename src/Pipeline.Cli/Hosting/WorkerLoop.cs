using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Pipeline.Cli.Hosting;

/// <summary>
/// The retry policy of the local host's background loops: when storage is unreachable (Azurite stopped, network
/// gone) a unit of work is retried with exponential backoff capped at 30 s, forever, logging each wait; when storage
/// is back the loop simply continues. Composed with Polly, on the host's <see cref="TimeProvider"/>.
/// </summary>
public static class WorkerLoop
{
    /// <param name="reprovision">
    /// Called when storage answers that a container, queue or table does not exist (an emulator restarted without
    /// its data, an operator deleted something): the resources are created again before the retry.
    /// </param>
    public static ResiliencePipeline CreatePipeline(ILogger logger, string worker, TimeProvider time, Func<CancellationToken, Task>? reprovision = null) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(30),
                OnRetry = async args =>
                {
                    logger.LogWarning("{Worker}: {Error} — retrying in {Delay:0.0} s (attempt {Attempt})",
                        worker, Describe(args.Outcome.Exception), args.RetryDelay.TotalSeconds, args.AttemptNumber + 1);
                    if (reprovision is not null && IsMissingResource(args.Outcome.Exception))
                    {
                        try
                        {
                            await reprovision(args.Context.CancellationToken);
                            logger.LogWarning("{Worker}: storage resources were missing and have been created again", worker);
                        }
                        catch (Exception e) when (e is not OperationCanceledException)
                        {
                            logger.LogWarning("{Worker}: could not re-create storage resources yet ({Error})", worker, Describe(e));
                        }
                    }
                },
            })
            .Build();

    private static bool IsMissingResource(Exception? e) =>
        e is Azure.RequestFailedException { ErrorCode: "ContainerNotFound" or "QueueNotFound" or "TableNotFound" or "ResourceNotFound" };

    private static string Describe(Exception? e) => e switch
    {
        null => "failed",
        AggregateException { InnerExceptions.Count: > 0 } a => "storage unreachable (" + a.InnerExceptions[^1].Message + ")",
        Azure.RequestFailedException { Status: 0 } r => "storage unreachable (" + r.Message.Split('\n')[0] + ")",
        _ => e.GetType().Name + ": " + e.Message.Split('\n')[0],
    };
}
