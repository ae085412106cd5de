using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Velora.Ingestion.Gateway.Imports;

/// <summary>
/// Inflates a gzip upload while it streams and stops at a cap: a gzip bomb costs at most the cap in disk and one buffer
/// in memory before it is refused, instead of filling the disk. At the end it checks the gzip trailer (CRC-32 and size
/// of what was inflated), because GZipStream ends quietly on a file cut short: a truncated export would otherwise be
/// imported as a smaller file that "succeeded". One gzip member per file (what gzip, Excel and zip tools write).
/// </summary>
public sealed class DecompressedStream : Stream
{
    readonly GZipStream _gzip;
    readonly TrailerKeepingStream _source;
    readonly long limit;
    readonly Crc32 _crc = new();
    long _read;

    public DecompressedStream(Stream compressed, long limit)
    {
        _source = new TrailerKeepingStream(compressed);
        _gzip = new GZipStream(_source, CompressionMode.Decompress, leaveOpen: true);
        this.limit = limit;
    }

    /// <summary>Bytes inflated so far.</summary>
    public long BytesRead => _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var slice = buffer[..Allowed(buffer.Length)];
        var read = await _gzip.ReadAsync(slice, cancellationToken);
        if (read == 0 && slice.Length > 0)
        {
            await _source.DrainAsync(cancellationToken);
            CheckTrailer();
        }

        _crc.Append(slice.Span[..read]);
        return Count(read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip.Dispose();
        }

        base.Dispose(disposing);
    }

    // One byte beyond the cap is asked for, so that a file of exactly the cap is accepted and one byte more is not.
    int Allowed(int requested) => (int)Math.Min(requested, Math.Max(1, limit - _read + 1));

    void CheckTrailer()
    {
        var trailer = _source.LastEightBytes;
        var expectedCrc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        var expectedSize = BinaryPrimitives.ReadUInt32LittleEndian(trailer.AsSpan(4));
        if (_source.BytesRead < 18 || expectedCrc != _crc.GetCurrentHashAsUInt32() || expectedSize != (uint)_read)
        {
            throw new InvalidDataException(
                "the gzip data ends early or is damaged (its checksum does not match what it holds), or it is several gzip files joined together; compress the file again in one piece and upload it again");
        }
    }

    int Count(int read)
    {
        _read += read;
        if (_read > limit)
        {
            throw new DecompressedTooLargeException(limit);
        }

        return read;
    }
}
