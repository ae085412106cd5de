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

    [Fact]
    public void Two_users_whose_old_64_bit_key_collides_get_different_keys_without_a_timestamp()
    {
        var (first, second) = OldKeyCollision.PurchaseUserIds();

        Assert.NotEqual(first, second);
        Assert.Equal(OldKeyCollision.OldHash("purchase", first, "item-1"), OldKeyCollision.OldHash("purchase", second, "item-1"));
        Assert.NotEqual(InteractionIdentity.Of("purchase", first, "item-1", null), InteractionIdentity.Of("purchase", second, "item-1", null));
    }

    [Fact]
    public void Keys_with_a_timestamp_are_the_ones_stored_before_there_were_128_bit_keys_without()
    {
        var key = InteractionIdentity.Of("purchase", "user-1", "item-1", At);

        Assert.Equal(new InteractionKey((ulong)At.UtcTicks + 1, OldKeyCollision.OldHash("purchase", "user-1", "item-1")), key);
    }

    [Fact]
    public void A_key_without_a_timestamp_is_the_first_128_bits_of_sha256_over_the_length_prefixed_values()
    {
        // "purchase", "u", "i" with big-endian int32 byte lengths, as PostgreSQL's int4send writes them (migration 0006).
        byte[] input = [0, 0, 0, 8, .. "purchase"u8, 0, 0, 0, 1, (byte)'u', 0, 0, 0, 1, (byte)'i'];
        var digest = System.Security.Cryptography.SHA256.HashData(input);

        Assert.Equal(new Guid(digest.AsSpan(0, 16), bigEndian: true), InteractionIdentity.Of("purchase", "u", "i", null).ToGuid());
    }
}
