using Dapper;

namespace Velora.Ingestion.IntegrationTests.Storage;

/// <summary>Migration 0019 on a database the earlier migrations made, holding imports refused the old way (failed, completion marked published).</summary>
public sealed class LifecycleMigrationTests
{
    [Fact]
    public async Task Imports_refused_as_failed_before_become_refused_and_real_failures_stay_failed()
    {
        await using var schema = await EarlierSchema.ThroughAsync("0018_withdrawn_commits");
        var (connection, tenant) = (schema.Connection, schema.Tenant);
        var (brokerDown, abandoned, failed) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await connection.ExecuteAsync(
            """
            INSERT INTO import_jobs (id, tenant_id, interaction_type, blob_key, status, error, created_at, started_at, completed_at, completion_published_at)
            VALUES (@brokerDown, @tenant, 'purchase', 'k1', 'failed', 'Refused: the message broker was unavailable when the file was uploaded', now(), NULL, now(), now()),
                   (@abandoned, @tenant, 'purchase', 'k2', 'failed', 'The upload was not completed', now(), NULL, now(), now()),
                   (@failed, @tenant, 'purchase', 'k3', 'failed', 'The file was not found in the blob store', now(), now(), now(), now())
            """,
            new { tenant, brokerDown, abandoned, failed });

        await schema.MigrateToLatestAsync();

        var jobs = (await connection.QueryAsync<(Guid Id, string Status, string Error, bool Published)>(
            "SELECT id, status, error, completion_published_at IS NOT NULL FROM import_jobs WHERE tenant_id = @tenant", new { tenant })).ToDictionary(j => j.Id);
        Assert.Equal(("refused", false), (jobs[brokerDown].Status, jobs[brokerDown].Published));
        Assert.Equal(("refused", false), (jobs[abandoned].Status, jobs[abandoned].Published));
        Assert.Equal(("failed", true), (jobs[failed].Status, jobs[failed].Published));
        Assert.Equal("The upload was not completed", jobs[abandoned].Error);
    }
}
