using MassTransit;
using Microsoft.Extensions.Logging;
using Velora.Ingestion.Contracts;
using Velora.Ingestion.Jobs;
using Velora.Ingestion.Messaging;
using Velora.Ingestion.Resilience;
using Velora.Ingestion.Telemetry;
using Velora.Ingestion.Worker.Importing;

namespace Velora.Ingestion.Worker.Completion;

/// <summary>
/// Publishes <see cref="ImportCompleted"/> for an ended import and records that it did. Publishing happens after the
/// job's final commit, so a crash in between is repaired by <see cref="CompletionSweeper"/>: at least once, and a
/// repeat carries the same message id.
/// </summary>
public sealed class ImportCompletionPublisher(ImportJobStore jobs, IngestionPipelines pipelines, IngestionMetrics metrics)
{
    public async Task PublishIfEndedAsync(Guid importId, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        var job = await jobs.FindAsync(importId, cancellationToken);
        // A job reverted before its completion went out (a broker blip, then a quick revert) still announces how it ended.
        if (job is null || !ImportStatus.IsFinal(job.EndedAs) || job.CompletionPublishedAt is not null)
        {
            return;
        }

        // The store's known users and items, before the completion goes out: a report read after it counts this import's as its own.
        await jobs.RecordProfileAsync(importId, cancellationToken);

        // A dry run stored nothing: other services hear of the import that commits it, not of the dry run.
        if (job.Mode == ImportModes.Validate)
        {
            await jobs.MarkCompletionPublishedAsync(importId, cancellationToken);
            return;
        }

        var failures = await jobs.FailuresAsync(importId, 0, ImportSummaries.DefaultFailedItemsCap, cancellationToken);
        var completed = new ImportCompleted(
            job.Id,
            job.TenantId,
            job.InteractionType,
            job.EndedAs,
            job.Error,
            new DateTimeOffset(DateTime.SpecifyKind(job.CompletedAt ?? job.CreatedAt, DateTimeKind.Utc)),
            ImportSummaries.From(job, failures));
        await publisher.Publish(completed, context => context.MessageId = MessageIds.ImportCompleted(importId), cancellationToken);
        await jobs.MarkCompletionPublishedAsync(importId, cancellationToken);
        metrics.ImportEnded(job.EndedAs, (job.CompletedAt ?? job.CreatedAt) - job.CreatedAt);
    }

    /// <summary>
    /// Ends an import that cannot go on with <paramref name="reason"/> (retrying transient database faults) and announces it.
    /// A job that already ended keeps its outcome.
    /// </summary>
    public async Task FailAndAnnounceAsync(Guid importId, string reason, IPublishEndpoint publisher, ILogger logger)
    {
        await pipelines.Database.ExecuteAsync(async token => await jobs.FailAsync(importId, reason, token), CancellationToken.None);
        await TryPublishIfEndedAsync(importId, publisher, logger, CancellationToken.None);
    }

    /// <summary>
    /// As <see cref="PublishIfEndedAsync"/>, for callers whose own work is already committed: a failure is logged and
    /// left to <see cref="CompletionSweeper"/>, never allowed to fault the message that did the work.
    /// </summary>
    public async Task TryPublishIfEndedAsync(Guid importId, IPublishEndpoint publisher, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await PublishIfEndedAsync(importId, publisher, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "ImportCompleted of import {ImportId} not published now; the completion sweeper will publish it", importId);
        }
    }
}
