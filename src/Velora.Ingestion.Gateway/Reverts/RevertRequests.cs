using Dapper;
using Npgsql;
using Velora.Ingestion.Jobs;
using Velora.Ingestion.Tenants;

namespace Velora.Ingestion.Gateway.Reverts;

/// <summary>
/// The gateway's side of a revert, in the store's <see cref="TenantTransaction"/>: an ended import (succeeded or failed)
/// becomes <c>reverting</c>, and goes back to what it was when the request could not be published and no worker began.
/// </summary>
public sealed class RevertRequests(NpgsqlDataSource dataSource, TimeProvider time)
{
    public async Task<RevertRequest> RequestAsync(Guid tenantId, Guid importId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantTransaction.BeginAsync(dataSource, tenantId, cancellationToken);
        var started = await scope.Connection.ExecuteAsync(
            """
            UPDATE import_jobs SET status_before_revert = status, status = @To, revert_requested_at = @now
            WHERE id = @importId AND tenant_id = @tenantId AND status = ANY(@From)
            """,
            new { tenantId, importId, ImportLifecycle.RequestRevert.From, ImportLifecycle.RequestRevert.To, now = time.GetUtcNow() },
            scope.Transaction);
        var status = started == 1
            ? ImportStatus.Reverting
            : await scope.Connection.ExecuteScalarAsync<string?>(
                "SELECT status FROM import_jobs WHERE id = @importId AND tenant_id = @tenantId", new { tenantId, importId }, scope.Transaction);
        await scope.CommitAsync(cancellationToken);
        return (started, status) switch
        {
            (1, _) => RevertRequest.Started,
            (_, null) => RevertRequest.NotFound,
            (_, ImportStatus.Reverting) => RevertRequest.AlreadyReverting,
            (_, ImportStatus.Reverted) => RevertRequest.AlreadyReverted,
            (_, ImportStatus.Queued or ImportStatus.Running) => RevertRequest.NotEnded,
            _ => RevertRequest.NotRevertible,
        };
    }

    /// <summary>Takes a request back that could not be published; not once a worker has reverted a chunk of it.</summary>
    public async Task<bool> WithdrawAsync(Guid tenantId, Guid importId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantTransaction.BeginAsync(dataSource, tenantId, cancellationToken);
        var before = await scope.Connection.ExecuteScalarAsync<string?>(
            """
            SELECT status_before_revert FROM import_jobs
            WHERE id = @importId AND tenant_id = @tenantId AND status = @reverting AND chunks_reverted = 0
            FOR UPDATE
            """,
            new { tenantId, importId, reverting = ImportStatus.Reverting },
            scope.Transaction);
        var withdrawn = before is null ? 0 : await scope.Connection.ExecuteAsync(
            """
            UPDATE import_jobs SET status = @To, revert_requested_at = NULL, status_before_revert = NULL
            WHERE id = @importId AND tenant_id = @tenantId AND status = ANY(@From) AND chunks_reverted = 0
            """,
            new { tenantId, importId, ImportLifecycle.WithdrawRevert(before).From, ImportLifecycle.WithdrawRevert(before).To },
            scope.Transaction);
        await scope.CommitAsync(cancellationToken);
        return withdrawn == 1;
    }
}
