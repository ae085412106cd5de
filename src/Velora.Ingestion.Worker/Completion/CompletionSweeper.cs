using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Velora.Ingestion.Worker.Importing;

namespace Velora.Ingestion.Worker.Completion;

/// <summary>Publishes ImportCompleted for imports that ended but whose publication was never confirmed (a crash between commit and publish).</summary>
public sealed class CompletionSweeper(ImportJobStore jobs, ImportCompletionPublisher completions, IBus bus, IOptions<WorkerOptions> options, TimeProvider time, ILogger<CompletionSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CompletionSweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // Imports that ended a moment ago are still being published by the consumer that ended them.
                foreach (var importId in await jobs.UnpublishedCompletionsAsync(options.Value.CompletionSweepInterval, 100, stoppingToken))
                {
                    logger.LogInformation("Publishing the missing ImportCompleted of import {ImportId}", importId);
                    await completions.PublishIfEndedAsync(importId, bus, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Completion sweep failed; it runs again in {Interval}", options.Value.CompletionSweepInterval);
            }
        }
    }
}
