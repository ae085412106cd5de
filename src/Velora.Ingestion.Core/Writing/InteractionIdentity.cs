using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Velora.Ingestion.Writing;

/// <summary>
/// The identity of an interaction (type, user, item, timestamp) as one 128-bit key. Rows without a timestamp share
/// one identity per (user, item), so re-uploading a file never doubles them. Strings are length-prefixed so that
/// ("ab", "c") and ("a", "bc") differ.
/// </summary>
public static class InteractionIdentity
{
    const long NoTimestamp = long.MinValue;

    public static Guid Of(string interactionType, string userId, string itemId, DateTimeOffset? occurredAt)
    {
        var size = 3 * sizeof(int) + Encoding.UTF8.GetMaxByteCount(interactionType.Length + userId.Length + itemId.Length) + sizeof(long);
        var rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var buffer = rented.AsSpan();
            var length = Append(buffer, interactionType);
            length += Append(buffer[length..], userId);
            length += Append(buffer[length..], itemId);
            BinaryPrimitives.WriteInt64LittleEndian(buffer[length..], occurredAt?.UtcTicks ?? NoTimestamp);
            length += sizeof(long);
            return new Guid(XxHash128.Hash(buffer[..length]));
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
