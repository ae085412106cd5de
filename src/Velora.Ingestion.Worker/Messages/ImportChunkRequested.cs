namespace Velora.Ingestion.Worker.Messages;

/// <summary>Internal to the workers: import one planned chunk of an import.</summary>
public sealed record ImportChunkRequested(Guid ImportId, int ChunkIndex);
