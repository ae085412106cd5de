using System.Net;
using Velora.Ingestion.IntegrationTests.Imports;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Reliability;

/// <summary>A revert survives a worker killed with SIGKILL half-way: it resumes, and the count is exact.</summary>
[Collection(WorkerProcessGroup.Name)]
public sealed class RevertCrashTests(WorkerProcessIngestion ingestion)
{
    Task<long> ChunksRevertedAsync(Guid importId)
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        return ingestion.ScalarAsync("SELECT chunks_reverted FROM import_jobs WHERE id = @p", importId);
    }

    [Fact]
    public async Task A_revert_resumes_after_the_worker_is_killed_and_removes_every_row_once()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("revert-crash");
        var (csv, failed) = PurchaseFiles.Large(300_000);
        var importId = await ingestion.ImportAsync(key, csv);

        // Queued (no worker yet): not ended, so not revertible.
        using (var early = await RevertTests.RevertAsync(ingestion.Gateway, key, importId))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        }

        var worker = ingestion.StartWorker();
        try
        {
            await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(120));
            var stored = await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE import_id = @p", importId);
            Assert.Equal(300_000 - failed, stored);

            using (var revert = await RevertTests.RevertAsync(ingestion.Gateway, key, importId))
            {
                Assert.Equal(HttpStatusCode.Accepted, revert.StatusCode);
            }

            await Eventually.WaitUntilAsync(async () => await ChunksRevertedAsync(importId) >= 10, TimeSpan.FromSeconds(60));
            await worker.KillAsync();
            await worker.DisposeAsync();
            var revertedBeforeKill = await ChunksRevertedAsync(importId);
            Assert.True(revertedBeforeKill < 300, $"the revert ended ({revertedBeforeKill} chunks) before the kill landed");
            Assert.Equal("reverting", (await ingestion.StatusAsync(key, importId)).GetProperty("status").GetString());

            worker = ingestion.StartWorker();
            await Eventually.WaitUntilAsync(
                async () => (await ingestion.StatusAsync(key, importId)).GetProperty("status").GetString() == "reverted", TimeSpan.FromSeconds(120));

            var status = await ingestion.StatusAsync(key, importId);
            Assert.Equal(stored, status.GetProperty("revert").GetProperty("rows_removed").GetInt64());
            Assert.Equal(300, status.GetProperty("revert").GetProperty("chunks_done").GetInt32());
            Assert.Equal(0, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE tenant_id = @p", tenant.Id));
            Assert.Equal(stored, await ingestion.ScalarAsync("SELECT sum(rows_reverted) FROM import_chunks WHERE import_id = @p", importId));
        }
        finally
        {
            await worker.DisposeAsync();
        }
    }
}
