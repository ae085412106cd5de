using Dapper;
using Npgsql;

namespace Velora.Ingestion.Erasure;

/// <summary>
/// The one lock per store that erasures and chunk writes meet on (a transaction-scoped advisory lock): chunks share it,
/// an erasure takes it alone. So an erasure waits for the chunks being written to commit and then deletes their rows
/// too, and a chunk that starts after an erasure sees its tombstones: no row of an erased user survives the race.
/// </summary>
public static class ErasureLock
{
    const string Key = "hashtextextended('velora-erasure:' || @tenantId::text, 0)";

    public static Task ShareAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId) =>
        connection.ExecuteAsync($"SELECT pg_advisory_xact_lock_shared({Key})", new { tenantId }, transaction);

    public static Task TakeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId) =>
        connection.ExecuteAsync($"SELECT pg_advisory_xact_lock({Key})", new { tenantId }, transaction);
}
