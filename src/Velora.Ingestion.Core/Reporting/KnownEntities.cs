using Dapper;
using Npgsql;

namespace Velora.Ingestion.Reporting;

/// <summary>
/// The users and items each store has had, as hashes with when they were first seen (<c>store_users</c>,
/// <c>store_items</c>): what makes "never seen before in this store" one indexed question instead of a scan of the
/// store's interactions. An import adds its users and items once it has ended (not per chunk: an import of 100,000 users
/// does it in one statement per kind). A user already known is left alone (<c>DO NOTHING</c>): a store's daily export
/// repeats most of its users, and an upsert that locks each of their rows would write a page per user; so the mark is
/// the first import that recorded the user, and two imports running at once each count their shared users as new.
/// </summary>
public static class KnownEntities
{
    /// <summary>Adds the profile's users and items, leaving out the users in <paramref name="erasedUsers"/>.</summary>
    public static async Task RecordAsync(
        NpgsqlConnection connection, Guid tenantId, DateTime seenAt, FileProfile profile, IReadOnlySet<uint> erasedUsers, CancellationToken cancellationToken)
    {
        foreach (var (table, column, hashes) in Kinds(profile, erasedUsers))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"""
                INSERT INTO {table} (tenant_id, {column}, first_seen_at)
                SELECT @tenantId, h, @seenAt FROM unnest(@hashes) AS h ORDER BY h
                ON CONFLICT (tenant_id, {column}) DO NOTHING
                """,
                new { tenantId, seenAt, hashes },
                cancellationToken: cancellationToken));
        }
    }

    /// <summary>How many of the profile's users and items the store had not seen before <paramref name="seenAt"/>.</summary>
    public static async Task<(long Users, long Items)> CountNewAsync(NpgsqlConnection connection, Guid tenantId, DateTime seenAt, FileProfile profile, CancellationToken cancellationToken)
    {
        var counts = new List<long>(2);
        foreach (var (table, column, hashes) in Kinds(profile))
        {
            counts.Add(await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                $"""
                SELECT count(*) FROM unnest(@hashes) AS h
                WHERE NOT EXISTS (SELECT 1 FROM {table} k WHERE k.tenant_id = @tenantId AND k.{column} = h AND k.first_seen_at < @seenAt)
                """,
                new { tenantId, seenAt, hashes },
                cancellationToken: cancellationToken)));
        }

        return (counts[0], counts[1]);
    }

    static (string Table, string Column, long[] Hashes)[] Kinds(FileProfile profile, IReadOnlySet<uint>? erasedUsers = null) =>
    [
        ("store_users", "user_hash", [.. profile.Users.Keys.Where(h => erasedUsers?.Contains(h) != true).Select(h => (long)h)]),
        ("store_items", "item_hash", [.. profile.Items.Select(h => (long)h)]),
    ];
}
