using MassTransit;
using Microsoft.Extensions.Logging;
using Velora.Ingestion.Contracts;
using Velora.Ingestion.Worker.Reverting;

namespace Velora.Ingestion.Worker.Consumers;

/// <summary>
/// Reverts one import (<see cref="ImportReverter"/>). The message is acknowledged only when the revert has ended, so a
/// worker killed half-way leaves it to be redelivered, and the next worker goes on from the first chunk not reverted.
/// </summary>
public sealed class ImportRevertConsumer(ImportReverter reverter, ILogger<ImportRevertConsumer> logger) : IConsumer<ImportRevertRequested>
{
    public async Task Consume(ConsumeContext<ImportRevertRequested> context)
    {
        var (importId, tenantId) = context.Message;
        using var scope = logger.BeginScope("ImportId:{ImportId} TenantId:{TenantId}", importId, tenantId);
        if (!await reverter.RevertAsync(importId, tenantId, context.CancellationToken))
        {
            logger.LogWarning("Import {ImportId}: a revert was requested, but the import is not reverting (withdrawn, or not this tenant's)", importId);
        }
    }
}
