using Dapper;
using Npgsql;
using Velora.Ingestion.Batching;
using Velora.Ingestion.Blobs;
using Velora.Ingestion.Interactions;
using Velora.Ingestion.Parsing;
using Velora.Ingestion.Validation;

namespace Velora.Ingestion.Worker.Importing;

/// <summary>
/// One planned chunk as the database keeps it, with what its job says about reading it (file, format, header rules):
/// what the importer writes and the reverter removes. Read under its row lock, so a second delivery of the same chunk
/// waits and then sees the first one's mark.
/// </summary>
internal sealed class StoredChunk
{
    public long ByteOffset { get; init; }
    public long FirstRow { get; init; }
    public int RowCount { get; init; }
    public long ByteLength { get; init; }
    public bool Done { get; init; }
    public bool Reverted { get; init; }
    public Guid TenantId { get; init; }
    public string InteractionType { get; init; } = string.Empty;
    public string BlobKey { get; init; } = string.Empty;
    public string[] Columns { get; init; } = [];
    public string Delimiter { get; init; } = ",";
    public string Encoding { get; init; } = TextEncodings.Utf8;
    public string? Mapping { get; init; }
    public string? DeclaredProperties { get; init; }
    public string Status { get; init; } = string.Empty;
    public string Mode { get; init; } = Jobs.ImportModes.Import;

    public static async Task<StoredChunk> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid importId, int chunkIndex) =>
        await connection.QuerySingleOrDefaultAsync<StoredChunk>(
            """
            SELECT c.byte_offset AS ByteOffset, c.first_row AS FirstRow, c.row_count AS RowCount, c.byte_length AS ByteLength,
                   c.done_at IS NOT NULL AS Done, c.reverted_at IS NOT NULL AS Reverted, j.tenant_id AS TenantId,
                   j.interaction_type AS InteractionType, j.blob_key AS BlobKey, j.columns AS Columns, j.status AS Status, j.mode AS Mode,
                   j.delimiter AS Delimiter, j.encoding AS Encoding,
                   j.mapping::text AS Mapping, j.declared_properties::text AS DeclaredProperties
            FROM import_chunks c JOIN import_jobs j ON j.id = c.import_id
            WHERE c.import_id = @importId AND c.chunk_index = @chunkIndex
            FOR UPDATE OF c
            """,
            new { importId, chunkIndex },
            transaction) ?? throw new InvalidOperationException($"Import {importId} has no chunk {chunkIndex}");

    public InteractionSchema Schema => InteractionSchemas.Get(InteractionType);

    /// <summary>Parses and validates the chunk's rows from the file, with the header rules the job was planned with.</summary>
    public async Task<ChunkRows> ReadAsync(IBlobStore blobs, ImportLimits limits, TimeProvider time, CancellationToken cancellationToken)
    {
        var format = new FileFormat(Delimiter[0], Encoding);
        var rules = HeaderRules.OfPlanned(Mapping, DeclaredProperties);
        var validator = new RowValidator(HeaderLayout.Resolve(Schema, Columns, rules), ValueFormat.For(format.Delimiter, time), limits);
        await using var file = await blobs.OpenReadAsync(BlobKey, cancellationToken);
        return await ChunkReader.ReadAsync(file, format, ByteOffset, FirstRow, RowCount, validator, cancellationToken);
    }
}
