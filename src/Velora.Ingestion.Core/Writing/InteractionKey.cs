namespace Velora.Ingestion.Writing;

/// <summary>
/// An interaction's 128-bit identity: the timestamp's ticks (0 without one) in the high half, a 64-bit hash of type,
/// user and item in the low half. The timestamp leads so that the unique index is filled in time order: a store's
/// export is usually time-ordered, and each chunk is written sorted by key, so index inserts stay local.
/// </summary>
public readonly record struct InteractionKey(ulong High, ulong Low) : IComparable<InteractionKey>
{
    /// <summary>As a uuid whose byte order (big-endian) is PostgreSQL's sort order, so both sides sort alike.</summary>
    public Guid ToGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, High);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], Low);
        return new Guid(bytes, bigEndian: true);
    }

    public int CompareTo(InteractionKey other) => High != other.High ? High.CompareTo(other.High) : Low.CompareTo(other.Low);

    public static bool operator <(InteractionKey left, InteractionKey right) => left.CompareTo(right) < 0;

    public static bool operator >(InteractionKey left, InteractionKey right) => left.CompareTo(right) > 0;

    public static bool operator <=(InteractionKey left, InteractionKey right) => left.CompareTo(right) <= 0;

    public static bool operator >=(InteractionKey left, InteractionKey right) => left.CompareTo(right) >= 0;
}
