using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Velora.Ingestion.Blobs;
using Velora.Ingestion.Erasure;
using Velora.Ingestion.Jobs;
using Velora.Ingestion.Parsing;
using Velora.Ingestion.Reporting;
using Velora.Ingestion.Resilience;
using Velora.Ingestion.Telemetry;
using Velora.Ingestion.Writing;

namespace Velora.Ingestion.Batching;

/// <summary>
/// Imports one planned chunk: parse → validate → write, in one database transaction that also writes the chunk's
/// failures, its done-mark and the job's counters. A redelivered chunk finds its done-mark and changes nothing;
/// a chunk interrupted half-way leaves nothing behind. The transaction that finishes the last chunk ends the job.
/// </summary>
public sealed class ChunkImporter(
    NpgsqlDataSource dataSource,
    IBlobStore blobs,
    IngestionPipelines pipelines,
    IngestionMetrics metrics,
    IOptions<ImportLimits> limits,
    TimeProvider time,
    ILogger<ChunkImporter> logger)
{
    /// <summary>This worker process as recorded in <c>import_chunks.done_by</c>: host and process id.</summary>
    public static readonly string WorkerInstance = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <param name="sendChunk">
    /// Sends the message of the chunk this one hands its place in the import's window to (<see cref="ChunkWindow"/>);
    /// started when the chunk starts, awaited before its transaction commits.
    /// </param>
    public Task<ChunkOutcome> ImportAsync(Guid importId, int chunkIndex, Func<int, CancellationToken, Task> sendChunk, CancellationToken cancellationToken) =>
        pipelines.ImportWork.ExecuteAsync(async token => await ImportOnceAsync(importId, chunkIndex, sendChunk, token), cancellationToken).AsTask();

    async Task<ChunkOutcome> ImportOnceAsync(Guid importId, int chunkIndex, Func<int, CancellationToken, Task> sendChunk, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The row lock makes a second delivery of the same chunk wait here, then see the done-mark.
        var chunk = await StoredChunk.LockAsync(connection, transaction, importId, chunkIndex);
        // Only a running job takes rows: one that ended, or is being reverted, never gets more (nor sends more chunks).
        if (chunk.Done || chunk.Status != ImportStatus.Running)
        {
            return ChunkOutcome.AlreadyDone;
        }

        // The successor's message travels while this chunk works (a broker confirm can take a few hundred milliseconds
        // under load) and is awaited before the commit, so it is never lost; a rollback leaves at worst a duplicate,
        // which finds its chunk done.
        var successors = await ChunkWindow.ClaimAsync(connection, transaction, importId, 1, time.GetUtcNow(), cancellationToken);
        var sending = successors.Count == 0 ? Task.CompletedTask : sendChunk(successors[0], cancellationToken);
        var watch = Stopwatch.StartNew();
        ChunkRows rows;
        ChunkWrite written;
        long erased = 0;
        ChunkWriter? writer = null;
        TimeSpan readTime, writeTime;
        string? status;
        try
        {
            var schema = chunk.Schema;
            rows = await chunk.ReadAsync(blobs, limits.Value, time, cancellationToken);
            var repeats = new List<KeyedInteraction>();
            IReadOnlyList<KeyedInteraction> distinct = rows.DistinctByKey(repeats);
            var skips = repeats.Select(r => Skipped(r, SkippedRow.DuplicateInFile, importId)).ToList();

            // Rows of users the store erased are skipped; the shared lock makes an erasure at this moment wait for the commit.
            await ErasureLock.ShareAsync(connection, transaction, chunk.TenantId);
            var erasedUsers = await UserErasures.ErasedAmongAsync(connection, transaction, chunk.TenantId, distinct.Select(r => r.Row.UserId));
            if (erasedUsers.Count > 0)
            {
                var kept = distinct.Where(r => !erasedUsers.Contains(r.Row.UserId)).ToArray();
                erased = distinct.Count - kept.Length;
                skips.AddRange(distinct.Where(r => erasedUsers.Contains(r.Row.UserId)).Select(r => Skipped(r, SkippedRow.ErasedUser, null)));
                distinct = kept;
            }

            // The readiness report's share: the rows this chunk would store, profiled while they are in memory.
            var profile = ChunkProfile.Of(distinct);
            readTime = watch.Elapsed;
            if (chunk.Mode == ImportModes.Validate)
            {
                written = await DryRunWriter.WriteAsync(connection, chunk.TenantId, importId, distinct, skips, cancellationToken);
            }
            else
            {
                writer = new ChunkWriter(connection, chunk.TenantId, importId, schema);
                written = await writer.WriteAsync(distinct, cancellationToken);
            }

            await FailureWriter.WriteAsync(connection, chunk.TenantId, importId, rows.Failures, time.GetUtcNow(), cancellationToken);
            await SkipWriter.WriteAsync(connection, chunk.TenantId, importId, skips, cancellationToken);
            writeTime = watch.Elapsed - readTime;
            // Before the counters: their row lock is wanted by every chunk of the import, so it is not held while waiting.
            await sending;
            status = await CountAsync(connection, transaction, importId, chunkIndex, chunk, rows.Valid.Count, written, erased, rows.Failures.Count, profile);
        }
        catch
        {
            await sending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        if (status is null)
        {
            // The job failed while this chunk ran: its rows must not land after ImportCompleted was published.
            await transaction.RollbackAsync(cancellationToken);
            return ChunkOutcome.AlreadyDone;
        }

        await transaction.CommitAsync(cancellationToken);
        var inserted = written.Inserted;
        metrics.ChunkImported(chunk.RowCount, inserted, rows.Valid.Count - inserted, rows.Failures.Count, watch.Elapsed);

        logger.LogInformation(
            "Import {ImportId} chunk {ChunkIndex}: {Rows} rows, {Succeeded} stored, {Skipped} skipped, {Failed} failed; read {ReadMs} ms, write {WriteMs} ms{Path}, count and commit {CommitMs} ms",
            importId, chunkIndex, chunk.RowCount, inserted, rows.Valid.Count - inserted, rows.Failures.Count,
            (long)readTime.TotalMilliseconds, (long)writeTime.TotalMilliseconds, writer is null ? " (dry run)" : writer.UsedStaging ? " (staging: some rows were already stored)" : string.Empty,
            (long)(watch.Elapsed - readTime - writeTime).TotalMilliseconds);
        return ImportStatus.IsFinal(status) ? ChunkOutcome.ImportedLast : ChunkOutcome.Imported;
    }

    static SkippedRow Skipped(KeyedInteraction row, string reason, Guid? original) =>
        new(row.Row.RowNumber, row.Row.UserId, row.Row.ItemId, reason, original);

    /// <returns>The job's status after counting, or null when the job ended meanwhile (then nothing may be kept).</returns>
    /// <remarks>Skipped rows are the valid ones not inserted: of erased users, stored by another import, and repeats within the file.</remarks>
    async Task<string?> CountAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid importId, int chunkIndex, StoredChunk chunk, long valid, ChunkWrite written, long erased, int failed,
        ChunkProfile profile)
    {
        var skipped = valid - written.Inserted;
        var counts = new
        {
            importId,
            chunkIndex,
            processed = chunk.RowCount,
            succeeded = written.Inserted,
            skipped,
            inFile = skipped - written.AlreadyStored - erased,
            stored = written.AlreadyStored,
            erased,
            failed,
            bytes = chunk.ByteLength,
            now = time.GetUtcNow(),
            finished = chunk.Mode == ImportModes.Validate ? ImportStatus.Validated : ImportStatus.Succeeded,
            running = ImportStatus.Running,
            worker = WorkerInstance,
            profileRows = (int)profile.Rows,
            profileWithoutTimestamp = (int)profile.WithoutTimestamp,
            profileFirst = profile.First,
            profileLast = profile.Last,
            profileUsers = profile.Users,
            profileItems = profile.Items,
        };
        await connection.ExecuteAsync(
            """
            UPDATE import_chunks SET done_at = @now, done_by = @worker, processed = @processed, succeeded = @succeeded, skipped = @skipped, failed = @failed,
                skipped_duplicate_in_file = @inFile, skipped_already_stored = @stored,
                profile_rows = @profileRows, profile_without_timestamp = @profileWithoutTimestamp, profile_first = @profileFirst, profile_last = @profileLast,
                profile_users = @profileUsers, profile_items = @profileItems
            WHERE import_id = @importId AND chunk_index = @chunkIndex
            """,
            counts,
            transaction);
        var status = await connection.ExecuteScalarAsync<string>(
            """
            UPDATE import_jobs
            SET chunks_done = chunks_done + 1, bytes_done = bytes_done + @bytes, processed = processed + @processed,
                succeeded = succeeded + @succeeded, skipped = skipped + @skipped, failed = failed + @failed,
                skipped_duplicate_in_file = skipped_duplicate_in_file + @inFile, skipped_already_stored = skipped_already_stored + @stored,
                skipped_erased_user = skipped_erased_user + @erased,
                status = CASE WHEN chunks_done + 1 = chunk_count THEN @finished ELSE status END,
                completed_at = CASE WHEN chunks_done + 1 = chunk_count THEN @now ELSE completed_at END
            WHERE id = @importId AND status = @running
            RETURNING status
            """,
            counts,
            transaction);
        if (status == ImportStatus.Validated)
        {
            // A dry run that ended needs its claimed keys no more; they go in the transaction that ends it.
            await connection.ExecuteAsync("DELETE FROM validation_keys WHERE import_id = @importId", new { importId }, transaction);
        }

        return status;
    }
}
