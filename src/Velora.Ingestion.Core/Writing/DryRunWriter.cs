using Dapper;
using Npgsql;

namespace Velora.Ingestion.Writing;

/// <summary>
/// The write of a dry run (<c>mode=validate</c>): asks what <see cref="ChunkWriter"/> would store, and stores nothing in
/// <c>interactions</c>. A row another import stored would be skipped as already stored; every other key is claimed in
/// <c>validation_keys</c> for this dry run, so a key repeated in another chunk counts as a repeat within the file, as it
/// would in the import. Keys are claimed in key order, so parallel chunks cannot deadlock on shared repeats.
/// </summary>
public static class DryRunWriter
{
    /// <param name="skips">Gets the rows that would be skipped, with the import that stored the original.</param>
    public static async Task<ChunkWrite> WriteAsync(
        NpgsqlConnection connection, Guid tenantId, Guid importId, DistinctRows rows, List<SkippedRow> skips, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return default;
        }

        var keys = rows.Select(r => r.Key.ToGuid()).ToArray();
        var owners = (await connection.QueryAsync<(Guid Key, Guid ImportId)>(
                new CommandDefinition(
                    "SELECT identity_key, import_id FROM interactions WHERE tenant_id = @tenantId AND identity_key = ANY(@keys)",
                    new { tenantId, keys },
                    cancellationToken: cancellationToken)))
            .ToDictionary(o => o.Key, o => o.ImportId);
        var unstored = keys.Where(k => !owners.ContainsKey(k)).ToArray();
        var claimed = (await connection.QueryAsync<Guid>(
                new CommandDefinition(
                    """
                    INSERT INTO validation_keys (import_id, identity_key)
                    SELECT @importId, k FROM unnest(@unstored) AS k ORDER BY k
                    ON CONFLICT DO NOTHING
                    RETURNING identity_key
                    """,
                    new { importId, unstored },
                    cancellationToken: cancellationToken)))
            .ToHashSet();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i].Row;
            if (owners.TryGetValue(keys[i], out var owner))
            {
                skips.Add(new SkippedRow(row.RowNumber, row.UserId, row.ItemId, SkippedRow.AlreadyStored, owner));
            }
            else if (!claimed.Contains(keys[i]))
            {
                skips.Add(new SkippedRow(row.RowNumber, row.UserId, row.ItemId, SkippedRow.DuplicateInFile, importId));
            }
        }

        return new ChunkWrite(claimed.Count, owners.Count);
    }
}
