using System.Text.Unicode;
using CsvHelper;
using Velora.Ingestion.Interactions;
using Velora.Ingestion.Parsing;

namespace Velora.Ingestion.Batching;

/// <summary>
/// Scans a file once to check it as a whole (encoding, header, record sizes) and to cut it into chunks of
/// <c>chunkRows</c> records, each starting at a record boundary that a chunk reader can seek to.
/// </summary>
public static class ChunkPlanner
{
    public static async Task<ImportPlan> PlanAsync(Stream file, InteractionSchema schema, int chunkRows, ImportLimits limits, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);
        var totalBytes = file.Length;
        await FileEncoding.EnsureUtf8Async(file, cancellationToken);

        await using var reader = InteractionCsv.Open(file, hasHeader: true);
        var chunks = new List<PlannedChunk>();
        long rows = 0;
        try
        {
            await reader.ReadHeaderAsync(cancellationToken);
            var columns = reader.Headers;
            if (columns.Count == 0 || (columns.Count == 1 && columns[0].Trim().TrimStart('\uFEFF').Length == 0))
            {
                throw new ImportFileException("File is empty: no header row");
            }

            if (columns.Any(c => c.Contains('\uFFFD', StringComparison.Ordinal)))
            {
                throw new ImportFileException("File is not valid UTF-8 text (the header has invalid bytes)");
            }

            if (columns.Count > limits.MaxColumns)
            {
                throw new ImportFileException($"The header has {columns.Count} columns; at most {limits.MaxColumns} are allowed");
            }

            _ = HeaderLayout.Resolve(schema, columns);

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

                if (!Utf8.IsValid(reader.RawRecord))
                {
                    throw new ImportFileException($"File is not valid UTF-8 text (invalid bytes in row {reader.RowNumber})");
                }

                if (chunkRowCount == chunkRows)
                {
                    chunks.Add(Chunk(chunks.Count, chunkStart, reader.ByteOffset, chunkFirstRow, chunkRowCount));
                    chunkRowCount = 0;
                }

                if (chunkRowCount == 0)
                {
                    chunkStart = reader.ByteOffset;
                    chunkFirstRow = reader.RowNumber;
                }

                chunkRowCount++;
            }

            if (chunkRowCount > 0)
            {
                chunks.Add(Chunk(chunks.Count, chunkStart, totalBytes, chunkFirstRow, chunkRowCount));
            }

            return new ImportPlan(columns.ToArray(), totalBytes, rows, chunks);
        }
        catch (CsvFormatException e)
        {
            throw new ImportFileException(RecordTooLarge(rows + 1), e);
        }
    }

    static string RecordTooLarge(long row) =>
        $"Row {row} cannot be read: a record is larger than {InteractionCsv.MaxRecordBytes / 1024 / 1024} MB or its quotes never close";

    // The first chunk also accounts for the header's bytes, so the chunks' lengths add up to the file's size (progress).
    static PlannedChunk Chunk(int index, long start, long end, long firstRow, int rowCount) =>
        new(index, start, end - (index == 0 ? 0 : start), firstRow, rowCount);
}
