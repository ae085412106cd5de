using Dapper;
using Npgsql;
using Velora.Ingestion.Tenants;

namespace Velora.Ingestion.Erasure;

/// <summary>
/// Erases users of a store in one transaction (so a request cut off erases nothing, and may simply be sent again): a
/// tombstone per user, every interaction of theirs deleted, their id redacted in recorded failures. Under the store's
/// <see cref="ErasureLock"/>, so it cannot miss rows of a chunk written at the same moment. Deleting by user reads
/// the store's rows through the primary key's tenant prefix: there is no user index, so imports pay nothing for it.
/// </summary>
public sealed class UserErasures(NpgsqlDataSource dataSource, TimeProvider time)
{
    public const int MaxUsers = 10_000;

    public const string Redacted = "(erased)";

    public async Task<UserErasure> EraseAsync(Guid tenantId, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var users = userIds.Distinct(StringComparer.Ordinal).ToArray();
        var started = time.GetUtcNow();
        await using var scope = await TenantTransaction.BeginAsync(dataSource, tenantId, cancellationToken);
        await ErasureLock.TakeAsync(scope.Connection, scope.Transaction, tenantId);
        var deleted = await scope.Connection.ExecuteAsync(
            "DELETE FROM interactions WHERE tenant_id = @tenantId AND user_id = ANY(@users)", new { tenantId, users }, scope.Transaction);
        var redacted = await scope.Connection.ExecuteAsync(
            // Failures recorded before their ids were trimmed (before schema 18) may hold " u1 ".
            "UPDATE import_failures SET user_id = @redacted, fields = NULL WHERE tenant_id = @tenantId AND btrim(user_id, E' \\t\\r\\n') = ANY(@users)",
            new { tenantId, users, redacted = Redacted },
            scope.Transaction);
        // The report's known users go too: a hash of an id is still the id of a person.
        await scope.Connection.ExecuteAsync(
            "DELETE FROM store_users WHERE tenant_id = @tenantId AND user_hash = ANY(@hashes)",
            new { tenantId, hashes = users.Select(u => (long)Reporting.ChunkProfile.Hash(u)).ToArray() },
            scope.Transaction);
        // Skipped rows keep their place in the listing, without the id.
        await scope.Connection.ExecuteAsync(
            "UPDATE import_skips SET user_id = @redacted WHERE tenant_id = @tenantId AND user_id = ANY(@users)",
            new { tenantId, users, redacted = Redacted },
            scope.Transaction);
        var erasure = new UserErasure(id, users.Length, deleted, redacted, started.UtcDateTime, time.GetUtcNow().UtcDateTime);
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO erasures (id, tenant_id, user_count, rows_deleted, failures_redacted, created_at, completed_at)
            VALUES (@Id, @tenantId, @UserCount, @RowsDeleted, @FailuresRedacted, @CreatedAt, @CompletedAt)
            """,
            new { erasure.Id, tenantId, erasure.UserCount, erasure.RowsDeleted, erasure.FailuresRedacted, erasure.CreatedAt, erasure.CompletedAt },
            scope.Transaction);
        // A user erased again points at the latest erasure.
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO erased_users (tenant_id, user_id, erasure_id) SELECT @tenantId, u, @id FROM unnest(@users) AS u
            ON CONFLICT (tenant_id, user_id) DO UPDATE SET erasure_id = excluded.erasure_id
            """,
            new { tenantId, users, id },
            scope.Transaction);
        await scope.CommitAsync(cancellationToken);
        return erasure;
    }

    public async Task<UserErasure?> FindAsync(Guid tenantId, Guid id, CancellationToken cancellationToken)
    {
        await using var scope = await TenantTransaction.BeginAsync(dataSource, tenantId, cancellationToken);
        var erasure = await scope.Connection.QuerySingleOrDefaultAsync<UserErasure>(
            """
            SELECT id, user_count, rows_deleted, failures_redacted, created_at, completed_at
            FROM erasures WHERE id = @id AND tenant_id = @tenantId
            """,
            new { id, tenantId },
            scope.Transaction);
        await scope.CommitAsync(cancellationToken);
        return erasure;
    }

    /// <summary>
    /// The report hashes (<see cref="Reporting.ChunkProfile.Hash"/>) of every user the store erased: kept out of its
    /// known users when an import records them, so an import whose chunks ran before an erasure cannot bring a hash back.
    /// One read of the store's tombstones (by the primary key's tenant prefix) per ended import, not per chunk; hashed
    /// here because the hash is computed in .NET. Call it after <see cref="ErasureLock.ShareAsync"/>.
    /// </summary>
    public static async Task<HashSet<uint>> ErasedHashesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId)
    {
        var erased = await connection.QueryAsync<string>("SELECT user_id FROM erased_users WHERE tenant_id = @tenantId", new { tenantId }, transaction);
        return erased.Select(Reporting.ChunkProfile.Hash).ToHashSet();
    }

    /// <summary>
    /// Of the users of one chunk, those the store erased; none at the cost of one probe when the store never erased anyone
    /// (the common case), so imports do not pay for the feature. Call it after <see cref="ErasureLock.ShareAsync"/>.
    /// </summary>
    public static async Task<HashSet<string>> ErasedAmongAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId, IEnumerable<string> userIds)
    {
        if (!await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM erased_users WHERE tenant_id = @tenantId)", new { tenantId }, transaction))
        {
            return [];
        }

        var users = userIds.Distinct(StringComparer.Ordinal).ToArray();
        var erased = await connection.QueryAsync<string>(
            "SELECT user_id FROM erased_users WHERE tenant_id = @tenantId AND user_id = ANY(@users)", new { tenantId, users }, transaction);
        return erased.ToHashSet(StringComparer.Ordinal);
    }
}
