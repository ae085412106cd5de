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

    /// <summary>Starts a row of <paramref name="fields"/> fields whose text values hold <paramref name="textChars"/> characters in all.</summary>
    public ValueTask StartRowAsync(short fields, int textChars, CancellationToken cancellationToken)
    {
        // Room for the whole row is made here, so the field writes never wait and never overrun.
        var needed = sizeof(short) + (fields * MaxFixedFieldBytes) + Encoding.UTF8.GetMaxByteCount(textChars);
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
            catch (NpgsqlException)
            {
                // Only an exception already on its way gets here; it says more than the cancel's, and the
                // caller's transaction is rolled back either way.
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

    void WriteLength(int length)
    {
        BinaryPrimitives.WriteInt32BigEndian(Free, length);
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
