using Npgsql;

namespace Velora.Ingestion.Bench;

/// <summary>
/// Removes what benchmark runs stored (tenants named <c>bench-…</c>), so the local database does not grow run after run.
/// Then vacuums: the millions of rows just deleted would otherwise be vacuumed by autovacuum during the next measured
/// import, whose commits then wait behind the vacuum's WAL (a 10M-row import measured 48 s instead of 27 s that way).
/// </summary>
internal static class BenchData
{
    public static async Task RemoveAsync(NpgsqlDataSource dataSource)
    {
        await WaitForAnnouncementsAsync(dataSource);
        await using var command = dataSource.CreateCommand(
            """
            CREATE TEMP TABLE bench_tenants AS SELECT id FROM tenants WHERE name LIKE 'bench-%';
            DELETE FROM interactions WHERE tenant_id IN (SELECT id FROM bench_tenants);
            DELETE FROM import_failures WHERE tenant_id IN (SELECT id FROM bench_tenants);
            DELETE FROM import_skips WHERE tenant_id IN (SELECT id FROM bench_tenants);
            DELETE FROM validation_keys WHERE import_id IN (SELECT id FROM import_jobs WHERE tenant_id IN (SELECT id FROM bench_tenants));
            DELETE FROM store_users WHERE tenant_id IN (SELECT id FROM bench_tenants);
            DELETE FROM store_items WHERE tenant_id IN (SELECT id FROM bench_tenants);
            DELETE FROM import_chunks WHERE import_id IN (SELECT id FROM import_jobs WHERE tenant_id IN (SELECT id FROM bench_tenants));
            DELETE FROM import_jobs WHERE tenant_id IN (SELECT id FROM bench_tenants);
            DELETE FROM api_keys WHERE tenant_id IN (SELECT id FROM bench_tenants);
            DELETE FROM tenants WHERE id IN (SELECT id FROM bench_tenants);
            DROP TABLE bench_tenants;
            """);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
        await VacuumAsync(dataSource);
    }

    /// <summary>
    /// Removes one measured import's rows, failures and skips, and the users and items it made known to its store (the
    /// benchmark's stores know none before), so the next import starts from the same tables as this one did.
    /// </summary>
    public static async Task RemoveImportAsync(NpgsqlDataSource dataSource, Guid tenantId, Guid importId)
    {
        await WaitForAnnouncementsAsync(dataSource);
        await using var batch = dataSource.CreateBatch();
        foreach (var statement in new[]
        {
            "DELETE FROM interactions WHERE tenant_id = $1 AND import_id = $2",
            "DELETE FROM import_failures WHERE import_id = $2",
            "DELETE FROM import_skips WHERE import_id = $2",
            "DELETE FROM store_users WHERE tenant_id = $1",
            "DELETE FROM store_items WHERE tenant_id = $1",
        })
        {
            var command = new NpgsqlBatchCommand(statement);
            command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
            command.Parameters.Add(new NpgsqlParameter { Value = importId });
            batch.BatchCommands.Add(command);
        }

        batch.Timeout = 600;
        await batch.ExecuteNonQueryAsync();
        await VacuumAsync(dataSource);
    }

    /// <summary>
    /// Waits until every bench import that ended was announced. The worker records the store's known users and items
    /// after the status is final and before the announcement: removing the tenants meanwhile broke on their foreign key,
    /// and the next measured import would share the machine with that work.
    /// </summary>
    static async Task WaitForAnnouncementsAsync(NpgsqlDataSource dataSource)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        await using var command = dataSource.CreateCommand(
            """
            SELECT count(*) FROM import_jobs j JOIN tenants t ON t.id = j.tenant_id
            WHERE (t.name LIKE 'bench-%' OR t.name LIKE 'history-%') AND j.status IN ('succeeded', 'failed') AND j.completion_published_at IS NULL
            """);
        while ((long)(await command.ExecuteScalarAsync())! > 0)
        {
            if (waited.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException("Benchmark imports ended but were not announced within 2 minutes: see the worker log.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Each measured import starts after a vacuum, so none of them works beside an autovacuum of earlier rows. The known users
    /// and items and the skips are among them: a removed import leaves 150,000 of those dead, and autovacuum ran on them during
    /// benchmark runs (pg_stat_user_tables), beside whichever import came next: most often the 1 %-bad one, right after a removal.
    /// </summary>
    public static async Task VacuumAsync(NpgsqlDataSource dataSource)
    {
        await using var vacuum = dataSource.CreateCommand(
            "VACUUM (ANALYZE) interactions, import_failures, import_skips, import_chunks, import_jobs, store_users, store_items");
        vacuum.CommandTimeout = 1800;
        await vacuum.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Vacuums and then checkpoints: after millions of rows were loaded, the checkpoint their WAL asks for would otherwise
    /// run during the next measured import.
    /// </summary>
    public static async Task SettleAsync(NpgsqlDataSource dataSource)
    {
        await VacuumAsync(dataSource);
        await CheckpointAsync(dataSource);
    }

    /// <summary>Writes out what earlier work left dirty, so the next measured step pays for no checkpoint it did not cause.</summary>
    public static async Task CheckpointAsync(NpgsqlDataSource dataSource)
    {
        await using var checkpoint = dataSource.CreateCommand("CHECKPOINT");
        checkpoint.CommandTimeout = 1800;
        await checkpoint.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// A table's rows and bytes from PostgreSQL's own sizes, summed over its partitions if it has any (<paramref name="table"/> is one
    /// of the schema's, never input).
    /// </summary>
    public static async Task<TableSizes> SizesAsync(NpgsqlDataSource dataSource, string table)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT (SELECT count(*) FROM {table}),
                   coalesce(sum(pg_table_size(relid)), pg_table_size('{table}'))::bigint,
                   coalesce(sum(pg_indexes_size(relid)), pg_indexes_size('{table}'))::bigint
            FROM pg_partition_tree('{table}')
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new TableSizes(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
