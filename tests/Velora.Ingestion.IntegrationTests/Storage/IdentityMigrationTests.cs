using Dapper;
using Velora.Ingestion.Writing;

namespace Velora.Ingestion.IntegrationTests.Storage;

/// <summary>Migration 0006 on a database the earlier migrations made, holding rows stored with the old keys.</summary>
public sealed class IdentityMigrationTests
{
    static readonly DateTime At = new(2025, 8, 22, 15, 12, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Rows_stored_before_keep_their_data_and_get_the_key_an_import_computes_now()
    {
        await using var schema = await EarlierSchema.ThroughAsync("0005_interaction_types");
        var (connection, tenant) = (schema.Connection, schema.Tenant);
        // As the previous version stored them: no timestamp = high half 0 and the 64-bit hash; with one = ticks + 1 and the hash.
        (string User, string Item, DateTime? At)[] rows = [("user-1", "item-1", null), ("Café ☕", "sku/42", null), ("user-1", "item-1", At)];
        foreach (var (user, item, at) in rows)
        {
            var old = new InteractionKey(at is { } t ? (ulong)t.Ticks + 1 : 0, OldKeyCollision.OldHash("purchase", user, item));
            await connection.ExecuteAsync(
                """
                INSERT INTO interactions (tenant_id, identity_key, interaction_type, user_id, item_id, occurred_at, import_id, row_number, price)
                VALUES (@tenant, @key, 'purchase', @user, @item, @at, @tenant, 1, 9.99)
                """,
                new { tenant, key = old.ToGuid(), user, item, at });
        }

        await schema.MigrateToLatestAsync();

        var stored = (await connection.QueryAsync<(Guid Key, string User, string Item, DateTime? At, decimal Price)>(
            "SELECT identity_key, user_id, item_id, occurred_at, price FROM interactions WHERE tenant_id = @tenant", new { tenant })).ToArray();
        Assert.Equal(3, stored.Length);
        Assert.All(stored, row => Assert.Equal(9.99m, row.Price));
        foreach (var (user, item, at) in rows)
        {
            var expected = InteractionIdentity.Of("purchase", user, item, at is { } t ? new DateTimeOffset(t) : null).ToGuid();
            Assert.Single(stored, row => row.User == user && row.Item == item && row.At == at && row.Key == expected);
        }
    }
}
