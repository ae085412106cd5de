using Dapper;
using Npgsql;

namespace Velora.Ingestion.Worker.Importing;

/// <summary>
/// Fair sharing of the one chunk queue: an import has at most a window of chunks sent (queued or running); each chunk
/// that finishes claims the next unsent one. Claiming happens in the transaction that records the claimer's work, and
/// the claimed chunk's message is sent before that transaction commits: a crash can repeat a message (its chunk is then
/// found done) but never lose one.
/// </summary>
public static class ChunkWindow
{
    /// <summary>Marks up to <paramref name="count"/> unsent chunks of the import as sent, in order, and returns them.</summary>
    public static async Task<IReadOnlyList<int>> ClaimAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid importId, int count, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (count <= 0)
        {
            return [];
        }

        // SKIP LOCKED: chunks finishing at the same time claim different successors without waiting on each other.
        // MATERIALIZED: chosen once. As a plain subquery the planner may run it again for every row of a nested loop,
        // each run picking the next unsent chunks, until every chunk of the import is claimed.
        var claimed = await connection.QueryAsync<int>(new CommandDefinition(
            """
            WITH next AS MATERIALIZED (
                SELECT chunk_index FROM import_chunks
                WHERE import_id = @importId AND published_at IS NULL AND done_at IS NULL
                ORDER BY chunk_index LIMIT @count FOR UPDATE SKIP LOCKED)
            UPDATE import_chunks c SET published_at = @now
            FROM next
            WHERE c.import_id = @importId AND c.chunk_index = next.chunk_index
            RETURNING c.chunk_index
            """,
            new { importId, count, now },
            transaction,
            cancellationToken: cancellationToken));
        return [.. claimed.Order()];
    }
}
