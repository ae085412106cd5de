using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Velora.Ingestion.IntegrationTests.Infrastructure;
using Velora.Ingestion.Worker.Importing;

namespace Velora.Ingestion.IntegrationTests.Importing;

/// <summary>The chunk transaction against PostgreSQL, with the job failing at the moments a running system meets by chance.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class ChunkImporterTests(RunningIngestion ingestion)
{
    [Fact]
    public async Task A_chunk_of_a_job_that_failed_while_it_ran_keeps_none_of_its_rows()
    {
        var (tenant, _) = await ingestion.CreateTenantAsync("fails-mid-chunk");
        var importId = await UnsentImports.PlannedAsync(ingestion, tenant.Id, PurchaseFiles.Large(50).Csv);
        var chunks = ingestion.WorkerServices.GetRequiredService<ChunkImporter>();

        // The job fails while the chunk runs: the failure holds the job's row until the chunk wants to count.
        await using var failure = await ingestion.AdminDataSource.OpenConnectionAsync();
        await using var transaction = await failure.BeginTransactionAsync();
        await failure.ExecuteAsync("UPDATE import_jobs SET status = 'failed', error = 'the file went away' WHERE id = @importId", new { importId }, transaction);
        var failing = await failure.ExecuteScalarAsync<int>("SELECT pg_backend_pid()", transaction: transaction);
        var importing = chunks.ImportAsync(importId, 0, (_, _) => Task.CompletedTask, CancellationToken.None);
        await Eventually.WaitUntilAsync(
            async () => await ingestion.ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE @p = ANY(pg_blocking_pids(pid))", failing) > 0,
            TimeSpan.FromSeconds(10));
        await transaction.CommitAsync();

        Assert.Equal(ChunkOutcome.AlreadyDone, await importing);
        Assert.Equal(0, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE import_id = @p", importId));
        Assert.Equal(0, await ingestion.ScalarAsync("SELECT count(*) FROM import_failures WHERE import_id = @p", importId));
        Assert.Equal(0, await ingestion.ScalarAsync("SELECT count(*) FROM import_chunks WHERE import_id = @p AND done_at IS NOT NULL", importId));
        Assert.Equal(0, await ingestion.ScalarAsync("SELECT processed FROM import_jobs WHERE id = @p", importId));
    }

    [Fact]
    public async Task A_chunk_of_a_job_that_had_failed_before_it_started_writes_nothing()
    {
        var (tenant, _) = await ingestion.CreateTenantAsync("failed-before-chunk");
        var importId = await UnsentImports.PlannedAsync(ingestion, tenant.Id, PurchaseFiles.Large(50).Csv);
        await new ImportJobStore(ingestion.AdminDataSource, TimeProvider.System).FailAsync(importId, "the file went away", CancellationToken.None);

        var outcome = await ingestion.WorkerServices.GetRequiredService<ChunkImporter>().ImportAsync(importId, 0, (_, _) => Task.CompletedTask, CancellationToken.None);

        Assert.Equal(ChunkOutcome.AlreadyDone, outcome);
        Assert.Equal(0, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE import_id = @p", importId));
    }
}
