using Velora.Ingestion.Jobs;

namespace Velora.Ingestion.Gateway.Imports;

/// <summary>One import in <c>GET /v1/imports</c>: its state and counts; the full summary is at its own URL.</summary>
public sealed record ImportListItem(
    Guid ImportId,
    string Status,
    string InteractionType,
    string? FileName,
    string CreatedAt,
    string? CompletedAt,
    long Processed,
    long Succeeded,
    long Skipped,
    long Failed,
    string? Error)
{
    public static ImportListItem From(ImportJob job) => new(
        job.Id,
        job.Status,
        job.InteractionType,
        job.FileName,
        ImportSummaries.FormatUtc(job.CreatedAt),
        job.CompletedAt is { } completed ? ImportSummaries.FormatUtc(completed) : null,
        job.Processed,
        job.Succeeded,
        job.Skipped,
        job.Failed,
        job.Error);
}
