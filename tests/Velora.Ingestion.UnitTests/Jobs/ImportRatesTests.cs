namespace Velora.Ingestion.Jobs;

public sealed class ImportRatesTests
{
    [Theory]
    [InlineData(120, 150, "80.00%")]
    [InlineData(135, 150, "90.00%")]
    [InlineData(2, 3, "66.67%")]
    [InlineData(1, 3, "33.33%")]
    [InlineData(150, 150, "100.00%")]
    [InlineData(0, 150, "0.00%")]
    public void Formats_a_percentage_with_two_decimals_and_a_percent_sign(long part, long whole, string expected) =>
        Assert.Equal(expected, ImportRates.Format(part, whole));

    [Fact]
    public void Shows_zero_when_nothing_was_processed() => Assert.Equal("0.00%", ImportRates.Format(0, 0));

    [Fact]
    public void Never_shows_one_hundred_percent_while_a_row_is_missing() => Assert.Equal("99.99%", ImportRates.Format(999_999, 1_000_000));

    [Fact]
    public void Never_shows_zero_percent_when_a_row_counted() => Assert.Equal("0.01%", ImportRates.Format(1, 1_000_000));
}
