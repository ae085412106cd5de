namespace Velora.Ingestion.Worker.Messages;

/// <summary>Internal to the workers: import one planned chunk of an import (the tenant rides along for the logs).</summary>
public sealed record ImportChunkRequested(Guid ImportId, int ChunkIndex, Guid TenantId);
