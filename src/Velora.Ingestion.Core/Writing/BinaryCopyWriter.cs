using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace Velora.Ingestion.Writing;

/// <summary>
/// Writes rows in PostgreSQL's binary COPY format (the "Binary Format" section of the COPY reference) into Npgsql's raw
/// binary COPY stream, for the one COPY whose cost shows: a chunk's interactions.
/// Npgsql's <see cref="NpgsqlBinaryImporter"/> binds a parameter and resolves a converter for every field, about 1.2 s
/// of the worker's CPU per million rows (bench/README.md); encoding the few types of <c>interactions</c> here takes
/// 0.2 s, and Npgsql still owns the protocol. Values are encoded as Npgsql encodes them, so stored rows are the same.
/// </summary>
public sealed class BinaryCopyWriter : IAsyncDisposable
{
    // A field other than text takes at most 4 + 24 bytes: its length and a numeric of up to 8 base-10000 digits.
    const int MaxFixedFieldBytes = 32;
    const int FlushBytes = 64 * 1024;
    const long PostgresEpochTicks = 630_822_816_000_000_000L;
    const int TextOid = 25;
    static readonly byte[] Header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    readonly NpgsqlRawCopyStream _stream;
    byte[] _buffer = ArrayPool<byte>.Shared.Rent(FlushBytes);
    int _length;
    bool _completed;

    BinaryCopyWriter(NpgsqlRawCopyStream stream)
    {
        _stream = stream;
        Header.CopyTo(_buffer, 0);
        _length = Header.Length;
    }

    /// <param name="copy">A <c>COPY … FROM STDIN (FORMAT BINARY)</c> statement.</param>
    public static async Task<BinaryCopyWriter> BeginAsync(NpgsqlConnection connection, string copy, CancellationToken cancellationToken) =>
        new(await connection.BeginRawBinaryCopyAsync(copy, cancellationToken));

    /// <summary>
    /// Starts a row of <paramref name="fields"/> fields whose text values hold <paramref name="textChars"/> characters in
    /// all, and whose arrays hold <paramref name="arrayElements"/> elements.
    /// </summary>
    public ValueTask StartRowAsync(short fields, int textChars, int arrayElements, CancellationToken cancellationToken)
    {
        // Room for the whole row is made here, so the field writes never wait and never overrun.
        var needed = sizeof(short) + (fields * MaxFixedFieldBytes) + Encoding.UTF8.GetMaxByteCount(textChars) + (arrayElements * sizeof(int));
        if (_buffer.Length - _length >= needed)
        {
            WriteRowStart(fields);
            return ValueTask.CompletedTask;
        }

        return FlushThenStartAsync(fields, needed, cancellationToken);
    }

    public void WriteUuid(Guid value)
    {
        WriteLength(16);
        value.TryWriteBytes(Free, bigEndian: true, out _);
        _length += 16;
    }

    /// <summary>A uuid given as its two big-endian halves, as <see cref="InteractionKey.ToGuid"/> orders them.</summary>
    public void WriteUuid(ulong high, ulong low)
    {
        WriteLength(16);
        BinaryPrimitives.WriteUInt64BigEndian(Free, high);
        BinaryPrimitives.WriteUInt64BigEndian(Free[8..], low);
        _length += 16;
    }

    public void WriteText(string? value)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }

        var written = Encoding.UTF8.GetBytes(value, Free[sizeof(int)..]);
        WriteLength(written);
        _length += written;
    }

    /// <summary>A one-dimensional text[] without nulls: dimensions, flags, element type (text), size and lower bound, then the elements.</summary>
    public void WriteTextArray(IReadOnlyList<string> values)
    {
        var start = _length;
        _length += sizeof(int);
        WriteInt32(values.Count == 0 ? 0 : 1);
        WriteInt32(0);
        WriteInt32(TextOid);
        if (values.Count > 0)
        {
            WriteInt32(values.Count);
            WriteInt32(1);
        }

        foreach (var value in values)
        {
            WriteText(value);
        }

        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(start), _length - start - sizeof(int));
    }

    /// <summary>jsonb's binary form: version 1, then the JSON text.</summary>
    public void WriteJsonb(string? json)
    {
        if (json is null)
        {
            WriteNull();
            return;
        }

        var written = Encoding.UTF8.GetBytes(json, Free[(sizeof(int) + 1)..]);
        WriteLength(written + 1);
        _buffer[_length++] = 1;
        _length += written;
    }

    /// <summary>Microseconds since 2000-01-01 UTC, truncated as Npgsql truncates a tick count.</summary>
    public void WriteTimestampTz(DateTimeOffset? value)
    {
        if (value is not { } at)
        {
            WriteNull();
            return;
        }

        WriteLength(sizeof(long));
        BinaryPrimitives.WriteInt64BigEndian(Free, (at.UtcTicks - PostgresEpochTicks) / 10);
        _length += sizeof(long);
    }

    public void WriteInteger(int? value)
    {
        if (value is not { } number)
        {
            WriteNull();
            return;
        }

        WriteLength(sizeof(int));
        BinaryPrimitives.WriteInt32BigEndian(Free, number);
        _length += sizeof(int);
    }

    public void WriteBigint(long value)
    {
        WriteLength(sizeof(long));
        BinaryPrimitives.WriteInt64BigEndian(Free, value);
        _length += sizeof(long);
    }

    public void WriteNumeric(decimal? value)
    {
        if (value is not { } number)
        {
            WriteNull();
            return;
        }

        var written = NumericEncoding.Write(number, Free[sizeof(int)..]);
        WriteLength(written);
        _length += written;
    }

    public void WriteNull() => WriteLength(-1);

    /// <summary>Ends the COPY. PostgreSQL's verdict on the rows (a unique violation, say) is thrown here.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), -1);
        _length += sizeof(short);
        await FlushAsync(cancellationToken);
        _completed = true;
        await _stream.DisposeAsync();
    }

    /// <summary>A COPY not completed is cancelled, so none of its rows is stored.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            try
            {
                await _stream.CancelAsync();
            }
            catch (Exception e) when (e is NpgsqlException or ObjectDisposedException or InvalidOperationException)
            {
                // Only an exception already on its way gets here, and it is the one that counts: a lost connection
                // (which Npgsql has already cleaned the COPY up after: ObjectDisposedException here) must reach the
                // retry as the transient fault it is. The caller's transaction is rolled back either way.
            }
        }

        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    Span<byte> Free => _buffer.AsSpan(_length);

    void WriteRowStart(short fields)
    {
        BinaryPrimitives.WriteInt16BigEndian(Free, fields);
        _length += sizeof(short);
    }

    void WriteLength(int length) => WriteInt32(length);

    void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(Free, value);
        _length += sizeof(int);
    }

    async ValueTask FlushThenStartAsync(short fields, int needed, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        if (_buffer.Length < needed)
        {
            // A row larger than the buffer (a long properties object): a larger buffer for it and the rows after.
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(needed);
        }

        WriteRowStart(fields);
    }

    async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken);
        _length = 0;
    }
}
