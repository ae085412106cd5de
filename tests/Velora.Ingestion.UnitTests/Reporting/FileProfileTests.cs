using Velora.Ingestion.Interactions;
using Velora.Ingestion.Writing;

namespace Velora.Ingestion.Reporting;

public sealed class FileProfileTests
{
    static KeyedInteraction Row(long number, string user, string item, DateTimeOffset? at) =>
        new(InteractionIdentity.Of("purchase", user, item, at), new Interaction(number, user, item, at, null, null, null));

    static readonly DateTimeOffset June = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Adds_up_chunks_counting_each_user_and_item_once_and_a_user_s_rows_across_chunks()
    {
        var file = new FileProfile();
        file.Add(ChunkProfile.Of([Row(1, "u1", "i1", June), Row(2, "u2", "i1", null)]));
        file.Add(ChunkProfile.Of([Row(3, "u1", "i2", June.AddDays(2)), Row(4, "u3", "i2", June.AddDays(-1))]));

        Assert.Equal((2, 4L, 1L), (file.Chunks, file.Rows, file.WithoutTimestamp));
        Assert.Equal((3, 2), (file.Users.Count, file.Items.Count));
        Assert.Equal(2L, file.Users[ChunkProfile.Hash("u1")]);
        Assert.Equal(2L, file.UsersWithOneInteraction);
        Assert.Equal((June.AddDays(-1).UtcDateTime, June.AddDays(2).UtcDateTime), (file.First, file.Last));
    }

    [Fact]
    public void A_chunk_without_timestamps_leaves_the_span_of_the_others()
    {
        var file = new FileProfile();
        file.Add(ChunkProfile.Of([Row(1, "u1", "i1", null)]));
        file.Add(ChunkProfile.Of([Row(2, "u1", "i1", June)]));
        file.Add(ChunkProfile.Of([]));

        Assert.Equal((June.UtcDateTime, June.UtcDateTime), (file.First, file.Last));
    }
}
