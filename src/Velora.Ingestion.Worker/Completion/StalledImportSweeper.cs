using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Velora.Ingestion.Contracts;
using Velora.Ingestion.Messaging;
using Velora.Ingestion.Worker.Importing;

namespace Velora.Ingestion.Worker.Completion;

/// <summary>
/// Restarts imports that stopped moving: a request the gateway recorded but never published (it crashed in between),
/// or an import whose window of chunk messages was lost (a worker of an older version, a broker that lost messages).
/// Publishing ImportRequested again is safe: planning keeps its first plan and only re-sends what is not done.
/// Uploads whose file never arrived (the gateway died mid-upload) are ended as refused.
/// </summary>
public sealed class StalledImportSweeper(ImportJobStore jobs, IBus bus, IOptions<WorkerOptions> options, TimeProvider time, ILogger<StalledImportSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CompletionSweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                foreach (var abandoned in await jobs.RefuseAbandonedUploadsAsync(options.Value.AbandonedUploadAfter, stoppingToken))
                {
                    logger.LogWarning("Import {ImportId}: its upload never completed within {Limit}; ended as refused", abandoned, options.Value.AbandonedUploadAfter);
                }

                foreach (var job in await jobs.StalledAsync(options.Value.StalledImportAfter, 100, stoppingToken))
                {
                    logger.LogWarning("Import {ImportId} ({Status}) made no progress for {Stalled}: publishing its request again", job.Id, job.Status, options.Value.StalledImportAfter);
                    await bus.Publish(
                        new ImportRequested(job.Id, job.TenantId, job.InteractionType, job.BlobKey, job.FileName),
                        context => context.MessageId = MessageIds.ImportRequested(job.Id),
                        stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Stalled-import sweep failed; it runs again in {Interval}", options.Value.CompletionSweepInterval);
            }
        }
    }
}
