using System.Globalization;
using Velora.Ingestion.Contracts;

namespace Velora.Ingestion.Jobs;

/// <summary>Builds the public summary of docs/design.md §2 from a job's counters and its first failures.</summary>
public static class ImportSummaries
{
    public const int DefaultFailedItemsCap = 100;

    public static ImportSummary From(ImportJob job, IReadOnlyList<StoredFailure> firstFailures, int cap = DefaultFailedItemsCap) =>
        new(
            job.Processed,
            job.Succeeded,
            job.Skipped,
            job.Failed,
            ImportRates.Format(job.Succeeded, job.Processed),
            ImportRates.Format(job.Succeeded + job.Skipped, job.Processed),
            firstFailures.Take(cap).Select(ToFailedItem).ToArray(),
            job.Failed > cap)
        {
            SkippedByReason = job is { SkippedDuplicateInFile: { } inFile, SkippedAlreadyStored: { } stored, SkippedErasedUser: { } erased }
                ? new SkipReasons(inFile, stored, erased)
                : null,
        };

    public static FailedItem ToFailedItem(StoredFailure failure) =>
        new(failure.RowNumber, failure.UserId, failure.ItemId, failure.Error, FormatUtc(failure.FailedAt)) { Column = failure.Column, Code = failure.Code };

    /// <summary>UTC, ISO-8601, whole seconds, with 'Z': the contract's timestamp form.</summary>
    public static string FormatUtc(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
