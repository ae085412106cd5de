using System.Buffers.Binary;

namespace Velora.Ingestion.Writing;

/// <summary>
/// A decimal in numeric's binary form: digit count, weight, sign and display scale (int16 each), then base-10000
/// digits, most significant first, whose groups are aligned on the decimal point (PostgreSQL's numeric_send).
/// </summary>
internal static class NumericEncoding
{
    const short Positive = 0x0000;
    const short Negative = 0x4000;

    /// <summary>Writes <paramref name="value"/> and returns its length: at most 8 + 2 × 8 bytes (below 10^29, padded by up to 3 digits: 8 groups).</summary>
    public static int Write(decimal value, Span<byte> destination)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = value.Scale;
        var magnitude = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];

        // Pad the fraction to whole groups of 4 digits: 12.5 (125, scale 1) becomes 125000 at scale 4, groups 12|5000.
        for (var pad = (4 - (scale % 4)) % 4; pad > 0; pad--)
        {
            magnitude *= 10;
        }

        var fractionGroups = (scale + 3) / 4;
        Span<short> groups = stackalloc short[8];
        var count = 0;
        while (magnitude != 0)
        {
            groups[count++] = (short)(ulong)(magnitude % 10_000);
            magnitude /= 10_000;
        }

        // groups[0] is the least significant; trailing zero groups carry nothing (PostgreSQL strips them too).
        var lowest = 0;
        while (lowest < count && groups[lowest] == 0)
        {
            lowest++;
        }

        var digits = count - lowest;
        var weight = digits == 0 ? 0 : count - 1 - fractionGroups;
        BinaryPrimitives.WriteInt16BigEndian(destination, (short)digits);
        BinaryPrimitives.WriteInt16BigEndian(destination[2..], (short)weight);
        BinaryPrimitives.WriteInt16BigEndian(destination[4..], value < 0 ? Negative : Positive);
        BinaryPrimitives.WriteInt16BigEndian(destination[6..], (short)scale);
        var offset = 8;
        for (var i = count - 1; i >= lowest; i--)
        {
            BinaryPrimitives.WriteInt16BigEndian(destination[offset..], groups[i]);
            offset += 2;
        }

        return offset;
    }
}
