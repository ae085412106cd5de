using MassTransit;
using Microsoft.Extensions.Logging;
using Velora.Ingestion.Batching;
using Velora.Ingestion.Worker.Completion;
using Velora.Ingestion.Worker.Messages;

namespace Velora.Ingestion.Worker.Consumers;

/// <summary>Imports one chunk; the delivery that finishes the last chunk publishes ImportCompleted.</summary>
public sealed class ImportChunkConsumer(ChunkImporter importer, ImportCompletionPublisher completions, ILogger<ImportChunkConsumer> logger)
    : IConsumer<ImportChunkRequested>
{
    public async Task Consume(ConsumeContext<ImportChunkRequested> context)
    {
        var (importId, chunkIndex) = context.Message;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["ImportId"] = importId, ["ChunkIndex"] = chunkIndex });
        var outcome = await importer.ImportAsync(importId, chunkIndex, context.CancellationToken);
        if (outcome != ChunkOutcome.Imported)
        {
            // The last chunk, or a redelivery that may follow a crash before the completion was published.
            await completions.PublishIfEndedAsync(importId, context, context.CancellationToken);
        }
    }
}
