namespace Velora.Ingestion.Worker.Importing;

/// <summary>What handling one chunk message did.</summary>
public enum ChunkOutcome
{
    /// <summary>The chunk's rows were written and counted by this call.</summary>
    Imported,

    /// <summary>The chunk's rows were written and counted, and it was the last chunk: the job has ended.</summary>
    ImportedLast,

    /// <summary>A redelivery: the chunk was already done (or its job had ended), nothing was written.</summary>
    AlreadyDone,
}
