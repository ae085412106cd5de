using System.Text.Json.Serialization;
using Velora.Ingestion.Contracts;
using Velora.Ingestion.Jobs;

namespace Velora.Ingestion.Gateway.Imports;

/// <summary>
/// <c>GET /v1/imports/{id}</c>: the job beside the summary fields of docs/design.md §2 at the top level, so a client
/// written against the summary alone reads this response unchanged.
/// </summary>
public sealed record ImportStatusResponse(
    Guid ImportId,
    string Status,
    string InteractionType,
    string? FileName,
    string CreatedAt,
    string? StartedAt,
    string? CompletedAt,
    ImportProgress Progress,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ImportFormat? Format,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ImportColumn>? Columns,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ImportRevertProgress? Revert,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? ParentId,
    IReadOnlyList<Guid> Corrections,
    string Mode,
    string Report,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? ValidationId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? CommitId,
    long Processed,
    long Succeeded,
    long Skipped,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SkipReasons? SkippedByReason,
    long Failed,
    string SuccessRate,
    string CompletionRate,
    IReadOnlyList<FailedItem> FailedItems,
    bool HasMoreFailures)
{
    public static ImportStatusResponse From(ImportJob job, ImportSummary summary, IReadOnlyList<Guid> corrections, DateTimeOffset now) => new(
        job.Id,
        job.Status,
        job.InteractionType,
        job.FileName,
        ImportSummaries.FormatUtc(job.CreatedAt),
        job.StartedAt is { } started ? ImportSummaries.FormatUtc(started) : null,
        job.CompletedAt is { } completed ? ImportSummaries.FormatUtc(completed) : null,
        ProgressOf(job, now),
        job.Format is { } format ? new ImportFormat(format.Delimiter.ToString(), format.Encoding, format.DecimalSeparator) : null,
        ImportColumn.Of(job),
        job.Error,
        ImportRevertProgress.Of(job),
        job.ParentId,
        corrections,
        job.Mode,
        $"/v1/imports/{job.Id}/report",
        job.ValidationId,
        job.CommitId,
        summary.Processed,
        summary.Succeeded,
        summary.Skipped,
        summary.SkippedByReason,
        summary.Failed,
        summary.SuccessRate,
        summary.CompletionRate,
        summary.FailedItems,
        summary.HasMoreFailures);

    static ImportProgress ProgressOf(ImportJob job, DateTimeOffset now)
    {
        var (rate, left) = ImportThroughput.Of(job, now);
        return new ImportProgress(job.Processed, job.TotalRows, job.BytesDone, job.TotalBytes, job.ChunksDone, job.ChunkCount, rate, left);
    }
}
