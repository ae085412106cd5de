using Polly;
using Polly.Registry;

namespace Velora.Ingestion.Resilience;

/// <summary>
/// Polly pipelines for calls to PostgreSQL and the blob store. They retry only <see cref="TransientFaults"/>;
/// MassTransit does not retry those again, so one failure is never retried by both. Registered through Polly's DI
/// integration (<see cref="PipelineRegistration.AddIngestionPipelines"/>), so every retry is counted in <c>resilience.polly.strategy.events</c>
/// (meter <c>Polly</c>, served at <c>/metrics</c>) with the pipeline's name.
/// </summary>
public sealed class IngestionPipelines(ResiliencePipelineProvider<string> pipelines)
{
    public const string DatabaseName = "database";
    public const string BlobsName = "blob-store";
    public const string ImportWorkName = "import";

    /// <summary>Wraps an idempotent unit of import work (planning, one chunk), re-run from the start on any transient fault.</summary>
    public ResiliencePipeline ImportWork { get; } = pipelines.GetPipeline(ImportWorkName);

    /// <summary>Wraps a whole unit of database work (a transaction), which is re-run from the start.</summary>
    public ResiliencePipeline Database { get; } = pipelines.GetPipeline(DatabaseName);

    public ResiliencePipeline Blobs { get; } = pipelines.GetPipeline(BlobsName);
}
