using Dapper;
using Npgsql;
using Velora.Ingestion.IntegrationTests.Infrastructure;
using Velora.Ingestion.Tenants;

namespace Velora.Ingestion.IntegrationTests.Storage;

/// <summary>Each store's interactions live in a partition of their own, made and dropped with the store by the database.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class StorePartitionTests(RunningIngestion ingestion)
{
    [Fact]
    public async Task A_new_store_gets_its_own_partition_and_its_rows_are_stored_there()
    {
        var (tenant, apiKey) = await ingestion.CreateTenantAsync("partition-own");
        var importId = await ingestion.ImportAsync(apiKey, "user_id,item_id,timestamp,quantity,price\nu1,i1,2025-01-01T00:00:00Z,1,2.00\nu2,i2,2025-01-02T00:00:00Z,1,3.00\n");
        var summary = (await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(60))).GetProperty("summary");
        Assert.Equal(2L, summary.GetProperty("succeeded").GetInt64());

        await using var connection = await ingestion.AdminDataSource.OpenConnectionAsync();
        var partitions = (await connection.QueryAsync<string>(
            "SELECT DISTINCT tableoid::regclass::text FROM interactions WHERE tenant_id = @tenant", new { tenant = tenant.Id })).ToList();
        Assert.Equal([$"interactions_{tenant.Id:N}"], partitions);
    }

    [Fact]
    public async Task A_store_with_interactions_cannot_be_deleted_and_one_without_takes_its_partition_along()
    {
        var (tenant, apiKey) = await ingestion.CreateTenantAsync("partition-drop");
        var importId = await ingestion.ImportAsync(apiKey, "user_id,item_id,timestamp,quantity,price\nu1,i1,2025-01-01T00:00:00Z,1,2.00\n");
        await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(60));
        await using var connection = await ingestion.AdminDataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            DELETE FROM import_chunks WHERE import_id = @import; DELETE FROM validation_keys WHERE import_id = @import;
            DELETE FROM import_jobs WHERE id = @import; DELETE FROM api_keys WHERE tenant_id = @tenant;
            DELETE FROM store_users WHERE tenant_id = @tenant; DELETE FROM store_items WHERE tenant_id = @tenant;
            """,
            new { import = importId, tenant = tenant.Id });

        var refused = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("DELETE FROM tenants WHERE id = @tenant", new { tenant = tenant.Id }));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
        Assert.Contains("still has interactions", refused.MessageText, StringComparison.Ordinal);

        await connection.ExecuteAsync("DELETE FROM interactions WHERE tenant_id = @tenant; DELETE FROM tenants WHERE id = @tenant", new { tenant = tenant.Id });
        Assert.Null(await connection.ExecuteScalarAsync<string?>("SELECT to_regclass(@name)::text", new { name = $"interactions_{tenant.Id:N}" }));
    }

    [Fact]
    public async Task The_gateways_role_cannot_read_a_store_partition_directly()
    {
        var (tenant, _) = await ingestion.CreateTenantAsync("partition-rights");
        await using var api = NpgsqlDataSource.Create(ingestion.Environment.ApiConnectionString);
        await using var scope = await TenantTransaction.BeginAsync(api, tenant.Id, CancellationToken.None);

        // Row-level security is the parent's: the partition itself is granted to nobody but its owner.
        var refused = await Assert.ThrowsAsync<PostgresException>(() => scope.Connection.ExecuteAsync($"SELECT count(*) FROM interactions_{tenant.Id:N}", transaction: scope.Transaction));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }
}
