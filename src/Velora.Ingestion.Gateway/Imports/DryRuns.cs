using Dapper;
using Npgsql;
using Velora.Ingestion.Jobs;
using Velora.Ingestion.Tenants;

namespace Velora.Ingestion.Gateway.Imports;

/// <summary>
/// Dry runs as the gateway records them: an upload marked <c>mode=validate</c>, and its commit, a new import of the same
/// stored file read as the dry run read it (its delimiter, encoding and mapping). A dry run is committed once: the
/// link is set under the dry run's row lock, so two commits at the same moment give one import.
/// </summary>
public sealed class DryRuns(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>Marks a just-recorded upload as a dry run, before its request is published.</summary>
    public async Task MarkAsync(Guid tenantId, Guid importId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantTransaction.BeginAsync(dataSource, tenantId, cancellationToken);
        await scope.Connection.ExecuteAsync(
            "UPDATE import_jobs SET mode = @validate WHERE id = @importId AND tenant_id = @tenantId",
            new { importId, tenantId, validate = ImportModes.Validate },
            scope.Transaction);
        await scope.CommitAsync(cancellationToken);
    }

    public async Task<DryRunCommit> CommitAsync(Guid tenantId, Guid dryRunId, Guid importId, int? maxActive, CancellationToken cancellationToken)
    {
        await using var scope = await TenantTransaction.BeginAsync(dataSource, tenantId, cancellationToken);
        var dryRun = await scope.Connection.QuerySingleOrDefaultAsync<(string Mode, string Status, Guid? CommitId)>(
            "SELECT mode, status, commit_id FROM import_jobs WHERE id = @dryRunId AND tenant_id = @tenantId FOR UPDATE",
            new { dryRunId, tenantId },
            scope.Transaction);
        if (dryRun.Mode is null)
        {
            return new DryRunCommit(DryRunCommit.Outcome.NotFound);
        }

        if (dryRun.Mode != ImportModes.Validate)
        {
            return new DryRunCommit(DryRunCommit.Outcome.NotADryRun, Status: dryRun.Status);
        }

        if (dryRun.CommitId is { } committed)
        {
            return new DryRunCommit(DryRunCommit.Outcome.AlreadyCommitted, committed);
        }

        if (dryRun.Status != ImportStatus.Validated)
        {
            return new DryRunCommit(DryRunCommit.Outcome.NotValidated, Status: dryRun.Status);
        }

        if (maxActive is { } limit)
        {
            await scope.Connection.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended(@tenant, 0))", new { tenant = tenantId.ToString() }, scope.Transaction);
            if (await TenantImports.ActiveCountAsync(scope, tenantId) >= limit)
            {
                return new DryRunCommit(DryRunCommit.Outcome.TenantAtLimit);
            }
        }

        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO import_jobs (id, tenant_id, interaction_type, blob_key, file_name, status, total_bytes, created_at, received_at,
                                     delimiter, encoding, mapping, parent_id, validation_id)
            SELECT @importId, tenant_id, interaction_type, blob_key, file_name, @queued, total_bytes, @now, @now,
                   delimiter, encoding, mapping, parent_id, id
            FROM import_jobs WHERE id = @dryRunId AND tenant_id = @tenantId;
            UPDATE import_jobs SET commit_id = @importId WHERE id = @dryRunId AND tenant_id = @tenantId;
            """,
            new { importId, dryRunId, tenantId, queued = ImportStatus.Queued, now = time.GetUtcNow() },
            scope.Transaction);
        await scope.CommitAsync(cancellationToken);
        return new DryRunCommit(DryRunCommit.Outcome.Started, importId);
    }

    /// <summary>
    /// Undoes a commit whose request could not be published, in one transaction under the dry run's row lock: the import
    /// is refused and lets go of the dry run (its <c>validation_id</c> cleared, its error naming it), and the dry run can
    /// be committed again. False when a worker already started the import (the broker delivered it after all): it runs.
    /// </summary>
    public async Task<bool> WithdrawAsync(Guid tenantId, Guid dryRunId, Guid importId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantTransaction.BeginAsync(dataSource, tenantId, cancellationToken);
        await scope.Connection.ExecuteAsync(
            "SELECT 1 FROM import_jobs WHERE id = @dryRunId AND tenant_id = @tenantId FOR UPDATE", new { dryRunId, tenantId }, scope.Transaction);
        var reason = $"Refused: the message broker was unavailable when dry run {dryRunId} was committed";
        if (!await TenantImports.RefuseQueuedAsync(scope, tenantId, importId, reason, time.GetUtcNow()))
        {
            return false;
        }

        await scope.Connection.ExecuteAsync(
            """
            UPDATE import_jobs SET validation_id = NULL WHERE id = @importId AND tenant_id = @tenantId;
            UPDATE import_jobs SET commit_id = NULL WHERE id = @dryRunId AND tenant_id = @tenantId AND commit_id = @importId;
            """,
            new { dryRunId, importId, tenantId },
            scope.Transaction);
        await scope.CommitAsync(cancellationToken);
        return true;
    }
}
