using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Velora.Ingestion.Writing;

namespace Velora.Ingestion.Reporting;

/// <summary>
/// What one chunk's valid rows say about the file, for the readiness report: how many, their time span, how many have
/// no timestamp, and each user (with its row count) and item as a 64-bit hash. Computed from rows already in memory
/// and kept with the chunk (<c>import_chunks.profile_*</c>), so the report never reads the file again.
/// </summary>
public sealed class ChunkProfile
{
    public const int UserBytes = 6;
    public const int ItemBytes = 4;

    public long Rows { get; init; }

    public long WithoutTimestamp { get; init; }

    public DateTime? First { get; init; }

    public DateTime? Last { get; init; }

    /// <summary>Each user's hash and rows, 6 bytes each (32-bit hash, 16-bit count saturating at 65,535), little-endian.</summary>
    public byte[] Users { get; init; } = [];

    /// <summary>Each item's 32-bit hash, 4 bytes each, little-endian.</summary>
    public byte[] Items { get; init; } = [];

    /// <summary>
    /// The hash users and items are counted by (and erased by): 32 bits of XxHash3 of the id's UTF-16 code units, read
    /// in place. Profiling runs on every row of every import, and its bytes go to disk with every chunk: 32 bits halve
    /// them, at the price of about one collision (two ids counted as one) among 100,000 ids.
    /// </summary>
    public static uint Hash(string id) => (uint)XxHash3.HashToUInt64(MemoryMarshal.AsBytes(id.AsSpan()));

    public static ChunkProfile Of(IReadOnlyList<KeyedInteraction> rows)
    {
        var users = new Dictionary<uint, int>(rows.Count);
        var items = new HashSet<uint>(rows.Count);
        long withoutTimestamp = 0;
        DateTime? first = null, last = null;
        foreach (var (_, row) in rows)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(users, Hash(row.UserId), out _)++;
            items.Add(Hash(row.ItemId));
            if (row.OccurredAt?.UtcDateTime is not { } at)
            {
                withoutTimestamp++;
                continue;
            }

            first = first is null || at < first ? at : first;
            last = last is null || at > last ? at : last;
        }

        var userBytes = new byte[users.Count * UserBytes];
        var offset = 0;
        foreach (var (hash, count) in users)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(userBytes.AsSpan(offset), hash);
            BinaryPrimitives.WriteUInt16LittleEndian(userBytes.AsSpan(offset + 4), (ushort)Math.Min(count, ushort.MaxValue));
            offset += UserBytes;
        }

        var itemBytes = new byte[items.Count * ItemBytes];
        offset = 0;
        foreach (var hash in items)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(itemBytes.AsSpan(offset), hash);
            offset += ItemBytes;
        }

        return new ChunkProfile { Rows = rows.Count, WithoutTimestamp = withoutTimestamp, First = first, Last = last, Users = userBytes, Items = itemBytes };
    }
}
