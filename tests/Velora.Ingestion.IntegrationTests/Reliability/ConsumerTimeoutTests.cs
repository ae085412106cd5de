using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Velora.Ingestion.IntegrationTests.Infrastructure;
using Velora.Ingestion.Writing;

namespace Velora.Ingestion.IntegrationTests.Reliability;

/// <summary>
/// RabbitMQ closes the channel of a delivery that stays unacknowledged past consumer_timeout and redelivers the message
/// while the first consumer may still be working on it. The chunk must still be counted once.
/// </summary>
[Collection(WorkerProcessGroup.Name)]
public sealed class ConsumerTimeoutTests(WorkerProcessIngestion ingestion)
{
    static readonly DateTimeOffset At = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_chunk_held_past_the_consumer_timeout_is_redelivered_and_still_counted_once()
    {
        var management = ingestion.Environment.ManagementClient()
            ?? throw new InvalidOperationException("This test reads RabbitMQ's redelivery count from its management API: set VELORA_TEST_RABBITMQ_MANAGEMENT (./test.sh does).");
        var (tenant, key) = await ingestion.CreateTenantAsync("timeout");
        var csv = new StringBuilder("user_id,item_id,timestamp\n");
        for (var i = 0; i < 2_500; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"u{i},i{i},{At.AddMinutes(i):yyyy-MM-dd'T'HH:mm:ss'Z'}\n");
        }

        // An uncommitted insert of row 1's interaction makes the first chunk's COPY wait, past the consumer timeout.
        await using var blocker = new NpgsqlConnection(ingestion.Environment.DatabaseConnectionString);
        await blocker.OpenAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO interactions (tenant_id, identity_key, interaction_type, user_id, item_id, occurred_at, import_id, row_number) VALUES (@t, @k, 'purchase', 'u0', 'i0', @at, @t, 0)",
            blocker, hold))
        {
            insert.Parameters.AddWithValue("t", tenant.Id);
            insert.Parameters.AddWithValue("k", InteractionIdentity.Of("purchase", "u0", "i0", At).ToGuid());
            insert.Parameters.AddWithValue("at", At);
            await insert.ExecuteNonQueryAsync();
        }

        await ServiceControl.SetConsumerTimeoutAsync(TimeSpan.FromSeconds(5));
        try
        {
            var importId = await ingestion.ImportAsync(key, csv.ToString());
            await using var worker = ingestion.StartWorker();

            await WaitForRedeliveryAsync(management, TimeSpan.FromSeconds(150));
            await hold.RollbackAsync();

            var summary = (await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(60))).GetProperty("summary");
            Assert.Equal((2_500L, 2_500L, 0L, 0L), (summary.GetProperty("processed").GetInt64(), summary.GetProperty("succeeded").GetInt64(),
                summary.GetProperty("skipped").GetInt64(), summary.GetProperty("failed").GetInt64()));
            Assert.Equal(2_500, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE tenant_id = @p", tenant.Id));
            Assert.Equal(2_500, await ingestion.ScalarAsync("SELECT sum(processed) FROM import_chunks WHERE import_id = @p", importId));
        }
        finally
        {
            await ServiceControl.SetConsumerTimeoutAsync(TimeSpan.FromMinutes(30));
        }
    }

    async Task WaitForRedeliveryAsync(HttpClient management, TimeSpan timeout)
    {
        var vhost = Uri.EscapeDataString(ingestion.Environment.VirtualHost);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var response = await management.GetAsync(new Uri($"api/queues/{vhost}/import-chunk", UriKind.Relative));
            // 404 until the worker has declared its queue.
            var queue = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
            if (queue.ValueKind == JsonValueKind.Object && queue.TryGetProperty("message_stats", out var stats) && stats.TryGetProperty("redeliver", out var redelivered) && redelivered.GetInt64() > 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"RabbitMQ did not redeliver the held chunk within {timeout}");
            await Task.Delay(1000);
        }
    }
}
