using Npgsql;
using Velora.Ingestion.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Velora.Ingestion.IntegrationTests.Reliability;

/// <summary>The database or the broker going away mid-import delays the import; it does not lose, double or miscount a row.</summary>
[Collection(WorkerProcessGroup.Name)]
public sealed class ServiceRestartTests(WorkerProcessIngestion ingestion, ITestOutputHelper output)
{
    [Theory]
    [InlineData("fast")]
    [InlineData("immediate")]
    public async Task PostgreSQL_stopped_and_restarted_mid_import_still_gives_exact_counts(string shutdownMode) =>
        await ImportThroughAsync(() => ServiceControl.RestartPostgresAsync(shutdownMode));

    [Fact]
    public async Task RabbitMQ_stopped_and_restarted_mid_import_loses_no_message() =>
        await ImportThroughAsync(ServiceControl.RestartRabbitMqAsync);

    async Task ImportThroughAsync(Func<Task> outage)
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("outage");
        var (csv, processed, succeeded, skipped, failed) = PurchaseFiles.LargeWithRepeats(200_000, 2_000);
        var importId = await ingestion.ImportAsync(key, csv);
        await using var worker = ingestion.StartWorker();

        await Eventually.WaitUntilAsync(async () => await ingestion.ChunksDoneAsync(importId) > 10, TimeSpan.FromSeconds(60));
        var before = await ingestion.ChunksDoneAsync(importId);
        await outage();
        output.WriteLine($"outage after {before} chunks done");

        var end = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (await JobStatusAsync(importId) != "succeeded")
        {
            Assert.True(DateTime.UtcNow < end, "the import did not end within 3 minutes after the outage");
            Assert.False(worker.HasExited, "the worker process died");
            await Task.Delay(200);
        }

        Assert.True(before < await Scalar("SELECT chunk_count FROM import_jobs WHERE id = @p", importId), "the outage came after the import had ended");
        var status = await ingestion.StatusAsync(key, importId);
        Assert.Equal(
            (processed, succeeded, skipped, failed),
            (status.GetProperty("processed").GetInt64(), status.GetProperty("succeeded").GetInt64(),
             status.GetProperty("skipped").GetInt64(), status.GetProperty("failed").GetInt64()));
        Assert.Equal(succeeded, await Scalar("SELECT count(*) FROM interactions WHERE tenant_id = @p", tenant.Id));
        Assert.Equal(failed, await Scalar("SELECT count(*) FROM import_failures WHERE import_id = @p", importId));
        var completed = await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(60));
        Assert.Equal(succeeded, completed.GetProperty("summary").GetProperty("succeeded").GetInt64());
    }

    async Task<string?> JobStatusAsync(Guid importId)
    {
        try
        {
            await using var connection = new NpgsqlConnection(ingestion.Environment.DatabaseConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT status FROM import_jobs WHERE id = @p", connection);
            command.Parameters.AddWithValue("p", importId);
            return (string?)await command.ExecuteScalarAsync();
        }
        catch (NpgsqlException)
        {
            return null; // the database is restarting
        }
    }

    async Task<long> Scalar(string sql, object parameter)
    {
        NpgsqlConnection.ClearAllPools();
        return await ingestion.ScalarAsync(sql, parameter);
    }
}
