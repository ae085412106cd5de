using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;

namespace Velora.Ingestion.Writing;

/// <summary>
/// The identity of an interaction (its type's identity part, user, item, timestamp) as one 128-bit <see cref="InteractionKey"/>.
/// <list type="bullet">
/// <item>With a timestamp: its ticks exactly in the high half, and a 64-bit hash (XxHash64) of type, user and item in
/// the low half. Two rows share a key only at the same 100-ns instant and a 64-bit hash collision, and keys of a
/// time-ordered export fill the unique index in order.</item>
/// <item>Without one, a 64-bit hash would be the whole identity, and a collision would silently skip a different
/// (user, item). These rows get all 128 bits from SHA-256 of the same values instead; PostgreSQL computes the same
/// function, which let migration 0006 re-key the rows stored before.</item>
/// </list>
/// Every value is length-prefixed, so that ("ab", "c") and ("a", "bc") differ.
/// </summary>
public static class InteractionIdentity
{
    public static InteractionKey Of(string identityType, string userId, string itemId, DateTimeOffset? occurredAt)
    {
        var size = 3 * sizeof(int) + Encoding.UTF8.GetMaxByteCount(identityType.Length + userId.Length + itemId.Length);
        var rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var buffer = rented.AsSpan();
            var bigEndian = occurredAt is null;
            var length = Append(buffer, identityType, bigEndian);
            length += Append(buffer[length..], userId, bigEndian);
            length += Append(buffer[length..], itemId, bigEndian);
            if (occurredAt is { } at)
            {
                // Ticks + 1, so that no real timestamp (not even 0001-01-01) has the high half 0 that keys had without one.
                return new InteractionKey((ulong)at.UtcTicks + 1, XxHash64.HashToUInt64(buffer[..length]));
            }

            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..length], digest);
            return new InteractionKey(BinaryPrimitives.ReadUInt64BigEndian(digest), BinaryPrimitives.ReadUInt64BigEndian(digest[8..]));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // The SHA-256 input uses big-endian prefixes, as PostgreSQL's int4send writes them (migration 0006); the XxHash64
    // input keeps the little-endian prefixes that every stored timestamped key was made with.
    static int Append(Span<byte> buffer, string value, bool bigEndian)
    {
        var written = Encoding.UTF8.GetBytes(value, buffer[sizeof(int)..]);
        if (bigEndian)
        {
            BinaryPrimitives.WriteInt32BigEndian(buffer, written);
        }
        else
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer, written);
        }

        return sizeof(int) + written;
    }
}
