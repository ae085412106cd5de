using System.Net.Mime;
using MassTransit;
using Velora.Ingestion.Messaging;

namespace Velora.Ingestion.Worker.Consumers;

/// <summary>
/// The <c>import-requested</c> queue. It also accepts plain JSON (content type <c>application/json</c>, or none),
/// so services that do not use MassTransit can publish requests with any AMQP client.
/// </summary>
public sealed class ImportRequestedConsumerDefinition : ConsumerDefinition<ImportRequestedConsumer>
{
    public ImportRequestedConsumerDefinition()
    {
        EndpointName = QueueNames.ImportRequested;
        ConcurrentMessageLimit = 2;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ImportRequestedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.DefaultContentType = new ContentType("application/json");
        endpointConfigurator.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: true);
        // No message retry: transient database and blob faults are retried by Polly around the whole consumption.
    }
}
