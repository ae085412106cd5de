using RabbitMQ.Client;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Reliability;

/// <summary>A request that cannot be processed ends in the error queue or as a failed job with its reason: never an endless redelivery.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class PoisonMessageTests(RunningIngestion ingestion)
{
    [Fact]
    public async Task A_request_for_an_unknown_tenant_goes_to_the_error_queue_once()
    {
        var importId = Guid.NewGuid();
        await PublishAsync(new { importId, tenantId = Guid.NewGuid(), interactionType = "purchase", blobKey = "x/y.csv", fileName = "y.csv" });

        var inErrorQueue = await WaitForMessagesAsync("import-requested_error", 1, TimeSpan.FromSeconds(30));

        // Out of circulation: one copy, this request's, in the error queue (where nothing takes it from), none left to deliver.
        Assert.Equal(1u, inErrorQueue);
        var connection = await new ConnectionFactory { Uri = ingestion.Environment.RabbitMq }.CreateConnectionAsync();
        await using (connection)
        {
            Assert.Equal(0u, await MessageCountAsync(connection, "import-requested"));
            await using var channel = await connection.CreateChannelAsync();
            var parked = await channel.BasicGetAsync("import-requested_error", autoAck: false);
            Assert.NotNull(parked);
            Assert.Contains(importId.ToString(), System.Text.Encoding.UTF8.GetString(parked.Body.Span), StringComparison.Ordinal);
            await channel.BasicNackAsync(parked.DeliveryTag, multiple: false, requeue: true);
        }

        Assert.Equal(0, await ingestion.ScalarAsync("SELECT count(*) FROM import_jobs WHERE id = @p", importId));
    }

    [Fact]
    public async Task A_request_whose_file_is_missing_ends_as_a_failed_import_with_the_reason()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("poison");
        var importId = Guid.NewGuid();
        await PublishAsync(new { importId, tenantId = tenant.Id, interactionType = "purchase", blobKey = $"{tenant.Id:N}/missing.csv", fileName = "missing.csv" });

        var completed = await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(30));

        Assert.Equal("failed", completed.GetProperty("status").GetString());
        Assert.Equal("The file was not found in the blob store", (await ingestion.StatusAsync(key, importId)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_request_for_another_tenants_file_fails_without_reading_it()
    {
        var (owner, _) = await ingestion.CreateTenantAsync("owner");
        var (intruder, key) = await ingestion.CreateTenantAsync("intruder");
        var importId = Guid.NewGuid();
        await PublishAsync(new { importId, tenantId = intruder.Id, interactionType = "purchase", blobKey = $"{owner.Id:N}/anything.csv", fileName = "x.csv" });

        await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(30));

        var error = (await ingestion.StatusAsync(key, importId)).GetProperty("error").GetString();
        Assert.StartsWith("The blob key is not a valid key of the blob store for this tenant", error, StringComparison.Ordinal);
    }

    Task PublishAsync(object request) => RawPublisher.PublishImportRequestedAsync(ingestion.Environment.RabbitMq, request);

    async Task<uint> WaitForMessagesAsync(string queue, uint expected, TimeSpan timeout)
    {
        var connection = await new ConnectionFactory { Uri = ingestion.Environment.RabbitMq }.CreateConnectionAsync();
        await using (connection)
        {
            var deadline = DateTime.UtcNow + timeout;
            uint count = 0;
            while (DateTime.UtcNow < deadline)
            {
                // A message reaches the error queue when the consumer's retries are spent: an endless redelivery would never bring it here.
                count = await MessageCountAsync(connection, queue);
                if (count >= expected)
                {
                    return count;
                }

                await Task.Delay(200);
            }

            return count;
        }
    }

    static async Task<uint> MessageCountAsync(IConnection connection, string queue)
    {
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            // The error queue is created with the first faulted message.
            return 0;
        }
    }
}
