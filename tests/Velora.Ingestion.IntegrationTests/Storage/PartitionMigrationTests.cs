using Dapper;

namespace Velora.Ingestion.IntegrationTests.Storage;

/// <summary>Migration 0020 on a database the earlier migrations made: the one shared table becomes a partition per store.</summary>
public sealed class PartitionMigrationTests
{
    [Fact]
    public async Task Every_stored_interaction_moves_into_its_stores_partition_unchanged()
    {
        await using var schema = await EarlierSchema.ThroughAsync("0019_import_lifecycle");
        var (connection, tenant) = (schema.Connection, schema.Tenant);
        // A store id with rows and no tenant row: nothing ever enforced one, and its rows must not be lost either.
        var orphan = Guid.NewGuid();
        var import = Guid.NewGuid();
        await connection.ExecuteAsync(
            """
            INSERT INTO interactions (tenant_id, identity_key, interaction_type, user_id, item_id, occurred_at, quantity, price, properties, import_id, row_number)
            VALUES (@tenant, gen_random_uuid(), 'purchase', 'u1', 'i1', '2025-01-01T00:00:00Z', 2, 9.5, NULL, @import, 1),
                   (@tenant, gen_random_uuid(), 'view', 'u2', 'i2', NULL, NULL, NULL, '{"source": "app"}', @import, 2),
                   (@orphan, gen_random_uuid(), 'purchase', 'u3', 'i3', '2025-01-02T00:00:00Z', 1, 1, NULL, @import, 3)
            """,
            new { tenant, orphan, import });
        const string Rows = """
            SELECT tenant_id, identity_key, interaction_type, user_id, item_id, occurred_at, quantity, price, properties::text, import_id, row_number
            FROM interactions ORDER BY row_number
            """;
        var before = (await connection.QueryAsync(Rows)).Select(r => string.Join("|", ((IDictionary<string, object?>)r).Values)).ToList();

        await schema.MigrateToLatestAsync();

        var after = (await connection.QueryAsync(Rows)).Select(r => string.Join("|", ((IDictionary<string, object?>)r).Values)).ToList();
        Assert.Equal(3, before.Count);
        Assert.Equal(before, after);
        var homes = (await connection.QueryAsync<(Guid Tenant, string Partition)>(
            "SELECT DISTINCT tenant_id, tableoid::regclass::text FROM interactions")).ToDictionary(r => r.Tenant, r => r.Partition);
        Assert.Equal($"interactions_{tenant:N}", homes[tenant]);
        Assert.Equal($"interactions_{orphan:N}", homes[orphan]);
        Assert.Equal("p", await connection.ExecuteScalarAsync<string>("SELECT relkind::text FROM pg_class WHERE oid = 'interactions'::regclass"));
    }
}
