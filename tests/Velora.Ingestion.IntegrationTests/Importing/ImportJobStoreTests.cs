using System.Net;
using System.Net.Http.Json;
using Dapper;
using Velora.Ingestion.IntegrationTests.Infrastructure;
using Velora.Ingestion.Reporting;
using Velora.Ingestion.Worker.Importing;

namespace Velora.Ingestion.IntegrationTests.Importing;

/// <summary>The worker's job store against PostgreSQL, with the interleavings a running system only meets by chance made to happen.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class ImportJobStoreTests(RunningIngestion ingestion)
{
    [Fact]
    public async Task Failing_a_dry_run_drops_the_keys_of_a_chunk_that_committed_while_the_failure_waited_for_the_job()
    {
        var (tenant, _) = await ingestion.CreateTenantAsync("fail-dry-run");
        var importId = Guid.CreateVersion7();
        await using (var setup = await ingestion.AdminDataSource.OpenConnectionAsync())
        {
            await setup.ExecuteAsync(
                "INSERT INTO import_jobs (id, tenant_id, interaction_type, blob_key, status, mode) VALUES (@importId, @tenant, 'view', 'k', 'running', 'validate')",
                new { importId, tenant = tenant.Id });
        }

        // A chunk of the dry run, mid-commit: its keys claimed, the job's row locked by its counters.
        await using var chunk = await ingestion.AdminDataSource.OpenConnectionAsync();
        await using var transaction = await chunk.BeginTransactionAsync();
        await chunk.ExecuteAsync("INSERT INTO validation_keys (import_id, identity_key) VALUES (@importId, gen_random_uuid())", new { importId }, transaction);
        await chunk.ExecuteAsync("UPDATE import_jobs SET chunks_done = chunks_done WHERE id = @importId", new { importId }, transaction);
        var chunkBackend = await chunk.ExecuteScalarAsync<int>("SELECT pg_backend_pid()", transaction: transaction);

        var failing = new ImportJobStore(ingestion.AdminDataSource, TimeProvider.System).FailAsync(importId, "the file is gone", CancellationToken.None);
        // The failure's update is waiting for the chunk: only now may the chunk commit.
        await Eventually.WaitUntilAsync(
            async () => await ingestion.ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE @p = ANY(pg_blocking_pids(pid))", chunkBackend) > 0,
            TimeSpan.FromSeconds(10));
        await transaction.CommitAsync();
        await failing;

        Assert.Equal(1, await ingestion.ScalarAsync("SELECT count(*) FROM import_jobs WHERE id = @p AND status = 'failed'", importId));
        Assert.Equal(0, await ingestion.ScalarAsync("SELECT count(*) FROM validation_keys WHERE import_id = @p", importId));
    }

    [Fact]
    public async Task An_import_whose_users_are_recorded_after_an_erasure_of_one_of_them_leaves_that_user_unknown()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("record-after-erasure");
        var importId = await ingestion.ImportAsync(key, "user_id,item_id\ngone,i1\nkept,i2\n"u8.ToArray(), "type=view");
        await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(30));
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/v1/erasures") { Content = JsonContent.Create(new { user_ids = new List<string> { "gone" } }) })
        {
            request.Headers.Add("X-Api-Key", key);
            using var erased = await ingestion.Gateway.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, erased.StatusCode);
        }

        // As if the import's chunks had run before the erasure and its users were recorded only after it.
        await using (var connection = await ingestion.AdminDataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("DELETE FROM store_users WHERE tenant_id = @tenant", new { tenant = tenant.Id });
            await connection.ExecuteAsync("UPDATE import_jobs SET profile_recorded_at = NULL WHERE id = @importId", new { importId });
        }

        await new ImportJobStore(ingestion.AdminDataSource, TimeProvider.System).RecordProfileAsync(importId, CancellationToken.None);

        Assert.Equal(0, await ingestion.ScalarAsync($"SELECT count(*) FROM store_users WHERE tenant_id = '{tenant.Id}' AND user_hash = @p", (long)ChunkProfile.Hash("gone")));
        Assert.Equal(1, await ingestion.ScalarAsync($"SELECT count(*) FROM store_users WHERE tenant_id = '{tenant.Id}' AND user_hash = @p", (long)ChunkProfile.Hash("kept")));
    }
}
