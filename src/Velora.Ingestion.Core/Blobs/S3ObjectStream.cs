using Amazon.S3;
using Amazon.S3.Model;

namespace Velora.Ingestion.Blobs;

/// <summary>
/// A seekable read-only view of one object: reads stream a ranged GET from the current position, and a seek only
/// moves the position (the next read opens a new range). A chunk reader that seeks to its chunk fetches the bytes from
/// there on and stops the transfer when it disposes the stream.
/// </summary>
public sealed class S3ObjectStream(IAmazonS3 client, string bucket, string key, long length) : Stream
{
    GetObjectResponse? _response;
    long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= length || buffer.IsEmpty)
        {
            return 0;
        }

        _response ??= await OpenRangeAsync(cancellationToken);
        var read = await _response.ResponseStream.ReadAsync(buffer, cancellationToken);
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Synchronous reads are not used by the pipeline; they block on the asynchronous path rather than duplicate it.
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        if (target != _position)
        {
            CloseRange();
            _position = target;
        }

        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            CloseRange();
        }

        base.Dispose(disposing);
    }

    async Task<GetObjectResponse> OpenRangeAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetObjectAsync(
                new GetObjectRequest { BucketName = bucket, Key = key, ByteRange = new ByteRange(_position, length - 1) }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Deleted after it was opened: the same answer as a blob that was never there.
            throw new FileNotFoundException($"Blob not found: {key}", e);
        }
    }

    void CloseRange()
    {
        _response?.Dispose();
        _response = null;
    }
}
