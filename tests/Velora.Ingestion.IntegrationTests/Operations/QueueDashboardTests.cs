using System.Net.Http.Json;
using System.Text.Json;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Operations;

/// <summary>What ops see on the RabbitMQ dashboard: queues and exchanges with readable, kebab-case names.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class QueueDashboardTests(RunningIngestion ingestion)
{
    [Fact]
    public async Task The_dashboard_lists_the_queues_and_exchanges_by_readable_names()
    {
        using var management = ingestion.Environment.ManagementClient()
            ?? throw new InvalidOperationException("This test reads the RabbitMQ management API: set VELORA_TEST_RABBITMQ_MANAGEMENT (./test.sh does).");
        var vhost = Uri.EscapeDataString(ingestion.Environment.VirtualHost);

        var queues = Names(await management.GetFromJsonAsync<JsonElement>($"api/queues/{vhost}"));
        var exchanges = Names(await management.GetFromJsonAsync<JsonElement>($"api/exchanges/{vhost}"));

        Assert.Contains("import-requested", queues);
        Assert.Contains("import-chunk", queues);
        Assert.Contains("velora.import-requested", exchanges);
        Assert.Contains("velora.import-completed", exchanges);
        Assert.DoesNotContain(exchanges, name => name.Contains("Velora.Ingestion", StringComparison.Ordinal));
    }

    static List<string> Names(JsonElement list) => list.EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToList();
}
