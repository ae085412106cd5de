using System.IO.Compression;

namespace Velora.Ingestion.Gateway.Imports;

public sealed class DecompressedStreamTests
{
    static MemoryStream Gzip(long inflatedBytes)
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var block = new byte[64 * 1024];
            Array.Fill(block, (byte)'0');
            for (var left = inflatedBytes; left > 0; left -= block.Length)
            {
                gzip.Write(block, 0, (int)Math.Min(block.Length, left));
            }
        }

        compressed.Position = 0;
        return compressed;
    }

    [Fact]
    public async Task Inflates_a_file_of_exactly_the_cap()
    {
        await using var inflated = new DecompressedStream(Gzip(100_000), limit: 100_000);
        var sink = new MemoryStream();

        await inflated.CopyToAsync(sink);

        Assert.Equal(100_000, sink.Length);
    }

    [Fact]
    public async Task Refuses_one_byte_past_the_cap()
    {
        await using var inflated = new DecompressedStream(Gzip(100_001), limit: 100_000);

        var refused = await Assert.ThrowsAsync<DecompressedTooLargeException>(() => inflated.CopyToAsync(Stream.Null));

        Assert.Equal(100_000, refused.Limit);
    }

    [Fact]
    public async Task Stops_a_gzip_bomb_after_inflating_no_more_than_the_cap_plus_one_byte()
    {
        // 1 GiB of zeros is about 1 MB of gzip; with a 1 MB cap it must stop right after the cap, not inflate it all.
        using var bomb = Gzip(1L << 30);
        Assert.True(bomb.Length < 2 * 1024 * 1024);
        await using var inflated = new DecompressedStream(bomb, limit: 1024 * 1024);

        await Assert.ThrowsAsync<DecompressedTooLargeException>(() => inflated.CopyToAsync(Stream.Null, 81_920));

        Assert.Equal((1024 * 1024) + 1, inflated.BytesRead);
        Assert.True(bomb.Position < bomb.Length / 100, $"read {bomb.Position} of {bomb.Length} compressed bytes");
    }

    [Fact]
    public async Task Broken_gzip_surfaces_as_invalid_data()
    {
        await using var inflated = new DecompressedStream(new MemoryStream("user_id,item_id\nu,i\n"u8.ToArray()), limit: 1000);

        await Assert.ThrowsAsync<InvalidDataException>(() => inflated.CopyToAsync(Stream.Null));
    }
}
