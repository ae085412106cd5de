using Velora.Ingestion.Validation;
using Velora.Ingestion.Writing;

namespace Velora.Ingestion.Batching;

/// <summary>One chunk's rows after validation: the valid ones with their keys, and the failures in row order.</summary>
public sealed class ChunkRows
{
    public List<KeyedInteraction> Valid { get; } = [];

    public List<RowFailure> Failures { get; } = [];

    /// <summary>
    /// The valid rows sorted by key with repeats removed (the first occurrence in the file is kept):
    /// what is written. The repeats count as skipped, and are added to <paramref name="repeats"/> when given.
    /// </summary>
    public DistinctRows DistinctByKey(List<KeyedInteraction>? repeats = null) => DistinctRows.Of(Valid, repeats);
}
