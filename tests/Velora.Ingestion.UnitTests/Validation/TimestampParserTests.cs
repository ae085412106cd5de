namespace Velora.Ingestion.Validation;

public sealed class TimestampParserTests
{
    [Theory]
    [InlineData("2025-08-22T15:12:00Z", "2025-08-22T15:12:00+00:00")]
    [InlineData("2025-08-22T17:12:00+02:00", "2025-08-22T15:12:00+00:00")]
    [InlineData("2025-08-22T15:12:00", "2025-08-22T15:12:00+00:00")]
    [InlineData("2025-08-22 15:12:00", "2025-08-22T15:12:00+00:00")]
    [InlineData("2025-08-22T15:12:00.250Z", "2025-08-22T15:12:00.25+00:00")]
    [InlineData("2025-08-22", "2025-08-22T00:00:00+00:00")]
    [InlineData("1755875520", "2025-08-22T15:12:00+00:00")]
    [InlineData("1755875520000", "2025-08-22T15:12:00+00:00")]
    public void Reads_iso_8601_and_epoch_seconds_or_milliseconds_as_utc(string text, string expected)
    {
        Assert.True(TimestampParser.TryParse(text, out var value));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Theory]
    [InlineData("2024-02-30")]
    [InlineData("01/02/2025")]
    [InlineData("22.08.2025")]
    [InlineData("yesterday")]
    [InlineData("-1")]
    [InlineData("12345678901234")]
    public void Rejects_ambiguous_or_impossible_timestamps(string text) => Assert.False(TimestampParser.TryParse(text, out _));

    [Theory]
    [InlineData("2024-02-29T23:59:59Z")]
    [InlineData("0001-01-01 00:00:00")]
    [InlineData("9999-12-31T23:59:59.9999999Z")]
    [InlineData("2025-08-22T15:12:00.1Z")]
    public void Reads_the_common_utc_shape_on_its_fast_path_as_dotnet_reads_it(string text)
    {
        Assert.True(TimestampParser.TryParseUtc(text, out var fast));
        Assert.True(TimestampParser.TryParseIso(text, out var reference));
        Assert.Equal((reference, reference.Offset), (fast, fast.Offset));
    }

    [Fact]
    public void Reads_every_text_as_the_dotnet_formats_do_whichever_path_takes_it()
    {
        // Texts near the fast path's shape, valid and not: each must get .NET's verdict and value exactly.
        var random = new Random(20261206);
        string[] separators = ["T", " ", "t", "_"];
        string[] suffixes = ["", "Z", "z", "+02:00", "-05:30", " ", "ZZ"];
        int accepted = 0, fast = 0;
        for (var i = 0; i < 200_000; i++)
        {
            var fraction = random.Next(10) switch
            {
                0 => ".",
                < 4 => "." + string.Concat(Enumerable.Range(0, random.Next(1, 9)).Select(_ => (char)('0' + random.Next(10)))),
                _ => "",
            };
            var text = $"{random.Next(10_000):0000}-{random.Next(14):00}-{random.Next(33):00}{separators[random.Next(4)]}"
                + $"{random.Next(26):00}:{random.Next(62):00}:{random.Next(62):00}{fraction}{suffixes[random.Next(suffixes.Length)]}";
            var expected = TimestampParser.TryParseIso(text, out var reference);
            Assert.Equal(expected, TimestampParser.TryParse(text, out var value));
            Assert.Equal((reference, reference.Offset), (value, value.Offset));
            accepted += expected ? 1 : 0;
            fast += TimestampParser.TryParseUtc(text, out _) ? 1 : 0;
        }

        // The generator reaches both paths and both verdicts, so the agreement above means something.
        Assert.InRange(accepted, 10_000, 190_000);
        Assert.InRange(fast, 5_000, accepted - 1);
    }
}
