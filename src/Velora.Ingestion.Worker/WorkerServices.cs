using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Velora.Ingestion.Health;
using Velora.Ingestion.Messaging;
using Velora.Ingestion.Telemetry;
using Velora.Ingestion.Worker.Completion;
using Velora.Ingestion.Worker.Consumers;
using Velora.Ingestion.Worker.Importing;

namespace Velora.Ingestion.Worker;

/// <summary>The worker's wiring: the core library, the consumers (requests, chunks, reverts) and the sweepers (completions, stalled imports).</summary>
public static class WorkerServices
{
    public static IHostApplicationBuilder AddIngestionWorker(this IHostApplicationBuilder builder)
    {
        builder.Services.AddIngestionCore(builder.Configuration);
        builder.Services.AddCheckedOptions<WorkerOptions>(builder.Configuration, WorkerOptions.SectionName);
        builder.Services.AddSingleton<ImportCompletionPublisher>();
        builder.Services.AddSingleton<ImportJobStore>();
        builder.Services.AddSingleton<ImportPlanner>();
        builder.Services.AddSingleton<ChunkImporter>();
        builder.Services.AddSingleton<Reverting.ImportReverter>();
        builder.Services.AddHostedService<CompletionSweeper>();
        builder.Services.AddHostedService<StalledImportSweeper>();
        builder.Services.AddIngestionHealthChecks();
        builder.Services.AddIngestionTelemetry(builder.Configuration, "velora-ingestion-worker");
        builder.Services.AddIngestionBus(builder.Configuration, bus =>
        {
            bus.AddConsumer<ImportRequestedConsumer, ImportRequestedConsumerDefinition>();
            bus.AddConsumer<ImportChunkConsumer, ImportChunkConsumerDefinition>();
            bus.AddConsumer<ImportRevertConsumer, ImportRevertConsumerDefinition>();
        });
        return builder;
    }
}
