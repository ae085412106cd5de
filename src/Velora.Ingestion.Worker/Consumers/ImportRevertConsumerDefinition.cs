using MassTransit;
using Velora.Ingestion.Messaging;

namespace Velora.Ingestion.Worker.Consumers;

/// <summary>The <c>import-revert</c> queue: two reverts at once per worker, each one chunk after another.</summary>
public sealed class ImportRevertConsumerDefinition : ConsumerDefinition<ImportRevertConsumer>
{
    public ImportRevertConsumerDefinition()
    {
        EndpointName = QueueNames.ImportRevert;
        ConcurrentMessageLimit = 2;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ImportRevertConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        // No message retry: transient database and blob faults are retried by Polly around each chunk.
    }
}
