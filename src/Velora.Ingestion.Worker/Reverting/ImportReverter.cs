using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Velora.Ingestion.Batching;
using Velora.Ingestion.Blobs;
using Velora.Ingestion.Jobs;
using Velora.Ingestion.Parsing;
using Velora.Ingestion.Resilience;
using Velora.Ingestion.Worker.Importing;

namespace Velora.Ingestion.Worker.Reverting;

/// <summary>
/// Removes exactly the rows one import stored, in bounded batches: one chunk per transaction. Each chunk is read again
/// from the kept file, the identity keys of its rows are deleted where this import stored them (rows another import
/// stored are never touched), and the chunk is marked reverted with its count in the same transaction. A worker killed
/// half-way leaves whole chunks reverted or not; the redelivered request goes on from the first chunk not yet reverted.
/// </summary>
public sealed class ImportReverter(
    NpgsqlDataSource dataSource, IBlobStore blobs, IngestionPipelines pipelines, IOptions<ImportLimits> limits, TimeProvider time, ILogger<ImportReverter> logger)
{
    /// <returns>True when the import is reverted (now or before); false when it is not the tenant's or not reverting.</returns>
    public async Task<bool> RevertAsync(Guid importId, Guid tenantId, CancellationToken cancellationToken)
    {
        var status = await pipelines.Database.ExecuteAsync(
            async token =>
            {
                await using var connection = await dataSource.OpenConnectionAsync(token);
                return await connection.ExecuteScalarAsync<string?>("SELECT status FROM import_jobs WHERE id = @importId AND tenant_id = @tenantId", new { importId, tenantId });
            },
            cancellationToken);
        if (status != ImportStatus.Reverting)
        {
            return status == ImportStatus.Reverted;
        }

        var pending = await pipelines.Database.ExecuteAsync(
            async token =>
            {
                await using var connection = await dataSource.OpenConnectionAsync(token);
                return (await connection.QueryAsync<int>(
                    "SELECT chunk_index FROM import_chunks WHERE import_id = @importId AND done_at IS NOT NULL AND reverted_at IS NULL ORDER BY chunk_index",
                    new { importId })).ToArray();
            },
            cancellationToken);
        foreach (var chunkIndex in pending)
        {
            if (!await pipelines.ImportWork.ExecuteAsync(async token => await RevertChunkAsync(importId, chunkIndex, token), cancellationToken))
            {
                return false;
            }
        }

        return await pipelines.Database.ExecuteAsync(async token => await FinishAsync(importId, token), cancellationToken);
    }

    /// <returns>False when the job stopped reverting meanwhile (the request was withdrawn): nothing of the chunk is kept.</returns>
    async Task<bool> RevertChunkAsync(Guid importId, int chunkIndex, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var chunk = await StoredChunk.LockAsync(connection, transaction, importId, chunkIndex);
        if (chunk.Reverted || !chunk.Done)
        {
            return true;
        }

        var rows = await chunk.ReadAsync(blobs, limits.Value, time, cancellationToken);
        var keys = rows.DistinctByKey().Select(r => r.Key.ToGuid()).ToArray();
        var removed = await connection.ExecuteAsync(
            "DELETE FROM interactions WHERE tenant_id = @tenantId AND import_id = @importId AND identity_key = ANY(@keys)",
            new { tenantId = chunk.TenantId, importId, keys },
            transaction);
        await connection.ExecuteAsync(
            "UPDATE import_chunks SET reverted_at = @now, rows_reverted = @removed WHERE import_id = @importId AND chunk_index = @chunkIndex",
            new { importId, chunkIndex, removed, now = time.GetUtcNow() },
            transaction);
        var counted = await connection.ExecuteAsync(
            """
            UPDATE import_jobs SET rows_reverted = rows_reverted + @removed, chunks_reverted = chunks_reverted + 1
            WHERE id = @importId AND status = @reverting
            """,
            new { importId, removed, reverting = ImportStatus.Reverting },
            transaction);
        if (counted == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Import {ImportId} chunk {ChunkIndex} reverted: {Removed} rows removed", importId, chunkIndex, removed);
        return true;
    }

    async Task<bool> FinishAsync(Guid importId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var finished = await connection.ExecuteAsync(
            """
            UPDATE import_jobs SET status = @To, reverted_at = @now
            WHERE id = @importId AND status = ANY(@From)
              AND NOT EXISTS (SELECT 1 FROM import_chunks WHERE import_id = @importId AND done_at IS NOT NULL AND reverted_at IS NULL)
            """,
            new { importId, ImportLifecycle.FinishRevert.From, ImportLifecycle.FinishRevert.To, now = time.GetUtcNow() });
        if (finished == 1)
        {
            logger.LogInformation("Import {ImportId} reverted", importId);
        }

        return finished == 1
            || await connection.ExecuteScalarAsync<string?>("SELECT status FROM import_jobs WHERE id = @importId", new { importId }) == ImportStatus.Reverted;
    }
}
