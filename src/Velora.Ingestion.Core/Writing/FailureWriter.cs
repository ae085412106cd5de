using Npgsql;
using Velora.Ingestion.Validation;

namespace Velora.Ingestion.Writing;

/// <summary>Writes a chunk's row failures with binary COPY (<see cref="BinaryCopyWriter"/>), in the chunk's transaction.</summary>
public static class FailureWriter
{
    public static async Task WriteAsync(NpgsqlConnection connection, Guid tenantId, Guid importId, IReadOnlyList<RowFailure> failures, DateTimeOffset failedAt, CancellationToken cancellationToken)
    {
        if (failures.Count == 0)
        {
            return;
        }

        await using var writer = await BinaryCopyWriter.BeginAsync(
            connection,
            "COPY import_failures (import_id, row_number, tenant_id, user_id, item_id, error, failed_at, code, column_name, fields) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var failure in failures)
        {
            // Raw ids may hold NUL, which PostgreSQL text cannot store: it is written as the two characters \0.
            var (user, item, error) = (Storable(failure.UserId), Storable(failure.ItemId), Storable(failure.Error.Message));
            var column = failure.Column is null ? null : Storable(failure.Column);
            // The whole record (at most InteractionCsv.MaxRecordBytes), so the failures CSV can be fixed and uploaded again.
            var fields = failure.Fields.Select(RecordField).ToArray();
            var textChars = user.Length + item.Length + error.Length + failure.Error.Code.Length + (column?.Length ?? 0) + fields.Sum(f => f.Length);
            await writer.StartRowAsync(10, textChars, fields.Length, cancellationToken);
            writer.WriteUuid(importId);
            writer.WriteBigint(failure.RowNumber);
            writer.WriteUuid(tenantId);
            writer.WriteText(user);
            writer.WriteText(item);
            writer.WriteText(error);
            writer.WriteTimestampTz(failedAt);
            writer.WriteText(failure.Error.Code);
            writer.WriteText(column);
            writer.WriteTextArray(fields);
        }

        await writer.CompleteAsync(cancellationToken);
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
