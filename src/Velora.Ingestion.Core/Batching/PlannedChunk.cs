namespace Velora.Ingestion.Batching;

/// <summary>
/// A run of consecutive records: where it starts in the file, its first 1-based row number and how many rows it holds.
/// <see cref="ByteLength"/> is the share of the file it accounts for in progress reports (the first chunk includes the header).
/// </summary>
public sealed record PlannedChunk(int Index, long ByteOffset, long ByteLength, long FirstRow, int RowCount);
