using Dapper;
using Npgsql;

namespace Velora.Ingestion.Reporting;

/// <summary>Adds up the profiles of an import's done chunks (each written with its chunk's counts, by <c>ChunkImporter</c>).</summary>
public static class ImportProfiles
{
    /// <summary>The profiles of the chunks done so far (chunks done before profiles were kept, schema 17, add nothing).</summary>
    public static async Task<FileProfile> ReadAsync(NpgsqlConnection connection, Guid importId, CancellationToken cancellationToken)
    {
        var file = new FileProfile();
        var chunks = await connection.QueryAsync<ChunkProfile>(new CommandDefinition(
            """
            SELECT profile_rows AS Rows, profile_without_timestamp AS WithoutTimestamp, profile_first AS First, profile_last AS Last,
                   profile_users AS Users, profile_items AS Items
            FROM import_chunks WHERE import_id = @importId AND done_at IS NOT NULL AND profile_rows IS NOT NULL
            """,
            new { importId },
            cancellationToken: cancellationToken));
        foreach (var chunk in chunks)
        {
            file.Add(chunk);
        }

        return file;
    }
}
