using Npgsql;
using NpgsqlTypes;

namespace Velora.Ingestion.Writing;

/// <summary>
/// Writes the rows a chunk skipped before writing (repeats within the chunk, rows of erased users) with binary COPY, in
/// the chunk's transaction. Rows the database turned away (stored by another import, or by another chunk of this one)
/// are recorded by <see cref="ChunkWriter"/> itself, from its staging table.
/// </summary>
public static class SkipWriter
{
    public static async Task WriteAsync(NpgsqlConnection connection, Guid tenantId, Guid importId, IReadOnlyList<SkippedRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY import_skips (import_id, row_number, tenant_id, user_id, item_id, reason, original_import_id) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(importId, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(row.RowNumber, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(tenantId, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(row.UserId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.ItemId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.Reason, NpgsqlDbType.Text, cancellationToken);
            if (row.OriginalImportId is { } original)
            {
                await importer.WriteAsync(original, NpgsqlDbType.Uuid, cancellationToken);
            }
            else
            {
                await importer.WriteNullAsync(cancellationToken);
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }
}
