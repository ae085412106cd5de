using Velora.Ingestion.Interactions;

namespace Velora.Ingestion.Writing;

public sealed class DistinctRowsTests
{
    static KeyedInteraction Row(long rowNumber, string user) =>
        new(InteractionIdentity.Of("view", user, "i", null), new Interaction(rowNumber, user, "i", null, null, null, null));

    [Fact]
    public void Hands_the_repeats_back_in_file_order_and_keeps_the_first_of_each()
    {
        var repeats = new List<KeyedInteraction>();

        var rows = DistinctRows.Of([Row(1, "b"), Row(2, "a"), Row(3, "b"), Row(4, "b")], repeats);

        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Row.RowNumber == 1);
        Assert.Equal([3L, 4L], repeats.Select(r => r.Row.RowNumber));
    }

    [Fact]
    public void Filtering_keeps_the_key_order()
    {
        var rows = DistinctRows.Of([.. Enumerable.Range(1, 50).Select(i => Row(i, $"u{i}"))]);

        var kept = rows.Where(r => r.Row.RowNumber % 3 != 0);

        Assert.Equal(rows.Count(r => r.Row.RowNumber % 3 != 0), kept.Count);
        Assert.True(kept.Zip(kept.Skip(1)).All(pair => pair.First.Key < pair.Second.Key));
    }
}
