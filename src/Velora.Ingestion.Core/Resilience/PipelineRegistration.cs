using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Telemetry;

namespace Velora.Ingestion.Resilience;

/// <summary>Registers <see cref="IngestionPipelines"/>' three pipelines with Polly's DI integration, which meters every retry.</summary>
public static class PipelineRegistration
{
    public static IServiceCollection AddIngestionPipelines(this IServiceCollection services)
    {
        services.AddResiliencePipeline(IngestionPipelines.DatabaseName, (builder, context) => Configure(builder, context.ServiceProvider, TransientFaults.IsTransientDatabaseFault, IngestionPipelines.DatabaseName));
        services.AddResiliencePipeline(IngestionPipelines.BlobsName, (builder, context) => Configure(builder, context.ServiceProvider, TransientFaults.IsTransientBlobFault, IngestionPipelines.BlobsName));
        services.AddResiliencePipeline(IngestionPipelines.ImportWorkName, (builder, context) => Configure(builder, context.ServiceProvider, TransientFaults.IsTransient, IngestionPipelines.ImportWorkName));
        // Metrics only: each retry is logged once, below, in words an operator reads. TelemetryOptions apply to every
        // pipeline registered in the container: a pipeline added later logs through its own OnRetry too.
        services.Configure<TelemetryOptions>(telemetry => telemetry.LoggerFactory = NullLoggerFactory.Instance);
        services.AddSingleton<IngestionPipelines>();
        return services;
    }

    static void Configure(ResiliencePipelineBuilder builder, IServiceProvider services, Func<Exception, bool> isTransient, string target)
    {
        var options = services.GetRequiredService<IOptions<ResilienceOptions>>().Value;
        var logger = services.GetRequiredService<ILogger<IngestionPipelines>>();
        builder.TimeProvider = services.GetRequiredService<TimeProvider>();
        builder.AddRetry(new RetryStrategyOptions
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
        });
    }
}
