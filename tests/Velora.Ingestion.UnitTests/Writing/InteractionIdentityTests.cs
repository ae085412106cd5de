namespace Velora.Ingestion.Writing;

public sealed class InteractionIdentityTests
{
    static readonly DateTimeOffset At = new(2025, 8, 22, 15, 12, 0, TimeSpan.Zero);

    [Fact]
    public void Gives_the_same_key_for_the_same_interaction_whatever_the_offset_it_was_written_with() =>
        Assert.Equal(
            InteractionIdentity.Of("purchase", "u", "i", At),
            InteractionIdentity.Of("purchase", "u", "i", At.ToOffset(TimeSpan.FromHours(2))));

    [Fact]
    public void Tells_apart_ids_that_only_concatenate_alike() =>
        Assert.NotEqual(InteractionIdentity.Of("purchase", "ab", "c", At), InteractionIdentity.Of("purchase", "a", "bc", At));

    [Fact]
    public void Tells_apart_a_missing_timestamp_from_any_timestamp() =>
        Assert.NotEqual(InteractionIdentity.Of("purchase", "u", "i", null), InteractionIdentity.Of("purchase", "u", "i", DateTimeOffset.UnixEpoch));

    [Fact]
    public void Tells_apart_interaction_types() =>
        Assert.NotEqual(InteractionIdentity.Of("purchase", "u", "i", At), InteractionIdentity.Of("view", "u", "i", At));
}
