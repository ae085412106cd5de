using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Health;

[Collection(RunningIngestionGroup.Name)]
public sealed class HealthEndpointTests(RunningIngestion ingestion)
{
    [Fact]
    public async Task Ready_reports_postgresql_rabbitmq_and_the_blob_store_healthy()
    {
        using var live = await ingestion.Gateway.GetAsync(new Uri("/health/live", UriKind.Relative));
        using var ready = await ingestion.Gateway.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var report = await ready.Content.ReadFromJsonAsync<JsonElement>();
        var checks = report.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("postgresql").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("blob-store").GetProperty("status").GetString());
        Assert.Contains(checks.EnumerateObject(), check => check.Name.Contains("masstransit", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Ready_answers_503_and_names_the_database_when_postgresql_is_unreachable()
    {
        await using var gateway = ingestion.GatewayWith(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Host=127.0.0.1;Port={Ports.Closed()};Username=postgres;Timeout=2",
            ["Database:ApplyMigrations"] = "false",
        });
        using var client = gateway.CreateClient();

        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var report = await ready.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Unhealthy", report.GetProperty("checks").GetProperty("postgresql").GetProperty("status").GetString());
    }
}
