using Npgsql;
using NpgsqlTypes;

namespace Velora.Ingestion.Writing;

/// <summary>
/// Writes one chunk's valid rows (sorted by key, no key twice) inside the caller's transaction.
/// Fast path: binary COPY straight into <c>interactions</c>. When a row is already stored (a re-upload, or the same
/// row in a parallel chunk), the unique index refuses the COPY; the chunk then rolls back to its savepoint and goes
/// through a staging table and <c>INSERT … ON CONFLICT DO NOTHING</c>, which stores only the new rows. Rows go in key
/// order both ways, so parallel chunks take index locks in the same order and cannot deadlock on shared duplicates.
/// </summary>
public sealed class ChunkWriter(NpgsqlConnection connection, Guid tenantId, Guid importId, string interactionType)
{
    const string Columns = "identity_key, user_id, item_id, occurred_at, quantity, price, properties, row_number";

    const string CreateStaging = $"""
        CREATE TEMP TABLE staging_interactions (
            identity_key uuid NOT NULL, user_id text NOT NULL, item_id text NOT NULL, occurred_at timestamptz,
            quantity integer, price numeric(19, 4), properties jsonb, row_number bigint NOT NULL
        ) ON COMMIT DROP
        """;

    const string Merge = $"""
        INSERT INTO interactions (tenant_id, interaction_type, import_id, {Columns})
        SELECT @tenant, @type, @import, {Columns}
        FROM staging_interactions
        ORDER BY identity_key
        ON CONFLICT (tenant_id, identity_key) DO NOTHING
        """;

    /// <summary>True when the last write needed the staging path.</summary>
    public bool UsedStaging { get; private set; }

    /// <summary>Writes the rows and returns how many were new (the rest were already stored).</summary>
    public async Task<long> WriteAsync(IReadOnlyList<KeyedInteraction> rows, CancellationToken cancellationToken)
    {
        UsedStaging = false;
        if (rows.Count == 0)
        {
            return 0;
        }

        await ExecuteAsync("SAVEPOINT chunk_copy", cancellationToken);
        try
        {
            await CopyAsync($"COPY interactions (tenant_id, interaction_type, import_id, {Columns}) FROM STDIN (FORMAT BINARY)", rows, withConstants: true, cancellationToken);
            await ExecuteAsync("RELEASE SAVEPOINT chunk_copy", cancellationToken);
            return rows.Count;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await ExecuteAsync("ROLLBACK TO SAVEPOINT chunk_copy", cancellationToken);
        }

        UsedStaging = true;
        await ExecuteAsync(CreateStaging, cancellationToken);
        await CopyAsync($"COPY staging_interactions ({Columns}) FROM STDIN (FORMAT BINARY)", rows, withConstants: false, cancellationToken);
        await using var merge = new NpgsqlCommand(Merge, connection);
        merge.Parameters.AddWithValue("tenant", tenantId);
        merge.Parameters.AddWithValue("type", interactionType);
        merge.Parameters.AddWithValue("import", importId);
        return await merge.ExecuteNonQueryAsync(cancellationToken);
    }

    async Task CopyAsync(string copy, IReadOnlyList<KeyedInteraction> rows, bool withConstants, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        // Rows are encoded with the synchronous API: per-field async calls cost more than the rare blocking flush.
        foreach (var (key, row) in rows)
        {
            importer.StartRow();
            if (withConstants)
            {
                importer.Write(tenantId, NpgsqlDbType.Uuid);
                importer.Write(interactionType, NpgsqlDbType.Text);
                importer.Write(importId, NpgsqlDbType.Uuid);
            }

            importer.Write(key.ToGuid(), NpgsqlDbType.Uuid);
            importer.Write(row.UserId, NpgsqlDbType.Text);
            importer.Write(row.ItemId, NpgsqlDbType.Text);
            WriteNullable(importer, row.OccurredAt, NpgsqlDbType.TimestampTz);
            WriteNullable(importer, row.Quantity, NpgsqlDbType.Integer);
            WriteNullable(importer, row.Price, NpgsqlDbType.Numeric);
            if (row.PropertiesJson is null)
            {
                importer.WriteNull();
            }
            else
            {
                importer.Write(row.PropertiesJson, NpgsqlDbType.Jsonb);
            }

            importer.Write(row.RowNumber, NpgsqlDbType.Bigint);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    static void WriteNullable<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type)
        where T : struct
    {
        if (value.HasValue)
        {
            importer.Write(value.Value, type);
        }
        else
        {
            importer.WriteNull();
        }
    }
}
