using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Imports;

/// <summary>Another Velora service, not written with MassTransit, publishes ImportRequested as documented in the README.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class DirectPublisherTests(RunningIngestion ingestion)
{
    [Fact]
    public async Task An_ImportRequested_published_with_a_plain_amqp_client_is_imported()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("service");
        var importId = Guid.NewGuid();
        var blobKey = await ingestion.PutBlobAsync(
            tenant.Id, importId, System.Text.Encoding.UTF8.GetBytes("user_id,item_id,timestamp,price\nu1,i1,2025-08-22T15:12:00Z,10.00\nu2,i2,1755875520,-5\n"));

        // The README's JSON example, field for field.
        await RawPublisher.PublishImportRequestedAsync(ingestion.Environment.RabbitMq, new
        {
            importId,
            tenantId = tenant.Id,
            interactionType = "purchase",
            blobKey,
            fileName = "from-service.csv",
        });

        var completed = await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(60));

        var summary = completed.GetProperty("summary");
        Assert.Equal((2L, 1L, 0L, 1L), (summary.GetProperty("processed").GetInt64(), summary.GetProperty("succeeded").GetInt64(),
            summary.GetProperty("skipped").GetInt64(), summary.GetProperty("failed").GetInt64()));
        var status = await ingestion.StatusAsync(key, importId);
        Assert.Equal("from-service.csv", status.GetProperty("file_name").GetString());
        Assert.Equal("Invalid purchase amount: -5", status.GetProperty("failed_items")[0].GetProperty("error").GetString());
    }
}
