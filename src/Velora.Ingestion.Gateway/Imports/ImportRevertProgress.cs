using Velora.Ingestion.Jobs;

namespace Velora.Ingestion.Gateway.Imports;

/// <summary>The status's <c>revert</c>, once one was asked for: rows removed so far, chunks reverted of those stored.</summary>
public sealed record ImportRevertProgress(string RequestedAt, string? CompletedAt, long RowsRemoved, int ChunksDone, int? ChunksTotal)
{
    public static ImportRevertProgress? Of(ImportJob job) => job.RevertRequestedAt is { } requested
        ? new ImportRevertProgress(
            ImportSummaries.FormatUtc(requested),
            job.RevertedAt is { } done ? ImportSummaries.FormatUtc(done) : null,
            job.RowsReverted,
            job.ChunksReverted,
            job.ChunksDone)
        : null;
}
