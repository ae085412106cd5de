namespace Velora.Ingestion.Bench;

/// <summary>A table's rows and its bytes on disk per row: the heap (with TOAST) and all its indexes, as PostgreSQL counts them.</summary>
internal sealed record TableSizes(long Rows, double TableBytesPerRow, double IndexBytesPerRow);
