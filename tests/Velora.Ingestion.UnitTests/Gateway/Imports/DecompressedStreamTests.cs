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

    static byte[] GzipOf(string text)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(text));
        }

        return compressed.ToArray();
    }

    static string Rows(int count) =>
        string.Concat(Enumerable.Range(0, count).Select(i => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"user-{i},item-{i * 7919 % 100003},2025-01-01T00:00:{i % 60:00}Z\n")));

    [Fact]
    public async Task Inflates_a_whole_file_to_the_same_bytes()
    {
        var text = Rows(20_000);
        await using var inflated = new DecompressedStream(new MemoryStream(GzipOf(text)), limit: 10_000_000);
        using var output = new MemoryStream();

        await inflated.CopyToAsync(output);

        Assert.Equal(text, System.Text.Encoding.UTF8.GetString(output.ToArray()));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public async Task Refuses_a_gzip_file_cut_short_instead_of_reading_part_of_it(double kept)
    {
        var whole = GzipOf(Rows(20_000));
        var cut = whole[..(int)(whole.Length * kept)];
        await using var inflated = new DecompressedStream(new MemoryStream(cut), limit: 10_000_000);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => inflated.CopyToAsync(Stream.Null));
        Assert.Contains("ends early or is damaged", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_gzip_file_whose_checksum_does_not_match()
    {
        var damaged = GzipOf(Rows(1_000));
        damaged[^6] ^= 0xFF;
        await using var inflated = new DecompressedStream(new MemoryStream(damaged), limit: 10_000_000);

        await Assert.ThrowsAsync<InvalidDataException>(() => inflated.CopyToAsync(Stream.Null));
    }
}
