using Velora.Ingestion.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Velora.Ingestion.IntegrationTests.Scaling;

/// <summary>
/// One import spread over three worker processes that share nothing but PostgreSQL, RabbitMQ and an S3-compatible
/// blob store, as on three machines: every worker takes chunks, and losing one mid-run loses and doubles nothing.
/// </summary>
[Collection(WorkerProcessGroup.Name)]
public sealed class ManyWorkersTests(WorkerProcessIngestion ingestion, S3Server s3, ITestOutputHelper output) : IClassFixture<S3Server>
{
    [Fact]
    public async Task Three_workers_share_a_million_row_import_and_killing_one_mid_run_still_gives_exact_counts()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("many-workers");
        var (csv, processed, succeeded, skipped, failed) = PurchaseFiles.LargeWithRepeats(1_000_000, 10_000);
        var blobs = s3.Settings($"many-workers-{Guid.NewGuid():N}"[..30]);
        var workerSettings = new Dictionary<string, string?>(blobs) { ["Worker:ChunkRows"] = "10000" };
        var workers = Enumerable.Range(1, 3).Select(n => ingestion.StartWorker(workerSettings, $"worker-{n}")).ToList();
        try
        {
            await using var gateway = ingestion.GatewayWith(blobs);
            using var client = gateway.CreateClient();
            var importId = await RunningIngestion.ImportAsync(client, key, csv);

            // A third of the 101 chunks are in, and every worker has committed some, before one of them dies.
            await Eventually.WaitUntilAsync(
                async () => await ingestion.ChunksDoneAsync(importId) >= 34 && await WorkersWithChunksAsync(importId) == 3, TimeSpan.FromSeconds(120));
            var doneAtKill = await ingestion.ChunksDoneAsync(importId);
            var chunkCount = await ingestion.ScalarAsync("SELECT chunk_count FROM import_jobs WHERE id = @p", importId);
            Assert.True(doneAtKill < chunkCount, "the import ended before the kill");
            await workers[1].KillAsync();
            output.WriteLine($"worker-2 killed after {doneAtKill} of {chunkCount} chunks");

            await ingestion.AssertEndedExactlyAsync(importId, tenant.Id, (processed, succeeded, skipped, failed), TimeSpan.FromSeconds(240));
            Assert.Equal(3, await WorkersWithChunksAsync(importId));
            output.WriteLine(string.Join(", ", await ChunksPerWorkerAsync(importId)));
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }
        }
    }

    Task<long> WorkersWithChunksAsync(Guid importId) =>
        ingestion.ScalarAsync("SELECT count(DISTINCT done_by) FROM import_chunks WHERE import_id = @p AND done_at IS NOT NULL", importId);

    async Task<IReadOnlyList<string>> ChunksPerWorkerAsync(Guid importId)
    {
        await using var connection = await ingestion.AdminDataSource.OpenConnectionAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT done_by || ': ' || count(*) FROM import_chunks WHERE import_id = @p GROUP BY done_by ORDER BY done_by", connection);
        command.Parameters.AddWithValue("p", importId);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }
}
