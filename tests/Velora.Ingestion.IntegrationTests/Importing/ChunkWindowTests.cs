using Dapper;
using Npgsql;
using Velora.Ingestion.Batching;
using Velora.Ingestion.IntegrationTests.Infrastructure;
using Velora.Ingestion.Jobs;
using Velora.Ingestion.Worker.Importing;

namespace Velora.Ingestion.IntegrationTests.Importing;

/// <summary>Claiming chunks of an import's window in PostgreSQL: exactly as many as asked, in order, never twice.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class ChunkWindowTests(RunningIngestion ingestion)
{
    [Fact]
    public async Task Claims_exactly_the_next_chunks_asked_for_in_order_even_when_the_planner_picks_a_nested_loop()
    {
        var importId = await ImportWithChunksAsync(50);

        var first = await ClaimAsync(importId, 16, nestedLoopOnly: true);
        var next = await ClaimAsync(importId, 1, nestedLoopOnly: true);

        Assert.Equal(Enumerable.Range(0, 16), first);
        Assert.Equal([16], next);
        Assert.Equal(17, await ingestion.ScalarAsync("SELECT count(*) FROM import_chunks WHERE import_id = @p AND published_at IS NOT NULL", importId));
    }

    [Fact]
    public async Task Two_transactions_claiming_at_once_get_different_chunks()
    {
        var importId = await ImportWithChunksAsync(10);
        await using var firstConnection = await ingestion.AdminDataSource.OpenConnectionAsync();
        await using var firstTransaction = await firstConnection.BeginTransactionAsync();
        var claimedFirst = await ChunkWindow.ClaimAsync(firstConnection, firstTransaction, importId, 3, DateTimeOffset.UtcNow, CancellationToken.None);

        // The first transaction is still open: its chunks are locked, and skipped rather than waited for.
        var claimedSecond = await ClaimAsync(importId, 3);
        await firstTransaction.CommitAsync();

        Assert.Equal([0, 1, 2], claimedFirst);
        Assert.Equal([3, 4, 5], claimedSecond);
    }

    async Task<IReadOnlyList<int>> ClaimAsync(Guid importId, int count, bool nestedLoopOnly = false)
    {
        await using var connection = await ingestion.AdminDataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (nestedLoopOnly)
        {
            // The plan a larger, analysed database chose: with it a claim once took every chunk of the import.
            await connection.ExecuteAsync("SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off", transaction: transaction);
        }

        var claimed = await ChunkWindow.ClaimAsync(connection, transaction, importId, count, DateTimeOffset.UtcNow, CancellationToken.None);
        await transaction.CommitAsync();
        return claimed;
    }

    async Task<Guid> ImportWithChunksAsync(int chunks)
    {
        var (tenant, _) = await ingestion.CreateTenantAsync("window");
        var importId = Guid.NewGuid();
        await new TenantImports(ingestion.AdminDataSource, TimeProvider.System)
            .CreateAsync(tenant.Id, importId, "purchase", $"{tenant.Id:N}/{importId:N}.csv", null, Parsing.ImportOptions.Detect, null, null, received: false, CancellationToken.None);
        await using var connection = await ingestion.AdminDataSource.OpenConnectionAsync();
        // Statistics taken while the import had one chunk, as when a plan is saved right after an ANALYZE: the planner
        // then expects one row per import and drives a nested loop from the chunks, re-running any subquery per row.
        await connection.ExecuteAsync(
            """
            INSERT INTO import_chunks (import_id, chunk_index, byte_offset, byte_length, first_row, row_count) VALUES (@importId, 0, 0, 100, 1, 10);
            ANALYZE import_chunks;
            INSERT INTO import_chunks (import_id, chunk_index, byte_offset, byte_length, first_row, row_count)
            SELECT @importId, i, i * 100, 100, i * 10 + 1, 10 FROM generate_series(1, @last) AS i;
            """,
            new { importId, last = chunks - 1 });
        return importId;
    }
}
