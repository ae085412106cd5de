using Dapper;
using Npgsql;
using Velora.Ingestion.Jobs;
using Velora.Ingestion.Writing;

namespace Velora.Ingestion.Worker.Importing;

/// <summary>
/// The last step of a chunk's transaction: its done-mark with its counts and profile, then the job's counters, which end
/// the job when this was its last chunk. The job's row is updated only while it runs, so a job that failed meanwhile
/// counts nothing more (the caller rolls back).
/// </summary>
internal static class ChunkCounts
{
    /// <returns>The job's status after counting, or null when the job ended meanwhile (then nothing may be kept).</returns>
    /// <remarks>Skipped rows are the valid ones not inserted: of erased users, stored by another import, and repeats within the file.</remarks>
    public static async Task<string?> AddAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid importId, int chunkIndex, StoredChunk chunk, PreparedChunk prepared, ChunkWrite written,
        DateTimeOffset now, string worker)
    {
        var skipped = prepared.Rows.Valid.Count - written.Inserted;
        var profile = prepared.Profile;
        var counts = new
        {
            importId,
            chunkIndex,
            processed = chunk.RowCount,
            succeeded = written.Inserted,
            skipped,
            inFile = skipped - written.AlreadyStored - prepared.Erased,
            stored = written.AlreadyStored,
            erased = prepared.Erased,
            failed = prepared.Rows.Failures.Count,
            bytes = chunk.ByteLength,
            now,
            ImportLifecycle.Finish(chunk.Mode).From,
            ImportLifecycle.Finish(chunk.Mode).To,
            worker,
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
                status = CASE WHEN chunks_done + 1 = chunk_count THEN @To ELSE status END,
                completed_at = CASE WHEN chunks_done + 1 = chunk_count THEN @now ELSE completed_at END
            WHERE id = @importId AND status = ANY(@From)
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
