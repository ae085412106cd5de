using Npgsql;
using NpgsqlTypes;
using Velora.Ingestion.Validation;

namespace Velora.Ingestion.Writing;

/// <summary>
/// Writes one chunk's valid rows inside the caller's transaction: binary COPY into a transaction-scoped staging
/// table, then one INSERT … ON CONFLICT DO NOTHING into <c>interactions</c>. Rows go in identity order so that
/// parallel chunks take index locks in the same order and cannot deadlock on shared duplicates.
/// </summary>
public sealed class ChunkWriter : IAsyncDisposable
{
    const string CreateStaging = """
        CREATE TEMP TABLE staging_interactions (
            identity_key uuid NOT NULL, user_id text NOT NULL, item_id text NOT NULL, occurred_at timestamptz,
            quantity integer, price numeric(19, 4), properties jsonb, row_number bigint NOT NULL
        ) ON COMMIT DROP
        """;

    const string Merge = """
        INSERT INTO interactions (tenant_id, identity_key, interaction_type, user_id, item_id, occurred_at, quantity, price, properties, import_id, row_number)
        SELECT @tenant, identity_key, @type, user_id, item_id, occurred_at, quantity, price, properties, @import, row_number
        FROM staging_interactions
        ORDER BY identity_key
        ON CONFLICT (tenant_id, identity_key) DO NOTHING
        """;

    readonly NpgsqlConnection _connection;
    readonly NpgsqlBinaryImporter _importer;
    readonly Guid _tenantId;
    readonly Guid _importId;
    readonly string _interactionType;
    bool _completed;

    ChunkWriter(NpgsqlConnection connection, NpgsqlBinaryImporter importer, Guid tenantId, Guid importId, string interactionType)
    {
        _connection = connection;
        _importer = importer;
        _tenantId = tenantId;
        _importId = importId;
        _interactionType = interactionType;
    }

    /// <summary>Number of rows handed to <see cref="AddAsync"/>.</summary>
    public long Staged { get; private set; }

    public static async Task<ChunkWriter> StartAsync(NpgsqlConnection connection, Guid tenantId, Guid importId, string interactionType, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand(CreateStaging, connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var importer = await connection.BeginBinaryImportAsync(
            "COPY staging_interactions (identity_key, user_id, item_id, occurred_at, quantity, price, properties, row_number) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        return new ChunkWriter(connection, importer, tenantId, importId, interactionType);
    }

    public async ValueTask AddAsync(PurchaseInteraction row, CancellationToken cancellationToken)
    {
        await _importer.StartRowAsync(cancellationToken);
        await _importer.WriteAsync(InteractionIdentity.Of(_interactionType, row.UserId, row.ItemId, row.OccurredAt), NpgsqlDbType.Uuid, cancellationToken);
        await _importer.WriteAsync(row.UserId, NpgsqlDbType.Text, cancellationToken);
        await _importer.WriteAsync(row.ItemId, NpgsqlDbType.Text, cancellationToken);
        await WriteNullableAsync(row.OccurredAt, NpgsqlDbType.TimestampTz, cancellationToken);
        await WriteNullableAsync(row.Quantity, NpgsqlDbType.Integer, cancellationToken);
        await WriteNullableAsync(row.Price, NpgsqlDbType.Numeric, cancellationToken);
        if (row.PropertiesJson is null)
        {
            await _importer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await _importer.WriteAsync(row.PropertiesJson, NpgsqlDbType.Jsonb, cancellationToken);
        }

        await _importer.WriteAsync(row.RowNumber, NpgsqlDbType.Bigint, cancellationToken);
        Staged++;
    }

    /// <summary>Ends the COPY and moves the staged rows into <c>interactions</c>; returns how many were new.</summary>
    public async Task<long> MergeAsync(CancellationToken cancellationToken)
    {
        await _importer.CompleteAsync(cancellationToken);
        await _importer.DisposeAsync();
        _completed = true;
        if (Staged == 0)
        {
            return 0;
        }

        await using var merge = new NpgsqlCommand(Merge, _connection);
        merge.Parameters.AddWithValue("tenant", _tenantId);
        merge.Parameters.AddWithValue("type", _interactionType);
        merge.Parameters.AddWithValue("import", _importId);
        return await merge.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            // Disposing without CompleteAsync cancels the COPY; the transaction is rolled back by the caller.
            await _importer.DisposeAsync();
        }
    }

    async ValueTask WriteNullableAsync<T>(T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct
    {
        if (value.HasValue)
        {
            await _importer.WriteAsync(value.Value, type, cancellationToken);
        }
        else
        {
            await _importer.WriteNullAsync(cancellationToken);
        }
    }
}
