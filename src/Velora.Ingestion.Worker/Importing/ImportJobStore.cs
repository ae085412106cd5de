using Dapper;
using Npgsql;
using Velora.Ingestion.Batching;
using Velora.Ingestion.Erasure;
using Velora.Ingestion.Interactions;
using Velora.Ingestion.Jobs;

namespace Velora.Ingestion.Worker.Importing;

/// <summary>
/// The worker's side of import jobs: planning, chunks, failures and completion (Dapper over the shared data source).
/// The gateway reads and records a tenant's jobs through <see cref="TenantImports"/>.
/// </summary>
public sealed class ImportJobStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    static ImportJobStore() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    public async Task<ImportJob?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ImportJob>($"SELECT {ImportJob.SelectList} FROM import_jobs WHERE id = @id", new { id });
    }

    public async Task MarkRunningAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE import_jobs SET status = @To, started_at = coalesce(started_at, @now) WHERE id = @id AND status = ANY(@From)",
            new { id, ImportLifecycle.Start.From, ImportLifecycle.Start.To, now = time.GetUtcNow() });
    }

    /// <summary>
    /// Stores the plan once. A repeated planning (a redelivered request) keeps the first plan, so chunk numbers stay stable.
    /// A file with no data rows completes here.
    /// </summary>
    public async Task SavePlanAsync(Guid id, ImportPlan plan, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var job = await connection.QuerySingleAsync<(int? ChunkCount, string Status, string Mode)>(
            "SELECT chunk_count, status, mode FROM import_jobs WHERE id = @id FOR UPDATE", new { id }, transaction);
        // Planned already (a repeated request), or ended meanwhile (refused by the gateway, failed): keep it as it is.
        if (job.ChunkCount is null && job.Status == ImportStatus.Running)
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO import_chunks (import_id, chunk_index, byte_offset, byte_length, first_row, row_count)
                SELECT @id, c.chunk_index, c.byte_offset, c.byte_length, c.first_row, c.row_count
                FROM unnest(@indexes, @offsets, @lengths, @firstRows, @rowCounts) AS c(chunk_index, byte_offset, byte_length, first_row, row_count)
                """,
                new
                {
                    id,
                    indexes = plan.Chunks.Select(c => c.Index).ToArray(),
                    offsets = plan.Chunks.Select(c => c.ByteOffset).ToArray(),
                    lengths = plan.Chunks.Select(c => c.ByteLength).ToArray(),
                    firstRows = plan.Chunks.Select(c => c.FirstRow).ToArray(),
                    rowCounts = plan.Chunks.Select(c => c.RowCount).ToArray(),
                },
                transaction);
            var empty = plan.Chunks.Count == 0;
            // A file with a header and no row ends here, as its chunks would have ended it: a dry run validated.
            var finish = ImportLifecycle.Finish(job.Mode);
            await connection.ExecuteAsync(
                """
                UPDATE import_jobs
                SET chunk_count = @chunkCount, total_rows = @totalRows, total_bytes = @totalBytes, columns = @columns,
                    delimiter = @delimiter, encoding = @encoding, mapping = @mapping::jsonb, declared_properties = @properties::jsonb,
                    status = CASE WHEN @empty THEN @To ELSE status END, completed_at = CASE WHEN @empty THEN @now ELSE completed_at END
                WHERE id = @id AND status = ANY(@From)
                """,
                new
                {
                    id,
                    chunkCount = plan.Chunks.Count,
                    totalRows = plan.TotalRows,
                    totalBytes = plan.TotalBytes,
                    columns = plan.Columns.ToArray(),
                    delimiter = plan.Format.Delimiter.ToString(),
                    encoding = plan.Format.Encoding,
                    mapping = plan.Rules.Mapping.ToJson(),
                    properties = HeaderRules.PropertiesToJson(plan.Rules.Properties),
                    finish.From,
                    finish.To,
                    empty,
                    now = time.GetUtcNow(),
                },
                transaction);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The chunks whose messages the planner sends: those sent before but not done (a repeated request re-sends them;
    /// a duplicate finds its chunk's done-mark), then unsent ones in order until <paramref name="window"/> are in flight.
    /// </summary>
    public async Task<IReadOnlyList<int>> ChunksToPublishAsync(Guid id, int window, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inFlight = (await connection.QueryAsync<int>(
            "SELECT chunk_index FROM import_chunks WHERE import_id = @id AND published_at IS NOT NULL AND done_at IS NULL ORDER BY chunk_index",
            new { id },
            transaction)).AsList();
        var claimed = await ChunkWindow.ClaimAsync(connection, transaction, id, window - inFlight.Count, time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [.. inFlight, .. claimed];
    }

    /// <summary>Ends a job whose file cannot be imported; a job that already ended keeps its outcome.</summary>
    public async Task FailAsync(Guid id, string error, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ended = await connection.ExecuteAsync(
            """
            UPDATE import_jobs SET status = @To, error = @error, started_at = coalesce(started_at, @now), completed_at = @now
            WHERE id = @id AND status = ANY(@From)
            """,
            new { id, error, ImportLifecycle.Fail.From, ImportLifecycle.Fail.To, now = time.GetUtcNow() },
            transaction);
        if (ended > 0)
        {
            // A dry run's claimed keys go with it, in a statement of its own: its snapshot is taken once the job's row is
            // locked, so it sees the keys of a chunk that committed while the update waited (a chunk after this finds the
            // job failed and rolls back its own).
            await connection.ExecuteAsync("DELETE FROM validation_keys WHERE import_id = @id", new { id }, transaction);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Failures in row order after <paramref name="afterRow"/>; the cursor is the last row number returned.</summary>
    public async Task<IReadOnlyList<StoredFailure>> FailuresAsync(Guid importId, long afterRow, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var failures = await connection.QueryAsync<StoredFailure>(
            $"{StoredFailure.Query} ORDER BY row_number LIMIT @limit",
            new { importId, afterRow, limit });
        return failures.AsList();
    }

    /// <summary>
    /// Adds an ended import's users and items to its store's known ones, once (<see cref="Reporting.KnownEntities"/>): in
    /// one transaction with the mark, so a repeat after a crash finds it done.
    /// </summary>
    public async Task RecordProfileAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        const string Unrecorded = "FROM import_jobs WHERE id = @id AND profile_recorded_at IS NULL AND mode = @import";
        var tenantId = await connection.ExecuteScalarAsync<Guid?>($"SELECT tenant_id {Unrecorded}", new { id, import = ImportModes.Import }, transaction);
        if (tenantId is null)
        {
            return;
        }

        // The erasure lock first, as a chunk takes it before the job's row: an erasure since this import's chunks ran has
        // deleted their hashes, and its tombstones keep them out.
        await ErasureLock.ShareAsync(connection, transaction, tenantId.Value);
        var createdAt = await connection.ExecuteScalarAsync<DateTime?>($"SELECT created_at {Unrecorded} FOR UPDATE", new { id, import = ImportModes.Import }, transaction);
        if (createdAt is null)
        {
            return;
        }

        var erased = await UserErasures.ErasedHashesAsync(connection, transaction, tenantId.Value);
        var profile = await Reporting.ImportProfiles.ReadAsync(connection, id, cancellationToken);
        await Reporting.KnownEntities.RecordAsync(connection, tenantId.Value, createdAt.Value, profile, erased, cancellationToken);
        await connection.ExecuteAsync("UPDATE import_jobs SET profile_recorded_at = @now WHERE id = @id", new { id, now = time.GetUtcNow() }, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task MarkCompletionPublishedAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE import_jobs SET completion_published_at = @now WHERE id = @id AND completion_published_at IS NULL",
            new { id, now = time.GetUtcNow() });
    }

    /// <summary>
    /// Jobs queued or running that made no progress (created, started, a chunk done) for <paramref name="stalledFor"/>:
    /// their request or chunk messages were lost, or sat in an error queue. Oldest first.
    /// </summary>
    public async Task<IReadOnlyList<ImportJob>> StalledAsync(TimeSpan stalledFor, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var jobs = await connection.QueryAsync<ImportJob>(
            $"""
            SELECT {ImportJob.SelectList} FROM import_jobs j
            WHERE j.status IN (@queued, @running) AND j.received_at IS NOT NULL
              AND greatest(j.created_at, j.started_at, (SELECT max(c.done_at) FROM import_chunks c WHERE c.import_id = j.id)) < @before
            ORDER BY j.created_at LIMIT @limit
            """,
            new { queued = ImportStatus.Queued, running = ImportStatus.Running, before = time.GetUtcNow() - stalledFor, limit });
        return jobs.AsList();
    }

    /// <summary>
    /// Refuses uploads whose file never arrived within <paramref name="olderThan"/> (the gateway died mid-upload), so they
    /// stop counting against their store's limit. Nobody was told they were accepted: no ImportCompleted is sent.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> RefuseAbandonedUploadsAsync(TimeSpan olderThan, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var ids = await connection.QueryAsync<Guid>(
            """
            UPDATE import_jobs SET status = @To, error = 'The upload was not completed', completed_at = @now
            WHERE status = ANY(@From) AND received_at IS NULL AND created_at < @before
            RETURNING id
            """,
            new { ImportLifecycle.Refuse.From, ImportLifecycle.Refuse.To, now, before = now - olderThan });
        return ids.AsList();
    }

    /// <summary>Ended jobs whose <c>ImportCompleted</c> was not confirmed as published, oldest first (a refused one has none).</summary>
    public async Task<IReadOnlyList<Guid>> UnpublishedCompletionsAsync(TimeSpan olderThan, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var ids = await connection.QueryAsync<Guid>(
            """
            SELECT id FROM import_jobs
            WHERE completed_at IS NOT NULL AND completion_published_at IS NULL AND status <> @refused AND completed_at < @before
            ORDER BY completed_at LIMIT @limit
            """,
            new { refused = ImportStatus.Refused, before = time.GetUtcNow() - olderThan, limit });
        return ids.AsList();
    }
}
