using Velora.Ingestion.Interactions;
using Velora.Ingestion.Writing;

namespace Velora.Ingestion.Batching;

public sealed class ChunkRowsTests
{
    static KeyedInteraction Row(long rowNumber, string user, int minute) =>
        new(InteractionIdentity.Of("purchase", user, "i", DateTimeOffset.UnixEpoch.AddMinutes(minute)), new Interaction(rowNumber, user, "i", DateTimeOffset.UnixEpoch.AddMinutes(minute), null, null, null));

    [Fact]
    public void Writes_each_interaction_once_keeping_its_first_row_in_key_order()
    {
        var rows = new ChunkRows();
        rows.Valid.AddRange([Row(1, "b", 5), Row(2, "a", 1), Row(3, "b", 5), Row(4, "c", 3)]);

        var distinct = rows.DistinctByKey();

        Assert.Equal([2L, 4L, 1L], distinct.Select(r => r.Row.RowNumber));
        Assert.True(distinct.Zip(distinct.Skip(1)).All(pair => pair.First.Key < pair.Second.Key));
    }

    [Fact]
    public void Keeps_rows_that_arrive_in_key_order_as_they_are()
    {
        var rows = new ChunkRows();
        rows.Valid.AddRange([Row(1, "a", 1), Row(2, "a", 2), Row(3, "a", 2), Row(4, "a", 3)]);

        Assert.Equal([1L, 2L, 4L], rows.DistinctByKey().Select(r => r.Row.RowNumber));
    }
}
