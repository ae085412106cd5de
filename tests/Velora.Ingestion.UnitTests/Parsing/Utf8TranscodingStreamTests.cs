using System.Text;

namespace Velora.Ingestion.Parsing;

public sealed class Utf8TranscodingStreamTests
{
    const string Text = "a,b\r\nCafé,☕\n𝄞 clef,x\rlast line without a break";

    static byte[] Read(Stream stream, int bufferSize)
    {
        var output = new MemoryStream();
        var buffer = new byte[bufferSize];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }

    [Theory]
    [InlineData("utf-16le", 1)]
    [InlineData("utf-16be", 3)]
    [InlineData("utf-32le", 7)]
    [InlineData("windows-1252", 1)]
    [InlineData("shift_jis", 5)]
    public void Gives_the_text_as_utf8_whatever_the_reads_size(string name, int bufferSize)
    {
        var encoding = TextEncodings.Get(name);
        var text = name is "windows-1252" or "shift_jis" ? "a,b\r\nCafe,x\nlast" : Text;
        using var source = new MemoryStream(encoding.GetBytes(text));
        using var stream = new Utf8TranscodingStream(source, encoding, trackLines: false);

        Assert.Equal(text, Encoding.UTF8.GetString(Read(stream, bufferSize)));
    }

    [Theory]
    [InlineData("utf-16le")]
    [InlineData("utf-32be")]
    [InlineData("windows-1252")]
    public void Names_each_line_start_by_its_offset_in_the_original_bytes(string name)
    {
        var encoding = TextEncodings.Get(name);
        var lines = name == "windows-1252" ? new[] { "a,b\r\n", "Café,ü\n", "x,y\r", "z" } : ["a,b\r\n", "Café,☕\n", "𝄞,y\r", "z"];
        using var source = new MemoryStream(encoding.GetBytes(string.Concat(lines)));
        using var stream = new Utf8TranscodingStream(source, encoding, trackLines: true);
        _ = Read(stream, 64);

        long utf8 = 0, original = 0;
        foreach (var line in lines[..^1])
        {
            utf8 += Encoding.UTF8.GetByteCount(line);
            original += encoding.GetByteCount(line);
            Assert.Equal(original, stream.SourceOffsetOf(utf8));
        }
    }

    [Fact]
    public void Starts_counting_original_offsets_where_the_source_was_positioned()
    {
        var bytes = Encoding.Unicode.GetBytes("xx\nab\ncd\n");
        using var source = new MemoryStream(bytes) { Position = 6 };
        using var stream = new Utf8TranscodingStream(source, TextEncodings.Get("utf-16le"), trackLines: true);

        Assert.Equal("ab\ncd\n", Encoding.UTF8.GetString(Read(stream, 2)));
        Assert.Equal(12, stream.SourceOffsetOf(3));
    }

    [Fact]
    public void Reads_a_large_source_a_block_at_a_time_instead_of_buffering_it()
    {
        var encoding = TextEncodings.Get("windows-1252");
        using var source = new MemoryStream(encoding.GetBytes(string.Concat(Enumerable.Repeat("user,item,Café\n", 700_000))));
        using var stream = new Utf8TranscodingStream(source, encoding, trackLines: true);

        var first = new byte[1024];
        stream.ReadExactly(first);

        Assert.True(source.Position <= 64 * 1024, $"read {source.Position} of {source.Length} bytes for 1 KiB of output");
    }

    [Fact]
    public void Fails_on_half_a_character_at_the_end() =>
        Assert.Throws<DecoderFallbackException>(() => Read(new Utf8TranscodingStream(new MemoryStream([0x41, 0x00, 0x42]), TextEncodings.Get("utf-16le"), trackLines: false), 16));
}
