using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Velora.Ingestion.Resilience;

/// <summary>
/// Polly pipelines for calls to PostgreSQL and the blob store. They retry only <see cref="TransientFaults"/>;
/// MassTransit does not retry those again, so one failure is never retried by both.
/// </summary>
public sealed class IngestionPipelines
{
    public IngestionPipelines(IOptions<ResilienceOptions> options, TimeProvider time, ILogger<IngestionPipelines> logger)
    {
        Database = Build(options.Value, time, logger, TransientFaults.IsTransientDatabaseFault, "database");
        Blobs = Build(options.Value, time, logger, TransientFaults.IsTransientBlobFault, "blob store");
        ImportWork = Build(options.Value, time, logger, TransientFaults.IsTransient, "import");
    }

    /// <summary>Wraps an idempotent unit of import work (planning, one chunk), re-run from the start on any transient fault.</summary>
    public ResiliencePipeline ImportWork { get; }

    /// <summary>Wraps a whole unit of database work (a transaction), which is re-run from the start.</summary>
    public ResiliencePipeline Database { get; }

    public ResiliencePipeline Blobs { get; }

    static ResiliencePipeline Build(ResilienceOptions options, TimeProvider time, ILogger logger, Func<Exception, bool> isTransient, string target) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(isTransient),
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = TimeSpan.FromSeconds(15),
                OnRetry = args =>
                {
                    logger.LogWarning(args.Outcome.Exception, "Transient {Target} fault, retry {Attempt} in {Delay}", target, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
}
