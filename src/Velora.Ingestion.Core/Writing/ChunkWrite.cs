namespace Velora.Ingestion.Writing;

/// <summary>
/// What writing one chunk's distinct rows came to: how many were new, and of the others how many another import had
/// stored (the rest were stored by another chunk of this same import: repeats within the file).
/// </summary>
public readonly record struct ChunkWrite(long Inserted, long AlreadyStored);
