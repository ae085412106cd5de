using Npgsql;
using Velora.Ingestion.Interactions;

namespace Velora.Ingestion.Writing;

/// <summary>
/// Writes one chunk's valid rows (<see cref="DistinctRows"/>: sorted by key, no key twice) inside the caller's transaction, copying only the
/// typed fields the interaction type stores.
/// Fast path: binary COPY straight into <c>interactions</c>. When a row is already stored (a re-upload, or the same
/// row in a parallel chunk), the unique index refuses the COPY; the chunk then rolls back to its savepoint and goes
/// through a staging table and <c>INSERT … ON CONFLICT DO NOTHING</c>, which stores only the new rows. Rows go in key
/// order both ways, so parallel chunks take index locks in the same order and cannot deadlock on shared duplicates.
/// </summary>
public sealed class ChunkWriter
{
    const string CreateStaging = """
        CREATE TEMP TABLE staging_interactions (
            identity_key uuid NOT NULL, user_id text NOT NULL, item_id text NOT NULL, occurred_at timestamptz,
            quantity integer, price numeric(19, 4), value numeric(19, 4), event_type text, properties jsonb, row_number bigint NOT NULL
        ) ON COMMIT DROP
        """;

    readonly NpgsqlConnection _connection;
    readonly Guid _tenantId;
    readonly Guid _importId;
    readonly InteractionSchema _schema;
    readonly string _columns;

    public ChunkWriter(NpgsqlConnection connection, Guid tenantId, Guid importId, InteractionSchema schema)
    {
        _connection = connection;
        _tenantId = tenantId;
        _importId = importId;
        _schema = schema;
        var typed = string.Concat(schema.StoredFields.Select(f => ", " + ColumnOf(f)));
        _columns = $"identity_key, user_id, item_id, occurred_at{typed}, properties, row_number";
    }

    /// <summary>True when the last write needed the staging path.</summary>
    public bool UsedStaging { get; private set; }

    /// <summary>Writes the rows and returns how many were new, and how many of the rest another import had stored.</summary>
    public async Task<ChunkWrite> WriteAsync(DistinctRows rows, CancellationToken cancellationToken)
    {
        UsedStaging = false;
        if (rows.Count == 0)
        {
            return default;
        }

        await ExecuteAsync("SAVEPOINT chunk_copy", cancellationToken);
        try
        {
            await CopyAsync($"COPY interactions (tenant_id, interaction_type, import_id, {_columns}) FROM STDIN (FORMAT BINARY)", rows, withConstants: true, cancellationToken);
            await ExecuteAsync("RELEASE SAVEPOINT chunk_copy", cancellationToken);
            return new ChunkWrite(rows.Count, 0);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await ExecuteAsync("ROLLBACK TO SAVEPOINT chunk_copy", cancellationToken);
        }

        // The insert names no conflict target: since schema 21 the key is each store's partition's own (identity_key),
        // and the parent has none to name. A partition's key is its only unique index, so that is the arbiter.
        UsedStaging = true;
        await ExecuteAsync(CreateStaging, cancellationToken);
        await CopyAsync($"COPY staging_interactions ({_columns}) FROM STDIN (FORMAT BINARY)", rows, withConstants: false, cancellationToken);
        await using var merge = new NpgsqlCommand(
            $"""
            INSERT INTO interactions (tenant_id, interaction_type, import_id, {_columns})
            SELECT @tenant, @type, @import, {_columns}
            FROM staging_interactions
            ORDER BY identity_key
            ON CONFLICT DO NOTHING
            """,
            _connection);
        merge.Parameters.AddWithValue("tenant", _tenantId);
        merge.Parameters.AddWithValue("type", _schema.Name);
        merge.Parameters.AddWithValue("import", _importId);
        var inserted = await merge.ExecuteNonQueryAsync(cancellationToken);

        // A row that was not inserted met a stored one: of another import (already stored), or of this one, stored by a
        // parallel chunk (a repeat within the file). Each is recorded with the import that stored it, and the first kind
        // counted. Only this path pays for the question: the fast path had no conflict.
        await using var skipped = new NpgsqlCommand(
            $"""
            WITH skipped AS (
                INSERT INTO import_skips (import_id, row_number, tenant_id, user_id, item_id, reason, original_import_id)
                SELECT @import, s.row_number, @tenant, s.user_id, s.item_id,
                       CASE WHEN i.import_id = @import THEN '{SkippedRow.DuplicateInFile}' ELSE '{SkippedRow.AlreadyStored}' END, i.import_id
                FROM staging_interactions s
                JOIN interactions i ON i.tenant_id = @tenant AND i.identity_key = s.identity_key
                WHERE NOT (i.import_id = @import AND i.row_number = s.row_number)
                RETURNING reason)
            SELECT count(*) FILTER (WHERE reason = '{SkippedRow.AlreadyStored}') FROM skipped
            """,
            _connection);
        skipped.Parameters.AddWithValue("tenant", _tenantId);
        skipped.Parameters.AddWithValue("import", _importId);
        var alreadyStored = (long)(await skipped.ExecuteScalarAsync(cancellationToken))!;
        return new ChunkWrite(inserted, alreadyStored);
    }

    async Task CopyAsync(string copy, DistinctRows rows, bool withConstants, CancellationToken cancellationToken)
    {
        var stored = _schema.StoredFields;
        var fields = (short)((withConstants ? 3 : 0) + 6 + stored.Count);
        var constantChars = withConstants ? _schema.Name.Length : 0;
        await using var writer = await BinaryCopyWriter.BeginAsync(_connection, copy, cancellationToken);
        foreach (var (key, row) in rows)
        {
            var textChars = constantChars + row.UserId.Length + row.ItemId.Length + (row.EventType?.Length ?? 0) + (row.PropertiesJson?.Length ?? 0);
            await writer.StartRowAsync(fields, textChars, 0, cancellationToken);
            if (withConstants)
            {
                writer.WriteUuid(_tenantId);
                writer.WriteText(_schema.Name);
                writer.WriteUuid(_importId);
            }

            writer.WriteUuid(key.High, key.Low);
            writer.WriteText(row.UserId);
            writer.WriteText(row.ItemId);
            writer.WriteTimestampTz(row.OccurredAt);
            for (var i = 0; i < stored.Count; i++)
            {
                WriteField(writer, stored[i], row);
            }

            writer.WriteJsonb(row.PropertiesJson);
            writer.WriteBigint(row.RowNumber);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    static void WriteField(BinaryCopyWriter writer, StoredField field, Interaction row)
    {
        switch (field)
        {
            case StoredField.Quantity:
                writer.WriteInteger(row.Quantity);
                break;
            case StoredField.Price:
                writer.WriteNumeric(row.Price);
                break;
            case StoredField.Value:
                writer.WriteNumeric(row.Value);
                break;
            case StoredField.EventType:
                writer.WriteText(row.EventType);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(field), field, "Not a typed column of interactions.");
        }
    }

    static string ColumnOf(StoredField field) => field switch
    {
        StoredField.Quantity => "quantity",
        StoredField.Price => "price",
        StoredField.Value => "value",
        StoredField.EventType => "event_type",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a typed column of interactions."),
    };

    async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, _connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
