using Velora.Ingestion.Jobs;
using Velora.Ingestion.Resilience;

namespace Velora.Ingestion.Gateway.Imports;

/// <summary>
/// Reads one import as <c>GET /v1/imports/{id}</c> answers it, and waits for an import to end (<c>wait=</c> on upload).
/// </summary>
public sealed class ImportStatusReader(TenantImports jobs, IngestionPipelines pipelines, TimeProvider time)
{
    /// <summary>The longest <c>wait=</c> an upload may ask for: past it, a client should poll.</summary>
    public const int MaxWaitSeconds = 60;

    static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(50);
    static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(500);

    /// <summary>The status with its summary, or null when the tenant has no such import.</summary>
    public async Task<ImportStatusResponse?> ReadAsync(Guid tenantId, Guid importId, CancellationToken cancellationToken) =>
        await pipelines.Database.ExecuteAsync(
            async token =>
            {
                var job = await jobs.FindAsync(tenantId, importId, token);
                if (job is null)
                {
                    return null;
                }

                var firstFailures = await jobs.FailuresAsync(tenantId, importId, 0, ImportSummaries.DefaultFailedItemsCap, token);
                var corrections = await jobs.CorrectionsOfAsync(tenantId, importId, token);
                return ImportStatusResponse.From(job, ImportSummaries.From(job, firstFailures), corrections, time.GetUtcNow());
            },
            cancellationToken);

    /// <summary>
    /// Polls the job, briefly at first and then every half second, until it ends or <paramref name="patience"/> runs out;
    /// returns its final status, or null when it had not ended in time (or the client went away).
    /// </summary>
    public async Task<ImportStatusResponse?> WaitForEndAsync(Guid tenantId, Guid importId, TimeSpan patience, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + patience;
        var pause = FirstPause;
        try
        {
            while (true)
            {
                var job = await pipelines.Database.ExecuteAsync(async token => await jobs.FindAsync(tenantId, importId, token), cancellationToken);
                if (job is not null && ImportStatus.IsEnded(job.Status))
                {
                    return await ReadAsync(tenantId, importId, cancellationToken);
                }

                var left = deadline - time.GetUtcNow();
                if (left <= TimeSpan.Zero)
                {
                    return null;
                }

                await Task.Delay(pause < left ? pause : left, time, cancellationToken);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
