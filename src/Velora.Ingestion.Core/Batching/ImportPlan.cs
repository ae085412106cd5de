namespace Velora.Ingestion.Batching;

/// <summary>The result of scanning a file once: its header, its size and its chunks.</summary>
public sealed record ImportPlan(IReadOnlyList<string> Columns, long TotalBytes, long TotalRows, IReadOnlyList<PlannedChunk> Chunks);
