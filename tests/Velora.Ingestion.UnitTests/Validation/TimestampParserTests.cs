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
}
