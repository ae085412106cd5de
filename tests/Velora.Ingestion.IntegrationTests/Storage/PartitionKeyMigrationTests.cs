using Dapper;
using Npgsql;

namespace Velora.Ingestion.IntegrationTests.Storage;

/// <summary>Migration 0021 on a database the earlier migrations made: each store's partition is keyed by identity_key alone.</summary>
public sealed class PartitionKeyMigrationTests
{
    const string Insert = """
        INSERT INTO interactions (tenant_id, identity_key, interaction_type, user_id, item_id, occurred_at, import_id, row_number)
        VALUES (@tenant, @key, 'purchase', 'u1', 'i1', '2025-01-01T00:00:00Z', @import, @row)
        """;

    [Fact]
    public async Task Keeps_every_stored_interaction_and_moves_the_key_onto_each_partition()
    {
        await using var schema = await EarlierSchema.ThroughAsync("0020_interactions_per_store");
        var (connection, tenant) = (schema.Connection, schema.Tenant);
        var import = Guid.NewGuid();
        var keys = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToArray();
        for (var i = 0; i < keys.Length; i++)
        {
            await connection.ExecuteAsync(Insert, new { tenant, key = keys[i], import, row = (long)i + 1 });
        }

        const string Rows = "SELECT tenant_id, identity_key, user_id, item_id, occurred_at, import_id, row_number FROM interactions ORDER BY row_number";
        var before = (await connection.QueryAsync(Rows)).Select(r => string.Join("|", ((IDictionary<string, object?>)r).Values)).ToList();

        await schema.MigrateToLatestAsync();

        var after = (await connection.QueryAsync(Rows)).Select(r => string.Join("|", ((IDictionary<string, object?>)r).Values)).ToList();
        Assert.Equal(3, before.Count);
        Assert.Equal(before, after);
        Assert.Equal(["identity_key"], await PrimaryKeyAsync(connection, $"interactions_{tenant:N}"));
        Assert.Empty(await PrimaryKeyAsync(connection, "interactions"));
        var duplicate = await Assert.ThrowsAsync<PostgresException>(() =>
            connection.ExecuteAsync(Insert, new { tenant, key = keys[0], import, row = 4L }));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, duplicate.SqlState);
    }

    [Fact]
    public async Task A_store_created_after_it_gets_a_partition_with_the_key_and_may_reuse_another_stores_key()
    {
        await using var schema = await EarlierSchema.ThroughAsync("0020_interactions_per_store");
        await schema.MigrateToLatestAsync();
        var connection = schema.Connection;
        var other = Guid.NewGuid();
        await connection.ExecuteAsync("INSERT INTO tenants (id, name) VALUES (@other, 'new')", new { other });

        Assert.Equal(["identity_key"], await PrimaryKeyAsync(connection, $"interactions_{other:N}"));
        var (key, import) = (Guid.NewGuid(), Guid.NewGuid());
        await connection.ExecuteAsync(Insert, new { tenant = schema.Tenant, key, import, row = 1L });
        await connection.ExecuteAsync(Insert, new { tenant = other, key, import, row = 2L });
        var duplicate = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(Insert, new { tenant = other, key, import, row = 3L }));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, duplicate.SqlState);

        // The writer's staging insert names no conflict target: the partition's key is its arbiter.
        var inserted = await connection.ExecuteAsync(
            """
            INSERT INTO interactions (tenant_id, identity_key, interaction_type, user_id, item_id, import_id, row_number)
            VALUES (@other, @key, 'purchase', 'u1', 'i1', @import, 3), (@other, @fresh, 'purchase', 'u1', 'i2', @import, 4)
            ON CONFLICT DO NOTHING
            """,
            new { other, key, fresh = Guid.NewGuid(), import });
        Assert.Equal(1, inserted);
    }

    static async Task<List<string>> PrimaryKeyAsync(NpgsqlConnection connection, string table) =>
        (await connection.QueryAsync<string>(
            """
            SELECT a.attname FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
            WHERE c.conrelid = @table::regclass AND c.contype = 'p'
            ORDER BY a.attnum
            """,
            new { table })).ToList();
}
