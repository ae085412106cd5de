using Velora.Ingestion.Batching;
using Velora.Ingestion.Reporting;
using Velora.Ingestion.Writing;

namespace Velora.Ingestion.Worker.Importing;

/// <summary>
/// A chunk's rows once read and validated, ready to write: the rows it would store (distinct by key, without erased
/// users'), the rows it skips with their reason (a dry run adds those already stored while it writes), and the
/// readiness report's profile of the rows it would store.
/// </summary>
internal sealed record PreparedChunk(ChunkRows Rows, DistinctRows ToStore, List<SkippedRow> Skips, long Erased, ChunkProfile Profile);
