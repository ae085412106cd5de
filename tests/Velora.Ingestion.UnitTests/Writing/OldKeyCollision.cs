using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Velora.Ingestion.Writing;

/// <summary>
/// Builds two different purchase user ids whose old timestamp-less key (XxHash64 of type, user and item) is the same.
/// XxHash64 mixes each 8-byte lane into its accumulator as <c>rotl(acc + lane * P2, 31) * P1</c>, which is invertible:
/// after two users differ in the first 32-byte stripe, a lane of the second stripe can be chosen to bring both
/// accumulators back to one value, and from there the inputs hash alike. Searching for lanes that are printable ASCII
/// takes a few thousand tries. Shared with the integration tests, which import such a pair.
/// </summary>
internal static class OldKeyCollision
{
    const ulong P1 = 0x9E3779B185EBCA87;
    const ulong P2 = 0xC2B2AE3D27D4EB4F;
    const int UserLength = 48;

    /// <summary>The old key's hash input: each value UTF-8 with a little-endian int32 length before it.</summary>
    public static ulong OldHash(string type, string user, string item)
    {
        var buffer = new List<byte>();
        foreach (var value in new[] { type, user, item })
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            var prefix = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(prefix, bytes.Length);
            buffer.AddRange(prefix);
            buffer.AddRange(bytes);
        }

        return XxHash64.HashToUInt64(buffer.ToArray());
    }

    /// <summary>Two 48-character user ids (printable, no comma, quote or space) that collide for "purchase" and any item.</summary>
    public static (string First, string Second) PurchaseUserIds(int seed = 7)
    {
        var random = new Random(seed);
        var first = Printable(random, UserLength);
        var second = (byte[])first.Clone();
        // The user starts 16 bytes into the input ("purchase" and two length prefixes): its bytes 0-15 are lanes 2 and 3
        // of the first stripe (accumulators seeded 0 and -P1), and its bytes 32-47 are lanes 2 and 3 of the second.
        foreach (var (offset, seed0) in new[] { (0, 0UL), (8, unchecked(0UL - P1)) })
        {
            var accFirst = Round(seed0, Lane(first, offset));
            var laneFirst = Lane(first, 32 + offset);
            while (true)
            {
                var candidate = Printable(random, 8);
                var accSecond = Round(seed0, Lane(candidate, 0));
                // rotl(a + x*P2) = rotl(b + y*P2)  <=>  y = x + (a - b) / P2  (mod 2^64)
                var needed = laneFirst + (accFirst - accSecond) * Inverse(P2);
                var bytes = new byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(bytes, needed);
                if (candidate.AsSpan().SequenceEqual(first.AsSpan(offset, 8)) || !bytes.All(IsAllowed))
                {
                    continue;
                }

                candidate.CopyTo(second, offset);
                bytes.CopyTo(second, 32 + offset);
                break;
            }
        }

        return (Encoding.ASCII.GetString(first), Encoding.ASCII.GetString(second));
    }

    static ulong Round(ulong acc, ulong lane) => ulong.RotateLeft(acc + lane * P2, 31) * P1;

    static ulong Lane(byte[] bytes, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(offset, 8));

    // Newton's iteration doubles the correct low bits each step: 6 steps cover 64 bits for an odd number.
    static ulong Inverse(ulong odd)
    {
        var inverse = odd;
        for (var i = 0; i < 6; i++)
        {
            inverse *= 2 - odd * inverse;
        }

        return inverse;
    }

    static byte[] Printable(Random random, int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            do
            {
                bytes[i] = (byte)random.Next(0x21, 0x7F);
            }
            while (!IsAllowed(bytes[i]));
        }

        return bytes;
    }

    static bool IsAllowed(byte b) => b is >= 0x21 and < 0x7F and not (byte)',' and not (byte)'"';
}
