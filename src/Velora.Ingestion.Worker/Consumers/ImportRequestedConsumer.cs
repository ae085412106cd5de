using MassTransit;
using Microsoft.Extensions.Logging;
using Velora.Ingestion.Contracts;
using Velora.Ingestion.Resilience;
using Velora.Ingestion.Worker.Completion;
using Velora.Ingestion.Worker.Messages;
using Velora.Ingestion.Worker.Importing;

namespace Velora.Ingestion.Worker.Consumers;

/// <summary>
/// Takes an import request: has it planned (<see cref="ImportPlanner"/>), publishes one message per chunk the planner
/// lists, and announces an import that ended here (a file that failed as a whole, or had no rows).
/// </summary>
public sealed class ImportRequestedConsumer(
    ImportPlanner planner,
    IngestionPipelines pipelines,
    ImportCompletionPublisher completions,
    ILogger<ImportRequestedConsumer> logger) : IConsumer<ImportRequested>
{
    public async Task Consume(ConsumeContext<ImportRequested> context)
    {
        var request = context.Message;
        var token = context.CancellationToken;
        using var scope = logger.BeginScope("ImportId:{ImportId} TenantId:{TenantId}", request.ImportId, request.TenantId);

        // Finding the job, planning it and listing its pending chunks is idempotent: a transient fault re-runs it all.
        var (job, pending) = await pipelines.ImportWork.ExecuteAsync(async t => await planner.PrepareAsync(request, context, t), token);
        if (job is null)
        {
            return;
        }

        if (pending.Count > 0)
        {
            try
            {
                await pipelines.ImportWork.ExecuteAsync(
                    async t => await context.PublishBatch(pending.Select(index => new ImportChunkRequested(job.Id, index, job.TenantId)), t), token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await planner.FailAsync(context, job.Id, e, $"The chunk requests could not be published ({e.GetType().Name}); the request is kept in the import-requested_error queue");
                throw;
            }

            logger.LogInformation("Import {ImportId}: published {Chunks} chunk messages", job.Id, pending.Count);
        }

        // A failure to publish the completion is repaired by the sweeper.
        await completions.TryPublishIfEndedAsync(job.Id, context, logger, token);
    }
}
