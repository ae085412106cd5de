using Dapper;
using Npgsql;
using Velora.Ingestion.Tenants;

namespace Velora.Ingestion.Gateway.Imports;

/// <summary>
/// The store's Idempotency-Keys (<c>upload_idempotency_keys</c>): the one owner of which upload a key stands for. A key
/// is held for <see cref="Lifetime"/> from its claim; the primary key makes two requests racing for one key meet in
/// PostgreSQL, so exactly one of them claims it.
/// </summary>
public sealed class UploadIdempotency(NpgsqlDataSource dataSource, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public const int MaxKeyLength = 255;

    /// <summary>
    /// Claims <paramref name="key"/> for <paramref name="importId"/> unless a claim younger than <see cref="Lifetime"/>
    /// holds it; returns null when this request claimed it, else the claim that holds it.
    /// </summary>
    public async Task<IdempotencyClaim?> ClaimAsync(Guid tenantId, string key, Guid importId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var scope = await TenantTransaction.BeginAsync(dataSource, tenantId, cancellationToken);
        var claimed = await scope.Connection.ExecuteScalarAsync<Guid?>(
            """
            INSERT INTO upload_idempotency_keys (tenant_id, idempotency_key, import_id, created_at)
            VALUES (@tenantId, @key, @importId, @now)
            ON CONFLICT (tenant_id, idempotency_key) DO UPDATE
                SET import_id = excluded.import_id, fingerprint = NULL, created_at = excluded.created_at
                WHERE upload_idempotency_keys.created_at < @expiredBefore
            RETURNING import_id
            """,
            new { tenantId, key, importId, now, expiredBefore = now - Lifetime },
            scope.Transaction);
        var holder = claimed == importId ? null : await FindAsync(scope, tenantId, key);
        await scope.CommitAsync(cancellationToken);
        // A retry of this very call (its first commit's answer was lost) finds its own claim: it is this request's.
        return holder?.ImportId == importId ? null : holder;
    }

    /// <summary>The claim that holds the key now, or null when none does (it was given back, or it expired).</summary>
    public async Task<IdempotencyClaim?> FindAsync(Guid tenantId, string key, CancellationToken cancellationToken)
    {
        await using var scope = await TenantTransaction.BeginAsync(dataSource, tenantId, cancellationToken);
        var holder = await FindAsync(scope, tenantId, key);
        await scope.CommitAsync(cancellationToken);
        return holder;
    }

    /// <summary>Records the fingerprint of the request that claimed the key, once its file is received.</summary>
    public async Task CompleteAsync(Guid tenantId, string key, Guid importId, byte[] fingerprint, CancellationToken cancellationToken)
    {
        await using var scope = await TenantTransaction.BeginAsync(dataSource, tenantId, cancellationToken);
        await scope.Connection.ExecuteAsync(
            "UPDATE upload_idempotency_keys SET fingerprint = @fingerprint WHERE tenant_id = @tenantId AND idempotency_key = @key AND import_id = @importId",
            new { tenantId, key, importId, fingerprint },
            scope.Transaction);
        await scope.CommitAsync(cancellationToken);
    }

    /// <summary>Gives the key back: the upload that claimed it was refused, so the key may be used again.</summary>
    public async Task ReleaseAsync(Guid tenantId, string key, Guid importId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantTransaction.BeginAsync(dataSource, tenantId, cancellationToken);
        await scope.Connection.ExecuteAsync(
            "DELETE FROM upload_idempotency_keys WHERE tenant_id = @tenantId AND idempotency_key = @key AND import_id = @importId",
            new { tenantId, key, importId },
            scope.Transaction);
        await scope.CommitAsync(cancellationToken);
    }

    async Task<IdempotencyClaim?> FindAsync(TenantTransaction scope, Guid tenantId, string key)
    {
        var row = await scope.Connection.QuerySingleOrDefaultAsync<(Guid ImportId, byte[]? Fingerprint, DateTime CreatedAt)>(
            "SELECT import_id, fingerprint, created_at FROM upload_idempotency_keys WHERE tenant_id = @tenantId AND idempotency_key = @key",
            new { tenantId, key },
            scope.Transaction);
        return row.ImportId != Guid.Empty && new DateTimeOffset(row.CreatedAt, TimeSpan.Zero) >= time.GetUtcNow() - Lifetime
            ? new IdempotencyClaim(row.ImportId, row.Fingerprint)
            : null;
    }
}
