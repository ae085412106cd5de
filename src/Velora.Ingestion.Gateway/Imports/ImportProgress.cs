namespace Velora.Ingestion.Gateway.Imports;

/// <summary>
/// Rows and bytes done of the total (totals are null until the file has been planned), rows per second since the
/// import started, and while it runs an estimate of the seconds left.
/// </summary>
public sealed record ImportProgress(
    long RowsDone, long? RowsTotal, long BytesDone, long? BytesTotal, int ChunksDone, int? ChunksTotal, double? RowsPerSecond, long? EstimatedSecondsLeft);
