using Velora.Ingestion.Jobs;

namespace Velora.Ingestion.Gateway.Imports;

/// <summary>Rows per second since the import started and, while it runs, an estimate of the time left.</summary>
public readonly record struct ImportThroughput(double? RowsPerSecond, long? SecondsLeft)
{
    public static ImportThroughput Of(ImportJob job, DateTimeOffset now)
    {
        if (job.StartedAt is not { } started)
        {
            return default;
        }

        var end = job.CompletedAt is { } completed ? new DateTimeOffset(completed, TimeSpan.Zero) : now;
        var seconds = (end - new DateTimeOffset(started, TimeSpan.Zero)).TotalSeconds;
        if (seconds <= 0 || job.Processed == 0)
        {
            return default;
        }

        var rate = job.Processed / seconds;
        long? left = job.Status == ImportStatus.Running && job.TotalRows is { } total
            ? (long)Math.Ceiling(Math.Max(0, total - job.Processed) / rate)
            : null;
        return new ImportThroughput(Math.Round(rate), left);
    }
}
