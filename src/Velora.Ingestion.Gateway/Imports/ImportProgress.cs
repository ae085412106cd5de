namespace Velora.Ingestion.Gateway.Imports;

/// <summary>Rows and bytes done of the total; totals are null until the file has been planned.</summary>
public sealed record ImportProgress(long RowsDone, long? RowsTotal, long BytesDone, long? BytesTotal, int ChunksDone, int? ChunksTotal);
