using MassTransit;
using Microsoft.Extensions.Logging;
using Velora.Ingestion.Batching;
using Velora.Ingestion.Parsing;
using Velora.Ingestion.Resilience;
using Velora.Ingestion.Worker.Completion;
using Velora.Ingestion.Worker.Importing;
using Velora.Ingestion.Worker.Messages;

namespace Velora.Ingestion.Worker.Consumers;

/// <summary>
/// Imports one chunk; the delivery that finishes the last chunk publishes ImportCompleted. A chunk that cannot be
/// imported for a reason that retrying will not cure fails its job with that reason, and the message goes on to the
/// <c>import-chunk_error</c> queue for ops: never an import left running forever, never an endless redelivery loop.
/// </summary>
public sealed class ImportChunkConsumer(
    ChunkImporter importer, ImportCompletionPublisher completions, ILogger<ImportChunkConsumer> logger)
    : IConsumer<ImportChunkRequested>
{
    public async Task Consume(ConsumeContext<ImportChunkRequested> context)
    {
        var (importId, chunkIndex, tenantId) = context.Message;
        using var scope = logger.BeginScope("ImportId:{ImportId} TenantId:{TenantId} ChunkIndex:{ChunkIndex}", importId, tenantId, chunkIndex);
        ChunkOutcome outcome;
        try
        {
            // Sent at once, not after this consumer returns: the chunk's transaction commits only once the next chunk is queued.
            outcome = await importer.ImportAsync(
                importId, chunkIndex, (next, token) => context.Publish(new ImportChunkRequested(importId, next, tenantId), token), context.CancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException && !TransientFaults.IsTransient(e))
        {
            logger.LogError(e, "Import {ImportId} chunk {ChunkIndex} cannot be imported; the import fails", importId, chunkIndex);
            await completions.FailAndAnnounceAsync(importId, FailureReason(chunkIndex, e), context, logger);
            throw;
        }

        if (outcome != ChunkOutcome.Imported)
        {
            // The last chunk, or a redelivery that may follow a crash before the completion was published.
            await completions.TryPublishIfEndedAsync(importId, context, logger, context.CancellationToken);
        }
    }

    static string FailureReason(int chunkIndex, Exception e) => e switch
    {
        FileNotFoundException => "The file was not found in the blob store",
        ImportFileException file => file.Message,
        _ => $"Rows of chunk {chunkIndex} could not be imported ({e.GetType().Name}); the request is kept in the import-chunk_error queue",
    };
}
