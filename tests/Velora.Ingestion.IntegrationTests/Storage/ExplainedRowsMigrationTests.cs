using Dapper;
using Npgsql;

namespace Velora.Ingestion.IntegrationTests.Storage;

/// <summary>
/// Migration 0022 on a database the earlier migrations made: failures and skipped rows are no longer checked one by one
/// against their import, and an import whose failures or skipped rows are kept still cannot be deleted.
/// </summary>
public sealed class ExplainedRowsMigrationTests
{
    const string Failures = "SELECT import_id, row_number, tenant_id, user_id, item_id, error, failed_at, code, column_name, fields FROM import_failures ORDER BY row_number";
    const string Skips = "SELECT import_id, row_number, tenant_id, user_id, item_id, reason, original_import_id FROM import_skips ORDER BY row_number";

    [Fact]
    public async Task Keeps_every_failure_and_skipped_row_and_checks_them_against_their_import_no_more()
    {
        await using var schema = await EarlierSchema.ThroughAsync("0021_partition_key_on_identity");
        var connection = schema.Connection;
        var import = await ImportWithExplainedRowsAsync(connection, schema.Tenant);
        var (failures, skips) = (await RowsAsync(connection, Failures), await RowsAsync(connection, Skips));

        await schema.MigrateToLatestAsync();

        Assert.Single(failures);
        Assert.Single(skips);
        Assert.Equal(failures, await RowsAsync(connection, Failures));
        Assert.Equal(skips, await RowsAsync(connection, Skips));
        Assert.Empty(await ForeignKeysAsync(connection, "import_failures"));
        Assert.Empty(await ForeignKeysAsync(connection, "import_skips"));
        Assert.Equal(["import_chunks_import_id_fkey"], await ForeignKeysAsync(connection, "import_chunks"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM import_jobs WHERE id = @import", new { import }));

        // No row is looked up in import_jobs any more: the chunk's transaction is what ties these rows to their import.
        var unknown = Guid.NewGuid();
        Assert.Equal(2, await connection.ExecuteAsync(
            """
            INSERT INTO import_failures (import_id, row_number, tenant_id, user_id, item_id, error, failed_at) VALUES (@unknown, 1, @tenant, 'u', 'i', 'e', now());
            INSERT INTO import_skips (import_id, row_number, tenant_id, user_id, item_id, reason) VALUES (@unknown, 1, @tenant, 'u', 'i', 'duplicate_in_file');
            """,
            new { unknown, tenant = schema.Tenant }));
    }

    [Fact]
    public async Task An_import_whose_failures_or_skipped_rows_are_kept_cannot_be_deleted()
    {
        await using var schema = await EarlierSchema.ThroughAsync("0021_partition_key_on_identity");
        await schema.MigrateToLatestAsync();
        var connection = schema.Connection;
        var import = await ImportWithExplainedRowsAsync(connection, schema.Tenant);
        const string Delete = "DELETE FROM import_jobs WHERE id = @import";

        var withFailures = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(Delete, new { import }));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, withFailures.SqlState);
        Assert.Contains("still has failures", withFailures.MessageText, StringComparison.Ordinal);

        await connection.ExecuteAsync("DELETE FROM import_failures WHERE import_id = @import", new { import });
        var withSkips = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(Delete, new { import }));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, withSkips.SqlState);
        Assert.Contains("still has skipped rows", withSkips.MessageText, StringComparison.Ordinal);

        await connection.ExecuteAsync("DELETE FROM import_skips WHERE import_id = @import", new { import });
        Assert.Equal(1, await connection.ExecuteAsync(Delete, new { import }));
    }

    /// <summary>An ended import with one failure and one skipped row, written as the chunk's transaction writes them.</summary>
    static async Task<Guid> ImportWithExplainedRowsAsync(NpgsqlConnection connection, Guid tenant)
    {
        var import = Guid.NewGuid();
        await connection.ExecuteAsync(
            """
            INSERT INTO import_jobs (id, tenant_id, interaction_type, blob_key, status, created_at, started_at, completed_at)
            VALUES (@import, @tenant, 'purchase', 'k1', 'succeeded', now(), now(), now());
            INSERT INTO import_failures (import_id, row_number, tenant_id, user_id, item_id, error, failed_at, code, column_name, fields)
            VALUES (@import, 1, @tenant, 'u1', '', 'item_id is required', now(), 'missing_item_id', 'item_id', ARRAY['u1', '', '2025-01-01T00:00:00Z']);
            INSERT INTO import_skips (import_id, row_number, tenant_id, user_id, item_id, reason, original_import_id)
            VALUES (@import, 2, @tenant, 'u1', 'i1', 'duplicate_in_file', @import);
            """,
            new { import, tenant });
        return import;
    }

    static async Task<List<string>> RowsAsync(NpgsqlConnection connection, string query) =>
        (await connection.QueryAsync(query)).Select(r => string.Join("|", ((IDictionary<string, object?>)r).Values.Select(Text))).ToList();

    static string Text(object? value) => value is string[] fields ? string.Join(",", fields) : $"{value}";

    static async Task<List<string>> ForeignKeysAsync(NpgsqlConnection connection, string table) =>
        (await connection.QueryAsync<string>(
            "SELECT conname FROM pg_constraint WHERE conrelid = @table::regclass AND contype = 'f' ORDER BY conname", new { table })).ToList();
}
