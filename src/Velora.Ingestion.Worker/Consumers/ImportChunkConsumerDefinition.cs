using MassTransit;
using Microsoft.Extensions.Options;
using Velora.Ingestion.Messaging;

namespace Velora.Ingestion.Worker.Consumers;

/// <summary>The <c>import-chunk</c> queue: several chunks at once per worker, and any number of workers.</summary>
public sealed class ImportChunkConsumerDefinition : ConsumerDefinition<ImportChunkConsumer>
{
    public ImportChunkConsumerDefinition(IOptions<WorkerOptions> options)
    {
        EndpointName = QueueNames.ImportChunk;
        ConcurrentMessageLimit = options.Value.ChunkConcurrency;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ImportChunkConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        // Prefetch no more than is processed at once, so idle workers get the remaining chunks.
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.PrefetchCount = ConcurrentMessageLimit ?? 1;
        }
    }
}
