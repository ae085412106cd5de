using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Velora.Ingestion.Batching;
using Velora.Ingestion.Blobs;
using Velora.Ingestion.IntegrationTests.Infrastructure;
using Velora.Ingestion.Jobs;
using Velora.Ingestion.Parsing;

namespace Velora.Ingestion.IntegrationTests.Batching;

/// <summary>The chunk transaction against PostgreSQL, with the job failing at the moments a running system meets by chance.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class ChunkImporterTests(RunningIngestion ingestion)
{
    [Fact]
    public async Task A_chunk_of_a_job_that_failed_while_it_ran_keeps_none_of_its_rows()
    {
        var (tenant, _) = await ingestion.CreateTenantAsync("fails-mid-chunk");
        var importId = await PlannedImportAsync(tenant.Id, PurchaseFiles.Large(50).Csv);
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
        var importId = await PlannedImportAsync(tenant.Id, PurchaseFiles.Large(50).Csv);
        await new ImportJobStore(ingestion.AdminDataSource, TimeProvider.System).FailAsync(importId, "the file went away", CancellationToken.None);

        var outcome = await ingestion.WorkerServices.GetRequiredService<ChunkImporter>().ImportAsync(importId, 0, (_, _) => Task.CompletedTask, CancellationToken.None);

        Assert.Equal(ChunkOutcome.AlreadyDone, outcome);
        Assert.Equal(0, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE import_id = @p", importId));
    }

    /// <summary>An import recorded with its file and planned, whose chunk messages were never sent: the test runs its chunk itself.</summary>
    async Task<Guid> PlannedImportAsync(Guid tenantId, string csv)
    {
        var importId = Guid.NewGuid();
        var blobKey = BlobKeys.ForImport(tenantId, importId);
        var blobs = new FileSystemBlobStore(Options.Create(new BlobOptions { Root = ingestion.Environment.BlobRoot }));
        var size = await blobs.WriteAsync(blobKey, new MemoryStream(Encoding.UTF8.GetBytes(csv)), CancellationToken.None);
        var recorded = await new TenantImports(ingestion.AdminDataSource, TimeProvider.System)
            .CreateAsync(tenantId, importId, "purchase", blobKey, "fails.csv", ImportOptions.Detect, size, null, received: true, CancellationToken.None);
        Assert.Equal(ImportAdmission.Recorded, recorded);
        var jobs = new ImportJobStore(ingestion.AdminDataSource, TimeProvider.System);
        await jobs.MarkRunningAsync(importId, CancellationToken.None);
        using var file = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        await jobs.SavePlanAsync(
            importId,
            await ChunkPlanner.PlanAsync(file, Interactions.Purchase.Instance, ImportOptions.Detect, RunningIngestion.ChunkRows, ImportLimits.Default, CancellationToken.None),
            CancellationToken.None);
        return importId;
    }
}
