using Npgsql;
using NpgsqlTypes;
using Velora.Ingestion.Validation;

namespace Velora.Ingestion.Writing;

/// <summary>Writes a chunk's row failures with binary COPY, in the chunk's transaction.</summary>
public static class FailureWriter
{
    public static async Task WriteAsync(NpgsqlConnection connection, Guid tenantId, Guid importId, IReadOnlyList<RowFailure> failures, DateTimeOffset failedAt, CancellationToken cancellationToken)
    {
        if (failures.Count == 0)
        {
            return;
        }

        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY import_failures (import_id, row_number, tenant_id, user_id, item_id, error, failed_at, code, column_name, fields) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var failure in failures)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(importId, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(failure.RowNumber, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(tenantId, NpgsqlDbType.Uuid, cancellationToken);
            // Raw ids may hold NUL, which PostgreSQL text cannot store: it is written as the two characters \0.
            await importer.WriteAsync(Storable(failure.UserId), NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(Storable(failure.ItemId), NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(Storable(failure.Error.Message), NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(failedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(failure.Error.Code, NpgsqlDbType.Text, cancellationToken);
            if (failure.Column is null)
            {
                await importer.WriteNullAsync(cancellationToken);
            }
            else
            {
                await importer.WriteAsync(Storable(failure.Column), NpgsqlDbType.Text, cancellationToken);
            }

            // The whole record (at most InteractionCsv.MaxRecordBytes), so the failures CSV can be fixed and uploaded again.
            await importer.WriteAsync(failure.Fields.Select(RecordField).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    // Raw ids of rejected rows are kept for the report, cut at a length no real id reaches.
    const int MaxStoredIdLength = 1024;

    static string RecordField(string value) =>
        value.Contains('\0', StringComparison.Ordinal) ? value.Replace("\0", "\\0", StringComparison.Ordinal) : value;

    static string Storable(string value)
    {
        var end = Math.Min(value.Length, MaxStoredIdLength);
        // Never cut a surrogate pair in two: half a character is not valid UTF-8.
        if (end < value.Length && char.IsHighSurrogate(value[end - 1]))
        {
            end--;
        }

        var cut = value[..end];
        return cut.Contains('\0', StringComparison.Ordinal) ? cut.Replace("\0", "\\0", StringComparison.Ordinal) : cut;
    }
}
