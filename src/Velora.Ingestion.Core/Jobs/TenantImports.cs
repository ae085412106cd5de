using Dapper;
using Npgsql;
using Velora.Ingestion.Parsing;
using Velora.Ingestion.Tenants;
using Velora.Ingestion.Writing;

namespace Velora.Ingestion.Jobs;

/// <summary>
/// One tenant's imports as the gateway sees them. Every query filters on the tenant and also runs in a
/// <see cref="TenantTransaction"/>, so that row-level security holds it to that tenant even if a filter were missing.
/// </summary>
public sealed class TenantImports(NpgsqlDataSource dataSource, TimeProvider time)
{
    static TenantImports() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    /// <summary>
    /// Records a new job as queued. With <paramref name="maxActive"/>, a tenant that already has that many queued or
    /// running imports gets none more; the check and the insert are serialised per tenant, so a burst cannot overshoot.
    /// <paramref name="received"/> false reserves the place of an upload still to be read (see <see cref="MarkReceivedAsync"/>).
    /// </summary>
    public async Task<ImportAdmission> CreateAsync(
        Guid tenantId, Guid id, string interactionType, string blobKey, string? fileName, ImportOptions options, long? totalBytes, int? maxActive, bool received,
        CancellationToken cancellationToken)
    {
        await using var scope = await TenantTransaction.BeginAsync(dataSource, tenantId, cancellationToken);
        if (maxActive is { } limit)
        {
            await scope.Connection.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended(@tenant, 0))", new { tenant = tenantId.ToString() }, scope.Transaction);
            if (await ActiveCountAsync(scope, tenantId) >= limit
                && !await scope.Connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM import_jobs WHERE id = @id)", new { id }, scope.Transaction))
            {
                return ImportAdmission.TenantAtLimit;
            }
        }

