using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dapper;
using Velora.Ingestion.IntegrationTests.Infrastructure;
using Velora.Ingestion.Worker.Importing;

namespace Velora.Ingestion.IntegrationTests.Reliability;

/// <summary>An accepted upload is never lost: when the broker cannot take the request, the upload is refused and never runs.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class BrokerOutageTests(RunningIngestion ingestion)
{
    [Fact]
    public async Task An_upload_while_the_broker_is_unreachable_is_refused_with_503_and_leaves_no_file_and_no_runnable_job()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("outage");
        await using var gateway = ingestion.GatewayWith(new Dictionary<string, string?>
        {
            ["RabbitMq:Port"] = Ports.Closed().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:PublishTimeout"] = "00:00:03",
        });
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/imports?type=purchase&file_name=x.csv")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(PurchaseFiles.Acceptance().Csv)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        request.Headers.Add("X-Api-Key", key);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal(1, await ingestion.ScalarAsync("SELECT count(*) FROM import_jobs WHERE tenant_id = @p AND status = 'refused' AND error LIKE 'Refused:%' AND started_at IS NULL", tenant.Id));
        Assert.Equal(0, await ingestion.ScalarAsync("SELECT count(*) FROM import_jobs WHERE tenant_id = @p AND status <> 'refused'", tenant.Id));
        Assert.False(Directory.Exists(Path.Combine(ingestion.Environment.BlobRoot, $"{tenant.Id:N}"))
            && Directory.EnumerateFiles(Path.Combine(ingestion.Environment.BlobRoot, $"{tenant.Id:N}")).Any());

        // Nobody was told it was accepted: no completion is marked sent, and the completion sweeper never announces one.
        await using var connection = await ingestion.AdminDataSource.OpenConnectionAsync();
        var refused = await connection.QuerySingleAsync<Guid>("SELECT id FROM import_jobs WHERE tenant_id = @id AND completion_published_at IS NULL", new { tenant.Id });
        var store = new ImportJobStore(ingestion.AdminDataSource, TimeProvider.System);
        Assert.DoesNotContain(refused, await store.UnpublishedCompletionsAsync(TimeSpan.Zero, int.MaxValue, CancellationToken.None));
    }
}
