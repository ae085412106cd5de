using Velora.Ingestion.Interactions;
using Velora.Ingestion.Parsing;

namespace Velora.Ingestion.Jobs;

/// <summary>One import as stored in <c>import_jobs</c>; counters are the sums of the finished chunks.</summary>
public sealed record ImportJob
{
    /// <summary>The select list that reads a row of <c>import_jobs</c> into this record (the worker's and the gateway's reads share it).</summary>
    public const string SelectList = """
        id, tenant_id, interaction_type, blob_key, file_name, columns, status, error, total_bytes, total_rows, chunk_count,
        chunks_done, bytes_done, processed, succeeded, skipped, skipped_duplicate_in_file, skipped_already_stored, skipped_erased_user, failed, created_at, started_at, completed_at, completion_published_at,
        delimiter, encoding, mapping::text AS mapping, declared_properties::text AS declared_properties,
        revert_requested_at, reverted_at, rows_reverted, chunks_reverted, status_before_revert, parent_id, mode, validation_id, commit_id
        """;

    public required Guid Id { get; init; }
    public required Guid TenantId { get; init; }
    public required string InteractionType { get; init; }
    public required string BlobKey { get; init; }
    public string? FileName { get; init; }
    public string[]? Columns { get; init; }
    public required string Status { get; init; }
    public string? Error { get; init; }
    public long? TotalBytes { get; init; }
    public long? TotalRows { get; init; }
    public int? ChunkCount { get; init; }
    public int ChunksDone { get; init; }
    public long BytesDone { get; init; }
    public long Processed { get; init; }
    public long Succeeded { get; init; }
    public long Skipped { get; init; }

    /// <summary>Skipped rows by reason (null for jobs counted before reasons were recorded, migration 0010).</summary>
    public long? SkippedDuplicateInFile { get; init; }

    public long? SkippedAlreadyStored { get; init; }

    public long? SkippedErasedUser { get; init; }

    public DateTime? RevertRequestedAt { get; init; }

    public DateTime? RevertedAt { get; init; }

    public long RowsReverted { get; init; }

    public int ChunksReverted { get; init; }

    /// <summary>The import this one corrects (<c>parent_id=</c> on upload), or null.</summary>
    public Guid? ParentId { get; init; }

    /// <summary><see cref="ImportModes.Import"/>, or <see cref="ImportModes.Validate"/> for a dry run.</summary>
    public string Mode { get; init; } = ImportModes.Import;

    /// <summary>For an import that committed a dry run: that dry run.</summary>
    public Guid? ValidationId { get; init; }

    /// <summary>For a committed dry run: the import that committed it.</summary>
    public Guid? CommitId { get; init; }

    /// <summary>What the import ended as (succeeded or failed) when a revert was asked for; null before.</summary>
    public string? StatusBeforeRevert { get; init; }

    /// <summary>How the import itself ended, whatever a revert did after: what <c>ImportCompleted</c> announces.</summary>
    public string EndedAs => StatusBeforeRevert ?? Status;
    public long Failed { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? StartedAt { get; init; }
    public DateTime? CompletedAt { get; init; }
    public DateTime? CompletionPublishedAt { get; init; }

    /// <summary>Before planning, the delimiter the upload asked for (null: detect it); after, the one the file is read with.</summary>
    public string? Delimiter { get; init; }

    /// <summary>Before planning, the encoding the upload asked for (null: by byte order mark, else UTF-8); after, the one used.</summary>
    public string? Encoding { get; init; }

    /// <summary>Before planning, the upload's own mapping; after, the saved mapping with the upload's over it (JSON).</summary>
    public string? Mapping { get; init; }

    /// <summary>The store's declared properties as planning took them (JSON); null before planning.</summary>
    public string? DeclaredProperties { get; init; }

    /// <summary>What the upload asked about the file, as the planner applies it.</summary>
    public ImportOptions Options => new(Delimiter is { Length: 1 } d ? d[0] : null, Encoding, ColumnMapping.FromJson(Mapping));

    /// <summary>The mapping and declared properties every chunk reads the file with; null before planning.</summary>
    public HeaderRules? Rules => ChunkCount is null ? null : HeaderRules.OfPlanned(Mapping, DeclaredProperties);

    /// <summary>The format the planner found; null before planning.</summary>
    public FileFormat? Format => ChunkCount is not null && Delimiter is { Length: 1 } d && Encoding is { } e ? new FileFormat(d[0], e) : null;
}
