using Dapper;
using Npgsql;
using Velora.Ingestion.IntegrationTests.Infrastructure;
using Velora.Ingestion.Jobs;
using Velora.Ingestion.Worker.Importing;

namespace Velora.Ingestion.IntegrationTests.Jobs;

/// <summary>PostgreSQL enforces <see cref="ImportLifecycle"/>: the same table, and a statement that breaks it fails.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class ImportLifecycleDatabaseTests(RunningIngestion ingestion)
{
    [Fact]
    public async Task The_database_allows_exactly_the_moves_of_the_lifecycle_table()
    {
        await using var connection = await ingestion.AdminDataSource.OpenConnectionAsync();
        foreach (var from in ImportLifecycle.Statuses)
        {
            foreach (var to in ImportLifecycle.Statuses.Where(s => s != from))
            {
                var allowed = await connection.ExecuteScalarAsync<bool>("SELECT import_status_change_allowed(@from, @to)", new { from, to });
                Assert.True(ImportLifecycle.Allows(from, to) == allowed, $"{from}->{to}: the code says {ImportLifecycle.Allows(from, to)}, the database {allowed}");
            }
        }
    }

    [Fact]
    public async Task A_succeeded_import_cannot_be_set_running_again_and_an_unknown_status_is_refused()
    {
        var (tenant, _) = await ingestion.CreateTenantAsync("lifecycle");
        var importId = Guid.CreateVersion7();
        await using var connection = await ingestion.AdminDataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "INSERT INTO import_jobs (id, tenant_id, interaction_type, blob_key, status) VALUES (@importId, @tenant, 'view', 'k', 'queued')",
            new { importId, tenant = tenant.Id });
        // The legal way there: queued, running, succeeded.
        await connection.ExecuteAsync("UPDATE import_jobs SET status = 'running' WHERE id = @importId", new { importId });
        await connection.ExecuteAsync("UPDATE import_jobs SET status = 'succeeded' WHERE id = @importId", new { importId });

        var illegal = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("UPDATE import_jobs SET status = 'running' WHERE id = @importId", new { importId }));
        Assert.Equal((PostgresErrorCodes.CheckViolation, "import_jobs_status_change"), (illegal.SqlState, illegal.ConstraintName));
        Assert.Equal($"import {importId} cannot go from succeeded to running", illegal.MessageText);

        var unknown = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("UPDATE import_jobs SET status = 'done' WHERE id = @importId", new { importId }));
        Assert.Equal(PostgresErrorCodes.CheckViolation, unknown.SqlState);
        Assert.Equal("succeeded", await connection.ExecuteScalarAsync<string>("SELECT status FROM import_jobs WHERE id = @importId", new { importId }));
    }

    [Fact]
    public async Task A_refused_import_stays_refused_when_a_worker_would_start_it()
    {
        var (tenant, _) = await ingestion.CreateTenantAsync("lifecycle-refused");
        var importId = Guid.CreateVersion7();
        var imports = new TenantImports(ingestion.AdminDataSource, TimeProvider.System);
        await imports.CreateAsync(tenant.Id, importId, "view", "k", null, Parsing.ImportOptions.Detect, null, null, received: true, CancellationToken.None);
        Assert.True(await imports.RefuseQueuedAsync(tenant.Id, importId, "Refused: test", CancellationToken.None));

        // The worker's start is a legal move from queued only, so it leaves a refused import alone instead of failing.
        await new ImportJobStore(ingestion.AdminDataSource, TimeProvider.System).MarkRunningAsync(importId, CancellationToken.None);

        var job = await imports.FindAsync(tenant.Id, importId, CancellationToken.None);
        Assert.Equal((ImportStatus.Refused, null, null), (job!.Status, job.StartedAt, job.CompletionPublishedAt));
    }
}
