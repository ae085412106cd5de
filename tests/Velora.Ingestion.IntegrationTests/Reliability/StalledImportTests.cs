using Velora.Ingestion.Batching;
using Velora.Ingestion.Blobs;
using Velora.Ingestion.IntegrationTests.Infrastructure;
using Velora.Ingestion.Jobs;
using Velora.Ingestion.Parsing;
using Velora.Ingestion.Worker.Importing;

namespace Velora.Ingestion.IntegrationTests.Reliability;

/// <summary>
/// Imports whose messages were lost are restarted by the stalled-import sweeper (Worker:StalledImportAfter, 5 s here):
/// never a store left with an import that stays queued or running, counting against its limit.
/// </summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class StalledImportTests(RunningIngestion ingestion)
{
    string StalledAfter => ingestion.Settings["Worker:StalledImportAfter"]!;

    [Fact]
    public async Task An_import_recorded_but_never_published_is_started_and_completed_by_the_sweeper()
    {
        var (tenant, _) = await ingestion.CreateTenantAsync("never-published");
        var (csv, failed) = PurchaseFiles.Large(1_050);
        var importId = await UnsentImports.RecordWithFileAsync(ingestion, tenant.Id, csv);

        var summary = (await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(60))).GetProperty("summary");

        Assert.Equal((1_050, failed), (summary.GetProperty("processed").GetInt64(), summary.GetProperty("failed").GetInt64()));
        Assert.Equal(1_050 - failed, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE import_id = @p", importId));
        // Nothing but the sweeper knew of it, and the sweeper waits until an import has stalled that long.
        Assert.Equal(1, await ingestion.ScalarAsync($"SELECT count(*) FROM import_jobs WHERE id = @p AND started_at >= created_at + interval '{StalledAfter}'", importId));
    }

    [Fact]
    public async Task A_planned_import_whose_chunk_messages_were_lost_is_finished_by_the_sweeper()
    {
        var (tenant, _) = await ingestion.CreateTenantAsync("lost-chunks");
        var (csv, failed) = PurchaseFiles.Large(1_050);
        // Planned and every chunk marked as sent, but no chunk message exists: the window is empty for good.
        var importId = await UnsentImports.PlannedAsync(ingestion, tenant.Id, csv);
        await using (var connection = await ingestion.AdminDataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            Assert.Equal(11, (await ChunkWindow.ClaimAsync(connection, transaction, importId, 100, DateTimeOffset.UtcNow, CancellationToken.None)).Count);
            await transaction.CommitAsync();
        }

        var summary = (await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(60))).GetProperty("summary");

        Assert.Equal((1_050, failed), (summary.GetProperty("processed").GetInt64(), summary.GetProperty("failed").GetInt64()));
        Assert.Equal(1_050 - failed, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE import_id = @p", importId));
        // No chunk was done before the import had stalled for the sweeper's threshold: it was the sweeper that re-sent them.
        Assert.Equal(0, await ingestion.ScalarAsync($"SELECT count(*) FROM import_chunks c JOIN import_jobs j ON j.id = c.import_id WHERE j.id = @p AND c.done_at < j.started_at + interval '{StalledAfter}'", importId));
    }

    [Fact]
    public async Task An_upload_whose_gateway_died_mid_body_is_refused_unannounced_and_stops_counting_against_its_store()
    {
        var (tenant, _) = await ingestion.CreateTenantAsync("abandoned");
        var imports = new TenantImports(ingestion.AdminDataSource, TimeProvider.System);
        var abandoned = Guid.NewGuid();
        await imports.CreateAsync(tenant.Id, abandoned, "purchase", BlobKeys.ForImport(tenant.Id, abandoned), null, ImportOptions.Detect, null, null, received: false, CancellationToken.None);
        var received = await UnsentImports.RecordWithFileAsync(ingestion, tenant.Id, PurchaseFiles.Large(10).Csv);
        Assert.Equal(2, await ingestion.ScalarAsync("SELECT count(*) FROM import_jobs WHERE tenant_id = @p AND status = 'queued'", tenant.Id));

        // What the sweeper runs after Worker:AbandonedUploadAfter; here with no delay.
        var store = new ImportJobStore(ingestion.AdminDataSource, TimeProvider.System);
        var ended = await store.RefuseAbandonedUploadsAsync(TimeSpan.Zero, CancellationToken.None);

        Assert.Contains(abandoned, ended);
        Assert.DoesNotContain(received, ended);
        var job = await imports.FindAsync(tenant.Id, abandoned, CancellationToken.None);
        Assert.Equal((ImportStatus.Refused, "The upload was not completed"), (job!.Status, job.Error));
        // Nobody was told it was accepted, so the completion sweeper never announces it.
        Assert.DoesNotContain(abandoned, await store.UnpublishedCompletionsAsync(TimeSpan.Zero, int.MaxValue, CancellationToken.None));
    }
}