        var inserted = await scope.Connection.ExecuteAsync(
            """
            INSERT INTO import_jobs (id, tenant_id, interaction_type, blob_key, file_name, status, total_bytes, created_at, received_at, delimiter, encoding, mapping)
            VALUES (@id, @tenantId, @interactionType, @blobKey, @fileName, @status, @totalBytes, @now, CASE WHEN @received THEN @now END, @delimiter, @encoding,
                    @mapping::jsonb)
            ON CONFLICT (id) DO NOTHING
            """,
            new
            {
                id, tenantId, interactionType, blobKey, fileName, status = ImportStatus.Queued, totalBytes, now = time.GetUtcNow(), received,
                delimiter = options.Delimiter?.ToString(), encoding = options.Encoding,
                mapping = options.ColumnMapping.IsEmpty ? null : options.ColumnMapping.ToJson(),
            },
            scope.Transaction);
        await scope.CommitAsync(cancellationToken);
        return inserted == 1 ? ImportAdmission.Recorded : ImportAdmission.AlreadyRecorded;
    }

    /// <summary>Records <paramref name="id"/> as the correction of <paramref name="parentId"/>, an import of the same store.</summary>
    public async Task<bool> LinkCorrectionAsync(Guid tenantId, Guid id, Guid parentId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantTransaction.BeginAsync(dataSource, tenantId, cancellationToken);
        var linked = await scope.Connection.ExecuteAsync(
            """
            UPDATE import_jobs SET parent_id = @parentId
            WHERE id = @id AND tenant_id = @tenantId AND @parentId <> @id
              AND EXISTS (SELECT 1 FROM import_jobs p WHERE p.id = @parentId AND p.tenant_id = @tenantId)
            """,
            new { tenantId, id, parentId },
            scope.Transaction);
        await scope.CommitAsync(cancellationToken);
        return linked == 1;
    }

    /// <summary>The imports recorded as corrections of <paramref name="id"/>, oldest first.</summary>
    public async Task<IReadOnlyList<Guid>> CorrectionsOfAsync(Guid tenantId, Guid id, CancellationToken cancellationToken)
    {
        await using var scope = await TenantTransaction.BeginAsync(dataSource, tenantId, cancellationToken);
        var corrections = await scope.Connection.QueryAsync<Guid>(
            "SELECT id FROM import_jobs WHERE tenant_id = @tenantId AND parent_id = @id ORDER BY created_at, id", new { tenantId, id }, scope.Transaction);
        await scope.CommitAsync(cancellationToken);
        return [.. corrections];
    }

    /// <summary>The reserved upload's file is stored: its name and size are recorded, and it may now be published.</summary>
    public async Task MarkReceivedAsync(Guid tenantId, Guid id, string? fileName, long totalBytes, CancellationToken cancellationToken)
    {
        await using var scope = await TenantTransaction.BeginAsync(dataSource, tenantId, cancellationToken);
        await scope.Connection.ExecuteAsync(
            """
            UPDATE import_jobs SET file_name = @fileName, total_bytes = @totalBytes, received_at = @now
            WHERE id = @id AND tenant_id = @tenantId AND status = @queued
            """,
            new { id, tenantId, fileName, totalBytes, now = time.GetUtcNow(), queued = ImportStatus.Queued },
            scope.Transaction);
        await scope.CommitAsync(cancellationToken);
    }

    /// <summary>Gives back the place of an upload that was refused or broken off before its file was stored.</summary>
    public async Task DiscardUploadAsync(Guid tenantId, Guid id, CancellationToken cancellationToken)
    {
        await using var scope = await TenantTransaction.BeginAsync(dataSource, tenantId, cancellationToken);
        await scope.Connection.ExecuteAsync(
            "DELETE FROM import_jobs WHERE id = @id AND tenant_id = @tenantId AND status = @queued AND received_at IS NULL",
            new { id, tenantId, queued = ImportStatus.Queued },
            scope.Transaction);
        await scope.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Ends a queued job that the gateway could not hand to the broker. It stays as a refused job, so a request that
    /// reached the broker after all is recognised and ignored by the worker, and no completion is announced.
    /// False when a worker already started it (then it runs).
    /// </summary>
    public async Task<bool> RefuseQueuedAsync(Guid tenantId, Guid id, string reason, CancellationToken cancellationToken)
    {
        await using var scope = await TenantTransaction.BeginAsync(dataSource, tenantId, cancellationToken);
        var refused = await RefuseQueuedAsync(scope, tenantId, id, reason, time.GetUtcNow());
        await scope.CommitAsync(cancellationToken);
        return refused;
    }

    /// <summary>As <see cref="RefuseQueuedAsync(Guid, Guid, string, CancellationToken)"/>, in the caller's transaction.</summary>
    public static async Task<bool> RefuseQueuedAsync(TenantTransaction scope, Guid tenantId, Guid id, string reason, DateTimeOffset now) =>
        await scope.Connection.ExecuteAsync(
            """
            UPDATE import_jobs SET status = @To, error = @reason, completed_at = @now
            WHERE id = @id AND tenant_id = @tenantId AND status = ANY(@From)
            """,
            new { id, tenantId, reason, ImportLifecycle.Refuse.From, ImportLifecycle.Refuse.To, now },
            scope.Transaction) == 1;

    /// <summary>A job as its tenant sees it; null for an unknown id or another tenant's job.</summary>
    public async Task<ImportJob?> FindAsync(Guid tenantId, Guid id, CancellationToken cancellationToken)
    {
        await using var scope = await TenantTransaction.BeginAsync(dataSource, tenantId, cancellationToken);
        return await scope.Connection.QuerySingleOrDefaultAsync<ImportJob>(
            $"SELECT {ImportJob.SelectList} FROM import_jobs WHERE id = @id AND tenant_id = @tenantId", new { id, tenantId }, scope.Transaction);
    }

    /// <summary>
    /// A tenant's imports, newest first, optionally of one status; <paramref name="after"/> is the id of the last import
    /// of the previous page (keyset paging on creation time, then id).
    /// </summary>
    public async Task<IReadOnlyList<ImportJob>> ListAsync(Guid tenantId, string? status, Guid? after, int limit, CancellationToken cancellationToken)
    {
        await using var scope = await TenantTransaction.BeginAsync(dataSource, tenantId, cancellationToken);
        var jobs = await scope.Connection.QueryAsync<ImportJob>(
            $"""
            SELECT {ImportJob.SelectList} FROM import_jobs j
            WHERE j.tenant_id = @tenantId
              AND (@status::text IS NULL OR j.status = @status)
              AND (@after::uuid IS NULL OR (j.created_at, j.id) < (SELECT p.created_at, p.id FROM import_jobs p WHERE p.id = @after AND p.tenant_id = @tenantId))
            ORDER BY j.created_at DESC, j.id DESC
            LIMIT @limit
            """,
            new { tenantId, status, after, limit },
            scope.Transaction);
        return jobs.AsList();
    }

    /// <summary>An import's failures in row order after <paramref name="afterRow"/>; empty for another tenant's import.</summary>
    public async Task<IReadOnlyList<StoredFailure>> FailuresAsync(Guid tenantId, Guid importId, long afterRow, int limit, CancellationToken cancellationToken)
    {
        await using var scope = await TenantTransaction.BeginAsync(dataSource, tenantId, cancellationToken);
        var failures = await scope.Connection.QueryAsync<StoredFailure>(
            $"{StoredFailure.Query} AND tenant_id = @tenantId ORDER BY row_number LIMIT @limit",
            new { importId, tenantId, afterRow, limit },
            scope.Transaction);
        return failures.AsList();
    }

    /// <summary>An import's skipped rows in row order after <paramref name="afterRow"/>; empty for another tenant's import.</summary>
    public async Task<IReadOnlyList<SkippedRow>> SkipsAsync(Guid tenantId, Guid importId, long afterRow, int limit, CancellationToken cancellationToken)
    {
        await using var scope = await TenantTransaction.BeginAsync(dataSource, tenantId, cancellationToken);
        var skips = await scope.Connection.QueryAsync<(long RowNumber, string UserId, string ItemId, string Reason, Guid? OriginalImportId)>(
            """
            SELECT row_number, user_id, item_id, reason, original_import_id FROM import_skips
            WHERE import_id = @importId AND tenant_id = @tenantId AND row_number > @afterRow
            ORDER BY row_number LIMIT @limit
            """,
            new { importId, tenantId, afterRow, limit },
            scope.Transaction);
        return [.. skips.Select(s => new SkippedRow(s.RowNumber, s.UserId, s.ItemId, s.Reason, s.OriginalImportId))];
    }

    /// <summary>How many of the tenant's imports are queued (uploads in progress included) or running.</summary>
    public static Task<int> ActiveCountAsync(TenantTransaction scope, Guid tenantId) =>
        scope.Connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM import_jobs WHERE tenant_id = @tenantId AND status IN (@queued, @running)",
            new { tenantId, queued = ImportStatus.Queued, running = ImportStatus.Running },
            scope.Transaction);
}
