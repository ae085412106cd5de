using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Velora.Ingestion.Writing;

/// <summary>
/// The identity of an interaction (type, user, item, timestamp) as one <see cref="InteractionKey"/>. Rows without a
/// timestamp share one identity per (user, item), so re-uploading a file never doubles them. The timestamp is kept
/// exactly; type, user and item are hashed (XxHash64), length-prefixed so that ("ab", "c") and ("a", "bc") differ.
/// </summary>
public static class InteractionIdentity
{
    public static InteractionKey Of(string interactionType, string userId, string itemId, DateTimeOffset? occurredAt)
    {
        var size = 3 * sizeof(int) + Encoding.UTF8.GetMaxByteCount(interactionType.Length + userId.Length + itemId.Length);
        var rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var buffer = rented.AsSpan();
            var length = Append(buffer, interactionType);
            length += Append(buffer[length..], userId);
            length += Append(buffer[length..], itemId);
            // Ticks + 1, so that no real timestamp (not even 0001-01-01) shares the high half of "no timestamp".
            return new InteractionKey(occurredAt is { } at ? (ulong)at.UtcTicks + 1 : 0, XxHash64.HashToUInt64(buffer[..length]));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    static int Append(Span<byte> buffer, string value)
    {
        var written = Encoding.UTF8.GetBytes(value, buffer[sizeof(int)..]);
        BinaryPrimitives.WriteInt32LittleEndian(buffer, written);
        return sizeof(int) + written;
    }
}
