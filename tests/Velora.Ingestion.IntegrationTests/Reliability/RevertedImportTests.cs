using Microsoft.Extensions.DependencyInjection;
using Velora.Ingestion.Batching;
using Velora.Ingestion.IntegrationTests.Imports;
using Velora.Ingestion.IntegrationTests.Infrastructure;
using Velora.Ingestion.Jobs;
using Velora.Ingestion.Worker.Importing;

namespace Velora.Ingestion.IntegrationTests.Reliability;

/// <summary>Messages that arrive late for a reverted import change nothing: no rows come back, no status is overwritten.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class RevertedImportTests(RunningIngestion ingestion)
{
    async Task<(Guid TenantId, Guid ImportId)> RevertedImportAsync(string name)
    {
        var (tenant, key) = await ingestion.CreateTenantAsync(name);
        var importId = await ingestion.ImportAsync(key, System.Text.Encoding.UTF8.GetBytes(
            string.Concat(Enumerable.Range(0, 250).Select(i => $"u{i},i{i}\n").Prepend("user_id,item_id\n"))), "type=view");
        await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(30));
        using (var revert = await RevertTests.RevertAsync(ingestion.Gateway, key, importId))
        {
            revert.EnsureSuccessStatusCode();
        }

        await Eventually.WaitUntilAsync(async () => (await ingestion.StatusAsync(key, importId)).GetProperty("status").GetString() == "reverted", TimeSpan.FromSeconds(30));
        return (tenant.Id, importId);
    }

    [Fact]
    public async Task A_late_chunk_message_for_a_reverted_import_writes_nothing_and_sends_nothing()
    {
        var (tenantId, importId) = await RevertedImportAsync("late-chunk");
        // As if chunk 1's message had been waiting in the queue all along.
        await ingestion.ScalarAsync("WITH u AS (UPDATE import_chunks SET done_at = NULL, published_at = NULL WHERE import_id = @p AND chunk_index = 1 RETURNING 1) SELECT count(*) FROM u", importId);
        var importer = ingestion.WorkerServices.GetRequiredService<ChunkImporter>();
        var sent = 0;

        var outcome = await importer.ImportAsync(importId, 1, (_, _) => { sent++; return Task.CompletedTask; }, CancellationToken.None);

        Assert.Equal(ChunkOutcome.AlreadyDone, outcome);
        Assert.Equal(0, sent);
        Assert.Equal(0, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE tenant_id = @p", tenantId));
    }

    [Fact]
    public async Task A_late_failure_does_not_overwrite_a_reverted_import()
    {
        var (_, importId) = await RevertedImportAsync("late-failure");
        var jobs = ingestion.WorkerServices.GetRequiredService<ImportJobStore>();

        await jobs.FailAsync(importId, "a late request found no file", CancellationToken.None);

        var job = await jobs.FindAsync(importId, CancellationToken.None);
        Assert.Equal(ImportStatus.Reverted, job!.Status);
        Assert.Null(job.Error);
    }
}
