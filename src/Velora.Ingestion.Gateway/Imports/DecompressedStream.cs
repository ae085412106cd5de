using System.IO.Compression;

namespace Velora.Ingestion.Gateway.Imports;

/// <summary>
/// Inflates a gzip upload while it streams and stops at a cap: a gzip bomb costs at most the cap in disk and one buffer
/// in memory before it is refused, instead of filling the disk.
/// </summary>
public sealed class DecompressedStream(Stream compressed, long limit) : Stream
{
    readonly GZipStream _gzip = new(compressed, CompressionMode.Decompress, leaveOpen: true);
    long _read;

    /// <summary>Bytes inflated so far.</summary>
    public long BytesRead => _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(_gzip.Read(buffer, offset, Allowed(count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await _gzip.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken));

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
