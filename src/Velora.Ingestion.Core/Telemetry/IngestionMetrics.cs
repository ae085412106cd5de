using System.Diagnostics.Metrics;

namespace Velora.Ingestion.Telemetry;

/// <summary>
/// The service's own metrics (meter <c>Velora.Ingestion</c>). Tenants are not a label: their number is unbounded.
/// Rows per second is <c>rate(velora_import_rows_processed_total[1m])</c>.
/// </summary>
public sealed class IngestionMetrics
{
    public const string MeterName = "Velora.Ingestion";

    // Buckets in seconds (the exporter's defaults are meant for milliseconds).
    static readonly InstrumentAdvice<double> Seconds = new() { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800] };

    readonly Counter<long> _processed;
    readonly Counter<long> _rows;
    readonly Histogram<double> _chunkDuration;
    readonly Counter<long> _accepted;
    readonly Counter<long> _ended;
    readonly Histogram<double> _importDuration;

    public IngestionMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _processed = meter.CreateCounter<long>("velora.import.rows.processed", "{row}", "Data rows read and counted by finished chunks");
        _rows = meter.CreateCounter<long>("velora.import.rows", "{row}", "Rows by outcome: succeeded, skipped or failed");
        _chunkDuration = meter.CreateHistogram("velora.import.chunk.duration", "s", "Time to import one chunk, read to commit", advice: Seconds);
        _accepted = meter.CreateCounter<long>("velora.imports.accepted", "{import}", "Uploads accepted by the gateway");
        _ended = meter.CreateCounter<long>("velora.imports.ended", "{import}", "Imports ended, by status: succeeded or failed");
        _importDuration = meter.CreateHistogram("velora.import.duration", "s", "Time from an import's creation to its end", advice: Seconds);
    }

    public void ChunkImported(long processed, long succeeded, long skipped, long failed, TimeSpan duration)
    {
        _processed.Add(processed);
        _rows.Add(succeeded, new KeyValuePair<string, object?>("outcome", "succeeded"));
        _rows.Add(skipped, new KeyValuePair<string, object?>("outcome", "skipped"));
        _rows.Add(failed, new KeyValuePair<string, object?>("outcome", "failed"));
        _chunkDuration.Record(duration.TotalSeconds);
    }

    public void ImportAccepted() => _accepted.Add(1);

    public void ImportEnded(string status, TimeSpan duration)
    {
        _ended.Add(1, new KeyValuePair<string, object?>("status", status));
        _importDuration.Record(duration.TotalSeconds);
    }
}
