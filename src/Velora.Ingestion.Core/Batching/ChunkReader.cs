using CsvHelper;
using Velora.Ingestion.Parsing;
using Velora.Ingestion.Validation;
using Velora.Ingestion.Writing;

namespace Velora.Ingestion.Batching;

/// <summary>Parse → validate for one chunk: reads its records from its byte offset in the file's format and sorts them into valid rows and failures.</summary>
public static class ChunkReader
{
    public static async Task<ChunkRows> ReadAsync(
        Stream file, FileFormat format, long byteOffset, long firstRow, int rowCount, RowValidator validator, CancellationToken cancellationToken)
    {
        file.Seek(byteOffset, SeekOrigin.Begin);
        CsvMalformedReason? malformed = null;
        // A chunk starts at a line start in the file's own bytes, so a decoder can start there as well.
        await using var text = TextEncodings.IsUtf8(format.Encoding) ? null : new Utf8TranscodingStream(file, TextEncodings.Get(format.Encoding), trackLines: false);
        await using var reader = InteractionCsv.Open((Stream?)text ?? file, hasHeader: false, format.Delimiter, record => malformed = record.Reason);
        var rows = new ChunkRows();
        var read = 0;
        while (read < rowCount && await reader.ReadAsync(cancellationToken))
        {
            var rowNumber = firstRow + read;
            read++;
            // A quote inside an unquoted field (12" pizza) is kept as text; broken quoting that changes where a field ends is not.
            // CsvHelper reports a record's first problem only, so a stray quote may hide a quote that is never closed.
            if (malformed is { } reason && (reason != CsvMalformedReason.StrayQuote || HasUnclosedQuote(reader)))
            {
                reason = reason == CsvMalformedReason.StrayQuote ? CsvMalformedReason.UnterminatedQuote : reason;
                rows.Failures.Add(validator.RecordFailure(rowNumber, reader.Current.ToArray(), RowErrors.MalformedQuoting(reason)));
                malformed = null;
                continue;
            }

            malformed = null;
            if (validator.TryValidate(rowNumber, reader.Current.ToArray(), out var interaction, out var failure))
            {
                var key = InteractionIdentity.Of(validator.Schema.IdentityType(interaction!), interaction!.UserId, interaction.ItemId, interaction.OccurredAt);
                rows.Valid.Add(new KeyedInteraction(key, interaction));
            }
            else
            {
                rows.Failures.Add(failure!);
            }
        }

        if (read != rowCount)
        {
            throw new ImportFileException($"The file changed after it was planned: {read} rows where {rowCount} were expected from row {firstRow}");
        }

        return rows;
    }

    static bool HasUnclosedQuote(CsvReader reader)
    {
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var raw = reader.GetRawSpan(i).TrimStart(" \t"u8);
            if (raw.Length > 0 && raw[0] == (byte)'"' && (raw.Length == 1 || raw.TrimEnd(" \t"u8)[^1] != (byte)'"'))
            {
                return true;
            }
        }

        return false;
    }
}
