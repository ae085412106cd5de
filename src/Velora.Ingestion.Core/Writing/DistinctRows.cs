using System.Collections;

namespace Velora.Ingestion.Writing;

/// <summary>
/// Rows a writer may take: sorted by identity key, no key twice. Only <see cref="Of"/> and <see cref="Where"/> make one,
/// so the order the writers rely on (parallel chunks take index locks in key order and cannot deadlock; a COPY with a
/// key twice would refuse itself) is a property of the type, not a comment at each call.
/// </summary>
public sealed class DistinctRows : IReadOnlyList<KeyedInteraction>
{
    readonly List<KeyedInteraction> _rows;

    DistinctRows(List<KeyedInteraction> rows) => _rows = rows;

    public int Count => _rows.Count;

    public KeyedInteraction this[int index] => _rows[index];

    /// <summary>
    /// <paramref name="rows"/> sorted by key with repeats removed (the first occurrence in the file is kept); the repeats
    /// are added to <paramref name="repeats"/> when given.
    /// </summary>
    public static DistinctRows Of(IReadOnlyCollection<KeyedInteraction> rows, List<KeyedInteraction>? repeats = null)
    {
        var sorted = rows.ToArray();
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

        return new DistinctRows(distinct);
    }

    /// <summary>The rows <paramref name="keep"/> keeps, still sorted and distinct (a subset of a sorted set is one).</summary>
    public DistinctRows Where(Func<KeyedInteraction, bool> keep) => new(_rows.Where(keep).ToList());

    public IEnumerator<KeyedInteraction> GetEnumerator() => _rows.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

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
