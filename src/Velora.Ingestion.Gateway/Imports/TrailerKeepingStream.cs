namespace Velora.Ingestion.Gateway.Imports;

/// <summary>Reads a compressed body through, remembering its last eight bytes (a gzip file's trailer: CRC-32 and size).</summary>
public sealed class TrailerKeepingStream(Stream inner) : Stream
{
    byte[] _last = new byte[8];

    public long BytesRead { get; private set; }

    /// <summary>The last eight bytes read, oldest first (zeros in front where fewer were read).</summary>
    public byte[] LastEightBytes => _last;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Keep(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Keep(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Reads what the decompressor left unread (it may stop at the trailer), so that the trailer is the file's last bytes.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        while (await ReadAsync(buffer, cancellationToken) > 0)
        {
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    int Keep(ReadOnlySpan<byte> read)
    {
        if (read.Length >= 8)
        {
            read[^8..].CopyTo(_last);
        }
        else if (read.Length > 0)
        {
            var shifted = new byte[8];
            _last.AsSpan(read.Length).CopyTo(shifted);
            read.CopyTo(shifted.AsSpan(8 - read.Length));
            _last = shifted;
        }

        BytesRead += read.Length;
        return read.Length;
    }
}
