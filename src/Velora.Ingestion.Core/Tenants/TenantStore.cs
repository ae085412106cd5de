using System.Security.Cryptography;
using Dapper;
using Npgsql;

namespace Velora.Ingestion.Tenants;

/// <summary>Creates tenants and resolves API keys to them.</summary>
public sealed class TenantStore(NpgsqlDataSource dataSource)
{
    /// <summary>Creates the tenant if it is new and a fresh API key for it; the key is returned once and only its hash is kept.</summary>
    public async Task<(Tenant Tenant, string ApiKey)> CreateWithKeyAsync(string name, CancellationToken cancellationToken)
    {
        var (tenant, _, apiKey) = await CreateKeyAsync(name, cancellationToken);
        return (tenant, apiKey);
    }

    /// <summary>As <see cref="CreateWithKeyAsync"/>, with the new key's id (to list or revoke it later).</summary>
    public async Task<(Tenant Tenant, Guid KeyId, string ApiKey)> CreateKeyAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<Guid>(
            """
            INSERT INTO tenants (id, name) VALUES (@id, @name)
            ON CONFLICT (name) DO UPDATE SET name = excluded.name
            RETURNING id
            """,
            new { id = Guid.CreateVersion7(), name },
            transaction);
        var apiKey = ApiKeys.Generate();
        var keyId = Guid.CreateVersion7();
        await connection.ExecuteAsync(
            "INSERT INTO api_keys (id, tenant_id, key_hash) VALUES (@keyId, @id, @hash)",
            new { keyId, id, hash = ApiKeys.Hash(apiKey) },
            transaction);
        await transaction.CommitAsync(cancellationToken);
        return (new Tenant(id, name), keyId, apiKey);
    }

    /// <summary>The tenant a key belongs to, or null for an unknown or revoked key.</summary>
    public async Task<Tenant?> FindByApiKeyAsync(string apiKey, CancellationToken cancellationToken)
    {
        var hash = ApiKeys.Hash(apiKey);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var match = await connection.QuerySingleOrDefaultAsync<KeyMatch>(
            """
            SELECT t.id AS Id, t.name AS Name, k.key_hash AS KeyHash
            FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
            WHERE k.key_hash = @hash AND k.revoked_at IS NULL
            """,
            new { hash });
        // The index lookup already matched; the constant-time comparison guards against any future lookup by prefix.
        return match is not null && CryptographicOperations.FixedTimeEquals(match.KeyHash, hash) ? new Tenant(match.Id, match.Name) : null;
    }

    /// <summary>The keys of a tenant, newest first; empty for an unknown tenant.</summary>
    public async Task<IReadOnlyList<ApiKeyRecord>> KeysAsync(string tenantName, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var keys = await connection.QueryAsync<ApiKeyRecord>(
            """
            SELECT k.id AS Id, k.created_at AS CreatedAt, k.revoked_at AS RevokedAt
            FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
            WHERE t.name = @tenantName ORDER BY k.created_at DESC
            """,
            new { tenantName });
        return keys.AsList();
    }

    /// <summary>Revokes one of a tenant's keys; it is refused from the next request on (no key is cached).</summary>
    public async Task<bool> RevokeAsync(string tenantName, Guid keyId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var revoked = await connection.ExecuteAsync(
            """
            UPDATE api_keys SET revoked_at = now()
            WHERE id = @keyId AND revoked_at IS NULL AND tenant_id = (SELECT id FROM tenants WHERE name = @tenantName)
            """,
            new { keyId, tenantName });
        return revoked == 1;
    }

    public async Task<bool> ExistsAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM tenants WHERE id = @tenantId)", new { tenantId });
    }

    sealed record KeyMatch(Guid Id, string Name, byte[] KeyHash);
}
