using System.Text;
using System.Text.Unicode;
using CsvHelper;
using Velora.Ingestion.Interactions;
using Velora.Ingestion.Parsing;

namespace Velora.Ingestion.Batching;

/// <summary>
/// Scans a file once to check it as a whole (encoding, delimiter, header, record sizes) and to cut it into chunks of
/// <c>chunkRows</c> records, each starting at a record boundary that a chunk reader can seek to: an offset in the
/// file's own bytes, whatever its encoding.
/// </summary>
public static class ChunkPlanner
{
    const int SniffBytes = 4096;

    /// <summary>Plans with the upload's own mapping only (no saved settings): what the unit tests and tools need.</summary>
    public static Task<ImportPlan> PlanAsync(
        Stream file, InteractionSchema schema, ImportOptions options, int chunkRows, ImportLimits limits, CancellationToken cancellationToken) =>
        PlanAsync(file, schema, options, new HeaderRules(options.ColumnMapping, []), chunkRows, limits, cancellationToken);

    /// <param name="rules">The store's saved mapping with the upload's over it, and its declared properties.</param>
    public static async Task<ImportPlan> PlanAsync(
        Stream file, InteractionSchema schema, ImportOptions options, HeaderRules rules, int chunkRows, ImportLimits limits, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);
        var totalBytes = file.Length;
        if (totalBytes == 0)
        {
            throw new ImportFileException("File is empty");
        }

        var start = new byte[(int)Math.Min(SniffBytes, totalBytes)];
        await file.ReadExactlyAsync(start, cancellationToken);
        var mark = TextEncodings.FromByteOrderMark(start);
        // A byte order mark is unambiguous, so it wins over encoding=; without either, the file is UTF-8.
        var encoding = mark?.Name ?? options.Encoding ?? TextEncodings.Utf8;
        var named = mark is not null || options.Encoding is not null;
        if (!named && TextEncodings.Utf16WithoutMarkHint(start) is { } utf16)
        {
            throw new ImportFileException($"File is not UTF-8 text: {utf16}");
        }

        Utf8TranscodingStream? transcoded = null;
        Stream text = file;
        if (TextEncodings.IsUtf8(encoding))
        {
            // UTF-8 is read as it is (the reader skips its byte order mark): offsets are the file's own.
            file.Position = 0;
        }
        else
        {
            file.Position = mark?.Length ?? 0;
            text = transcoded = new Utf8TranscodingStream(file, TextEncodings.Get(encoding), trackLines: true);
        }

        try
        {
            await using (transcoded)
            {
                return await ScanAsync(text, transcoded, totalBytes, schema, options, rules, encoding, named, start, chunkRows, limits, cancellationToken);
            }
        }
        catch (DecoderFallbackException e)
        {
            throw new ImportFileException($"File is not valid {encoding} text (invalid bytes in the line from byte {transcoded?.SourceOffset ?? 0}); check encoding=", e);
        }
    }

    static async Task<ImportPlan> ScanAsync(
        Stream text, Utf8TranscodingStream? transcoded, long totalBytes, InteractionSchema schema, ImportOptions options, HeaderRules rules, string encoding, bool named, byte[] start,
        int chunkRows, ImportLimits limits, CancellationToken cancellationToken)
    {
        await using var reader = InteractionCsv.Open(text, hasHeader: true, options.Delimiter);
        var chunks = new List<PlannedChunk>();
        long rows = 0;
        var utf8Check = TextEncodings.IsUtf8(encoding);
        string NotUtf8(string where) =>
            $"File is not valid UTF-8 text ({where})" + (named ? string.Empty : "; " + TextEncodings.NotUtf8Hint(start));
        try
        {
            await reader.ReadHeaderAsync(cancellationToken);
            var columns = reader.Headers;
            if (columns.Count == 0 || (columns.Count == 1 && columns[0].Trim().TrimStart('\uFEFF').Length == 0))
            {
                throw new ImportFileException("File is empty: no header row");
            }

            if (utf8Check && columns.Any(c => c.Contains('\uFFFD', StringComparison.Ordinal)))
            {
                throw new ImportFileException(NotUtf8("the header has invalid bytes"));
            }

            if (columns.Count > limits.MaxColumns)
            {
                throw new ImportFileException($"The header has {columns.Count} columns; at most {limits.MaxColumns} are allowed");
            }

            _ = HeaderLayout.Resolve(schema, columns, rules);

            long chunkStart = 0, chunkFirstRow = 0;
            var chunkRowCount = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                rows++;
                // The reader enforces its limit only when it must grow its buffer; check every record so that
                // planning and chunk reading (which starts with a small buffer) agree.
                if (reader.RawRecord.Length > InteractionCsv.MaxRecordBytes)
                {
                    throw new ImportFileException(RecordTooLarge(reader.RowNumber));
                }

                if (utf8Check && !Utf8.IsValid(reader.RawRecord))
                {
                    throw new ImportFileException(NotUtf8($"invalid bytes in row {reader.RowNumber}"));
                }

                if (chunkRowCount == chunkRows)
                {
                    var next = SourceOffset(reader.ByteOffset);
                    chunks.Add(Chunk(chunks.Count, chunkStart, next, chunkFirstRow, chunkRowCount));
                    chunkRowCount = 0;
                    chunkStart = next;
                    chunkFirstRow = reader.RowNumber;
                }
                else if (chunkRowCount == 0)
                {
                    chunkStart = SourceOffset(reader.ByteOffset);
                    chunkFirstRow = reader.RowNumber;
                }

                chunkRowCount++;
            }

            if (chunkRowCount > 0)
            {
                chunks.Add(Chunk(chunks.Count, chunkStart, totalBytes, chunkFirstRow, chunkRowCount));
            }

            return new ImportPlan(columns.ToArray(), totalBytes, rows, chunks, new FileFormat(reader.Separator, encoding), rules);
        }
        catch (CsvFormatException e)
        {
            throw new ImportFileException(RecordTooLarge(rows + 1), e);
        }

        long SourceOffset(long utf8Offset) => transcoded?.SourceOffsetOf(utf8Offset) ?? utf8Offset;
    }

    static string RecordTooLarge(long row) =>
        $"Row {row} cannot be read: a record is larger than {InteractionCsv.MaxRecordBytes / 1024 / 1024} MB or its quotes never close";

    // The first chunk also accounts for the header's bytes, so the chunks' lengths add up to the file's size (progress).
    static PlannedChunk Chunk(int index, long start, long end, long firstRow, int rowCount) =>
        new(index, start, end - (index == 0 ? 0 : start), firstRow, rowCount);
}
