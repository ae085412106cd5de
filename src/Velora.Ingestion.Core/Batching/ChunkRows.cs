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
    public IReadOnlyList<KeyedInteraction> DistinctByKey(List<KeyedInteraction>? repeats = null)
    {
        var sorted = Valid.ToArray();
        // Time-ordered exports arrive sorted already: checking costs one pass, sorting costs a dozen.
        if (!IsSorted(sorted))
        {
            // Equal keys keep row order, so the earliest row of a repeated interaction is the one kept.
            Array.Sort(sorted, (a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Row.RowNumber.CompareTo(b.Row.RowNumber));
        }

        var distinct = new List<KeyedInteraction>(sorted.Length);
        foreach (var row in sorted)
        {
            if (distinct.Count == 0 || distinct[^1].Key != row.Key)
            {
                distinct.Add(row);
            }
            else
            {
                repeats?.Add(row);
            }
        }

        return distinct;
    }

    static bool IsSorted(KeyedInteraction[] rows)
    {
        for (var i = 1; i < rows.Length; i++)
        {
            if (rows[i].Key < rows[i - 1].Key)
            {
                return false;
            }
        }

        return true;
    }
}
