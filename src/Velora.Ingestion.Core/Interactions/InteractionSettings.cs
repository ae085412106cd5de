using Dapper;
using Npgsql;
using Velora.Ingestion.Parsing;
using Velora.Ingestion.Tenants;

namespace Velora.Ingestion.Interactions;

/// <summary>
/// A store's settings for each interaction type: its saved column mapping and its declared properties
/// (<c>interaction_type_settings</c>). Read by the planner, written by the gateway, always in the store's
/// <see cref="TenantTransaction"/>.
/// </summary>
public sealed class InteractionSettings(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>The saved mapping and the declared properties; none when the store saved nothing for the type.</summary>
    public async Task<HeaderRules> GetAsync(Guid tenantId, string interactionType, CancellationToken cancellationToken)
    {
        await using var scope = await TenantTransaction.BeginAsync(dataSource, tenantId, cancellationToken);
        var row = await scope.Connection.QuerySingleOrDefaultAsync<(string Mapping, string Properties)>(
            "SELECT mapping::text, properties::text FROM interaction_type_settings WHERE tenant_id = @tenantId AND interaction_type = @interactionType",
            new { tenantId, interactionType },
            scope.Transaction);
        await scope.CommitAsync(cancellationToken);
        return row.Mapping is null ? HeaderRules.None : new HeaderRules(ColumnMapping.FromJson(row.Mapping), HeaderRules.PropertiesFromJson(row.Properties));
    }

    public Task SaveMappingAsync(Guid tenantId, string interactionType, ColumnMapping mapping, CancellationToken cancellationToken) =>
        UpsertAsync(tenantId, interactionType, "mapping", mapping.ToJson(), cancellationToken);

    public Task SavePropertiesAsync(Guid tenantId, string interactionType, IReadOnlyList<DeclaredProperty> properties, CancellationToken cancellationToken) =>
        UpsertAsync(tenantId, interactionType, "properties", HeaderRules.PropertiesToJson(properties), cancellationToken);

    async Task UpsertAsync(Guid tenantId, string interactionType, string column, string json, CancellationToken cancellationToken)
    {
        await using var scope = await TenantTransaction.BeginAsync(dataSource, tenantId, cancellationToken);
        // The column name is one of two constants above, never input.
        await scope.Connection.ExecuteAsync(
            $"""
            INSERT INTO interaction_type_settings (tenant_id, interaction_type, {column}, updated_at)
            VALUES (@tenantId, @interactionType, @json::jsonb, @now)
            ON CONFLICT (tenant_id, interaction_type) DO UPDATE SET {column} = excluded.{column}, updated_at = excluded.updated_at
            """,
            new { tenantId, interactionType, json, now = time.GetUtcNow() },
            scope.Transaction);
        await scope.CommitAsync(cancellationToken);
    }
}
