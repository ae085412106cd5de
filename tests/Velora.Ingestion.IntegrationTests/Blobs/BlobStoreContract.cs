using System.Security.Cryptography;
using Velora.Ingestion.Blobs;

namespace Velora.Ingestion.IntegrationTests.Blobs;

/// <summary>What every blob store must do; each provider's test class runs these same tests against a real store.</summary>
public abstract class BlobStoreContract
{
    /// <summary>Large enough to need several parts in a store that uploads in parts (5 MiB parts in the S3 tests).</summary>
    protected const int LargeFileBytes = 12 * 1024 * 1024;

    protected abstract IBlobStore Store { get; }

    static string NewKey() => BlobKeys.ForImport(Guid.NewGuid(), Guid.NewGuid());

    static byte[] RandomBytes(int count) => RandomNumberGenerator.GetBytes(count);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100_000)]
    [InlineData(LargeFileBytes)]
    public async Task Writes_a_file_and_reads_the_same_bytes_back_with_its_length(int size)
    {
        var key = NewKey();
        var bytes = RandomBytes(size);

        var written = await Store.WriteAsync(key, new MemoryStream(bytes), CancellationToken.None);

        Assert.Equal(size, written);
        Assert.Equal(size, await Store.GetLengthAsync(key, CancellationToken.None));
        await using var read = await Store.OpenReadAsync(key, CancellationToken.None);
        Assert.Equal(size, read.Length);
        Assert.Equal(bytes, await ReadAllAsync(read));
    }

    [Fact]
    public async Task Reads_from_any_offset_after_a_seek_as_a_chunk_reader_does()
    {
        var key = NewKey();
        var bytes = RandomBytes(LargeFileBytes);
        await Store.WriteAsync(key, new NonSeekableStream(bytes), CancellationToken.None);
        await using var read = await Store.OpenReadAsync(key, CancellationToken.None);
        var buffer = new byte[1000];

        read.Seek(7_000_123, SeekOrigin.Begin);
        await read.ReadExactlyAsync(buffer);
        Assert.Equal(bytes.AsSpan(7_000_123, 1000).ToArray(), buffer);
        read.Position = 0;
        await read.ReadExactlyAsync(buffer);
        Assert.Equal(bytes.AsSpan(0, 1000).ToArray(), buffer);
        read.Seek(-10, SeekOrigin.End);
        Assert.Equal(10, await read.ReadAtLeastAsync(buffer, 10, throwOnEndOfStream: false));
        Assert.Equal(0, await read.ReadAsync(buffer));
    }

    [Fact]
    public async Task A_missing_blob_has_no_length_and_cannot_be_opened()
    {
        var key = NewKey();

        Assert.Null(await Store.GetLengthAsync(key, CancellationToken.None));
        await Assert.ThrowsAsync<FileNotFoundException>(() => Store.OpenReadAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Deleting_removes_the_blob_and_deleting_again_is_harmless()
    {
        var key = NewKey();
        await Store.WriteAsync(key, new MemoryStream(RandomBytes(10)), CancellationToken.None);

        await Store.DeleteAsync(key, CancellationToken.None);
        await Store.DeleteAsync(key, CancellationToken.None);

        Assert.Null(await Store.GetLengthAsync(key, CancellationToken.None));
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(LargeFileBytes)]
    public async Task An_upload_that_fails_half_way_leaves_no_blob(int failAfter)
    {
        var key = NewKey();

        await Assert.ThrowsAsync<IOException>(() => Store.WriteAsync(key, new FailingStream(failAfter), CancellationToken.None));

        Assert.Null(await Store.GetLengthAsync(key, CancellationToken.None));
    }

    [Theory]
    [InlineData("../escape.csv")]
    [InlineData("/etc/passwd")]
    [InlineData("a/../../b.csv")]
    public async Task Refuses_keys_that_could_leave_the_store(string key) =>
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteAsync(key, new MemoryStream([1]), CancellationToken.None));

    static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>An upload as the gateway sees one: forward-only, length unknown.</summary>
    sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;
    }

    /// <summary>A client that hangs up: some bytes, then an error.</summary>
    sealed class FailingStream(int failAfter) : Stream
    {
        int _sent;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _sent; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_sent >= failAfter)
            {
                throw new IOException("The client went away");
            }

            var n = Math.Min(count, failAfter - _sent);
            Array.Fill(buffer, (byte)'x', offset, n);
            _sent += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
