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

namespace Velora.Ingestion.Worker.Importing;

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

    /// <summary>
    /// The chunk's transaction, in the order that keeps it exact:
    /// 1. lock the chunk's row (a second delivery waits here, then sees the done-mark) and go on only while its job runs;
    /// 2. claim the successor in the import's window and start sending it, so its message travels while this chunk works;
    /// 3. read and validate the rows, and set aside repeats and erased users' rows (under the store's erasure lock);
    /// 4. write the rows, failures and skipped rows;
    /// 5. wait for the successor's send (never lost; awaited before step 6 takes the job's row lock, wanted by every chunk);
    /// 6. add the counts: done-mark, the job's counters, its end if this was the last chunk; a job that ended meanwhile
    ///    takes nothing, and the transaction is rolled back;
    /// 7. commit.
    /// </summary>
    async Task<ChunkOutcome> ImportOnceAsync(Guid importId, int chunkIndex, Func<int, CancellationToken, Task> sendChunk, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var chunk = await StoredChunk.LockAsync(connection, transaction, importId, chunkIndex);
        // Only a running job takes rows: one that ended, or is being reverted, never gets more (nor sends more chunks).
        if (chunk.Done || chunk.Status != ImportStatus.Running)
        {
            return ChunkOutcome.AlreadyDone;
        }

        var sending = await SendSuccessorAsync(connection, transaction, importId, sendChunk, cancellationToken);
        var watch = Stopwatch.StartNew();
        PreparedChunk prepared;
        ChunkWrite written;
        ChunkWriter? writer = null;
        TimeSpan readTime, writeTime;
        string? status;
        try
        {
            prepared = await PrepareAsync(connection, transaction, importId, chunk, cancellationToken);
            readTime = watch.Elapsed;
            (written, writer) = await WriteAsync(connection, importId, chunk, prepared, cancellationToken);
            writeTime = watch.Elapsed - readTime;
            await sending;
            status = await ChunkCounts.AddAsync(connection, transaction, importId, chunkIndex, chunk, prepared, written, time.GetUtcNow(), WorkerInstance);
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
        var rows = prepared.Rows;
        metrics.ChunkImported(chunk.RowCount, inserted, rows.Valid.Count - inserted, rows.Failures.Count, watch.Elapsed);
        logger.LogInformation(
            "Import {ImportId} chunk {ChunkIndex}: {Rows} rows, {Succeeded} stored, {Skipped} skipped, {Failed} failed; read {ReadMs} ms, write {WriteMs} ms{Path}, count and commit {CommitMs} ms",
            importId, chunkIndex, chunk.RowCount, inserted, rows.Valid.Count - inserted, rows.Failures.Count,
            (long)readTime.TotalMilliseconds, (long)writeTime.TotalMilliseconds, writer is null ? " (dry run)" : writer.UsedStaging ? " (staging: some rows were already stored)" : string.Empty,
            (long)(watch.Elapsed - readTime - writeTime).TotalMilliseconds);
        return ImportStatus.IsFinal(status) ? ChunkOutcome.ImportedLast : ChunkOutcome.Imported;
    }

    /// <summary>
    /// Step 2. A broker confirm can take a few hundred milliseconds under load; a rollback after the send leaves at worst
    /// a duplicate message, which finds its chunk done.
    /// </summary>
    async Task<Task> SendSuccessorAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid importId, Func<int, CancellationToken, Task> sendChunk, CancellationToken cancellationToken)
    {
        var successors = await ChunkWindow.ClaimAsync(connection, transaction, importId, 1, time.GetUtcNow(), cancellationToken);
        return successors.Count == 0 ? Task.CompletedTask : sendChunk(successors[0], cancellationToken);
    }

    /// <summary>Step 3: parse → validate from the file, then what would be stored, what is skipped and why, and its profile.</summary>
    async Task<PreparedChunk> PrepareAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid importId, StoredChunk chunk, CancellationToken cancellationToken)
    {
        var rows = await chunk.ReadAsync(blobs, limits.Value, time, cancellationToken);
        var repeats = new List<KeyedInteraction>();
        var toStore = rows.DistinctByKey(repeats);
        var skips = repeats.Select(r => Skipped(r, SkippedRow.DuplicateInFile, importId)).ToList();
        long erased = 0;

        // Rows of users the store erased are skipped; the shared lock makes an erasure at this moment wait for the commit.
        await ErasureLock.ShareAsync(connection, transaction, chunk.TenantId);
        var erasedUsers = await UserErasures.ErasedAmongAsync(connection, transaction, chunk.TenantId, toStore.Select(r => r.Row.UserId));
        if (erasedUsers.Count > 0)
        {
            var kept = toStore.Where(r => !erasedUsers.Contains(r.Row.UserId));
            erased = toStore.Count - kept.Count;
            skips.AddRange(toStore.Where(r => erasedUsers.Contains(r.Row.UserId)).Select(r => Skipped(r, SkippedRow.ErasedUser, null)));
            toStore = kept;
        }

        // The readiness report's share: the rows this chunk would store, profiled while they are in memory.
        return new PreparedChunk(rows, toStore, skips, erased, ChunkProfile.Of(toStore));
    }

    /// <summary>Step 4: a dry run claims its keys and stores nothing; an import stores its rows. Failures and skips are kept either way.</summary>
    async Task<(ChunkWrite Written, ChunkWriter? Writer)> WriteAsync(NpgsqlConnection connection, Guid importId, StoredChunk chunk, PreparedChunk prepared, CancellationToken cancellationToken)
    {
        ChunkWriter? writer = null;
        ChunkWrite written;
        if (chunk.Mode == ImportModes.Validate)
        {
            written = await DryRunWriter.WriteAsync(connection, chunk.TenantId, importId, prepared.ToStore, prepared.Skips, cancellationToken);
        }
        else
        {
            writer = new ChunkWriter(connection, chunk.TenantId, importId, chunk.Schema);
            written = await writer.WriteAsync(prepared.ToStore, cancellationToken);
        }

        await FailureWriter.WriteAsync(connection, chunk.TenantId, importId, prepared.Rows.Failures, time.GetUtcNow(), cancellationToken);
        await SkipWriter.WriteAsync(connection, chunk.TenantId, importId, prepared.Skips, cancellationToken);
        return (written, writer);
    }

    static SkippedRow Skipped(KeyedInteraction row, string reason, Guid? original) =>
        new(row.Row.RowNumber, row.Row.UserId, row.Row.ItemId, reason, original);
}
