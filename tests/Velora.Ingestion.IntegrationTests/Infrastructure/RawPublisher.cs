using System.Text.Json;
using RabbitMQ.Client;

namespace Velora.Ingestion.IntegrationTests.Infrastructure;

/// <summary>Publishes ImportRequested as plain JSON with RabbitMQ.Client, the way the README tells a non-.NET service to.</summary>
public static class RawPublisher
{
    public const string Exchange = "velora.import-requested";

    public static async Task PublishImportRequestedAsync(Uri rabbitMq, object request)
    {
        var connection = await new ConnectionFactory { Uri = rabbitMq }.CreateConnectionAsync();
        await using (connection)
        {
            await using var channel = await connection.CreateChannelAsync();
            var properties = new BasicProperties { ContentType = "application/json", DeliveryMode = DeliveryModes.Persistent };
            await channel.BasicPublishAsync(Exchange, string.Empty, mandatory: true, properties, JsonSerializer.SerializeToUtf8Bytes(request));
        }
    }
}
