using Velora.Ingestion.Interactions;
using Velora.Ingestion.Parsing;

namespace Velora.Ingestion.Batching;

/// <summary>
/// The result of scanning a file once: its header, its size, its chunks, and the format and header rules every chunk
/// reads it with.
/// </summary>
public sealed record ImportPlan(IReadOnlyList<string> Columns, long TotalBytes, long TotalRows, IReadOnlyList<PlannedChunk> Chunks, FileFormat Format, HeaderRules Rules);
