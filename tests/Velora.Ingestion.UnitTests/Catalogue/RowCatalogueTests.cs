namespace Velora.Ingestion.Catalogue;

/// <summary>The bad-input catalogue, row level: each case is a row failure with its error, or a row stored with the value shown.</summary>
public sealed class RowCatalogueTests
{
    const string Header = "user_id,item_id,timestamp,quantity,price,note\n";

    static Task<FileOutcome> Row(string row) => FileOutcome.OfAsync(Header + row + "\n");

    static async Task<string> ErrorOf(string row) => (await Row(row)).OnlyError;

    [Fact]
    public async Task A_nul_byte_in_an_id_is_a_row_failure() =>
        Assert.Equal("Invalid characters in field: user_id (control characters are not allowed)", await ErrorOf("us\0er,i,,,,"));

    [Fact]
    public async Task A_nul_byte_in_a_property_is_a_row_failure() =>
        Assert.Equal("Invalid characters in field: note (control characters are not allowed)", await ErrorOf("u,i,,,,no\0te"));

    [Fact]
    public async Task A_missing_mandatory_value_names_the_field() =>
        Assert.Equal("Missing required field: item_id", await ErrorOf("u,,,,,"));

    [Fact]
    public async Task Missing_optional_values_are_stored_as_null()
    {
        var row = (await Row("u,i,,,,")).OnlyRow;

        Assert.Equal((null, null, null, null), (row.OccurredAt, row.Quantity, row.Price, row.PropertiesJson));
    }

    [Fact]
    public async Task More_fields_than_the_header_is_a_row_failure() =>
        Assert.Equal("Row has 7 fields, the header has 6", await ErrorOf("u,i,,,,,surplus"));

    [Fact]
    public async Task Fewer_fields_than_the_header_read_as_missing_values()
    {
        Assert.Equal("u", (await Row("u,i")).OnlyRow.UserId);
        Assert.Equal("Missing required field: item_id", await ErrorOf("u"));
    }

    [Fact]
    public async Task A_stray_quote_in_an_unquoted_field_is_kept_as_text() =>
        Assert.Equal("12\" pizza", (await Row("u,12\" pizza,,,,")).OnlyRow.ItemId);

    [Fact]
    public async Task An_unterminated_quote_at_the_end_of_the_file_is_a_row_failure()
    {
        var outcome = await FileOutcome.OfAsync(Header + "u1,i1,,,,\nu2,\"i2,,,,");

        Assert.Equal("Malformed CSV: a quoted field is never closed", outcome.OnlyError);
        Assert.Equal((2L, "u2"), (outcome.Failures[0].RowNumber, outcome.Failures[0].UserId));
        Assert.Equal("u1", outcome.OnlyRow.UserId);
    }

    [Fact]
    public async Task A_quote_never_closed_after_a_stray_quote_in_the_same_row_is_a_row_failure_not_a_silent_merge()
    {
        var outcome = await FileOutcome.OfAsync(Header + "u5,12\" pizza,,,,\"note\nu6,i6,,,,\n");

        Assert.Equal("Malformed CSV: a quoted field is never closed", outcome.OnlyError);
        Assert.Empty(outcome.Stored);
    }

    [Fact]
    public async Task Text_after_a_closing_quote_is_a_row_failure() =>
        Assert.Equal("Malformed CSV: text after the closing quote of a field", await ErrorOf("u,\"ab\"c,,,,"));

    [Fact]
    public async Task Whitespace_around_ids_is_trimmed() =>
        Assert.Equal(("u 1", "i 1"), ((await Row("  u 1 ,\ti 1\t,,,,")).OnlyRow.UserId, (await Row("  u 1 ,\ti 1\t,,,,")).OnlyRow.ItemId));

    [Fact]
    public async Task Ids_over_256_characters_are_a_row_failure() =>
        Assert.Equal("Field too long: user_id (at most 256 characters)", await ErrorOf(new string('u', 257) + ",i,,,,"));

    [Fact]
    public async Task Control_characters_in_ids_are_a_row_failure() =>
        Assert.Equal("Invalid characters in field: item_id (control characters are not allowed)", await ErrorOf("u,i\u0007,,,,"));

    [Theory]
    [InlineData("007")]
    [InlineData("1E+05")]
    [InlineData("0x1F")]
    public async Task Ids_that_look_like_numbers_are_kept_as_text(string id) =>
        Assert.Equal(id, (await Row($"{id},{id},,,,")).OnlyRow.UserId);

    [Theory]
    [InlineData("2025-08-22T17:12:00+02:00", "2025-08-22T15:12:00Z")]
    [InlineData("2025-08-22T15:12:00", "2025-08-22T15:12:00Z")]
    [InlineData("1755875520", "2025-08-22T15:12:00Z")]
    [InlineData("1755875520000", "2025-08-22T15:12:00Z")]
    public async Task Timestamps_with_an_offset_without_one_or_in_epoch_seconds_or_milliseconds_are_stored_in_utc(string timestamp, string stored) =>
        Assert.Equal(DateTimeOffset.Parse(stored, System.Globalization.CultureInfo.InvariantCulture), (await Row($"u,i,{timestamp},,,")).OnlyRow.OccurredAt);

    [Theory]
    [InlineData("2024-02-30")]
    [InlineData("01/02/2025")]
    public async Task Impossible_or_ambiguous_dates_are_a_row_failure(string timestamp) =>
        Assert.Equal("Timestamp format invalid", await ErrorOf($"u,i,{timestamp},,,"));

    [Fact]
    public async Task A_timestamp_far_in_the_future_is_a_row_failure() =>
        Assert.Equal("Timestamp is more than 24 hours in the future: 2099-01-01T00:00:00Z", await ErrorOf("u,i,2099-01-01T00:00:00Z,,,"));

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    public async Task Quantities_outside_whole_numbers_from_one_to_a_million_are_a_row_failure(string quantity) =>
        Assert.Equal($"Invalid quantity: {quantity} (a whole number from 1 to 1000000)", await ErrorOf($"u,i,,{quantity},,"));

    [Theory]
    [InlineData("-5", "-5")]
    [InlineData("$5", "$5")]
    [InlineData("\"1,234.56\"", "1,234.56")]
    [InlineData("NaN", "NaN")]
    [InlineData("Infinity", "Infinity")]
    [InlineData("1.23456", "1.23456")]
    public async Task Invalid_purchase_amounts_are_a_row_failure_quoting_the_value(string price, string shown) =>
        Assert.Equal($"Invalid purchase amount: {shown}", await ErrorOf($"u,i,,,{price},"));

    [Fact]
    public async Task Formula_like_values_are_stored_verbatim()
    {
        var row = (await Row("\"=HYPERLINK(\"\"x\"\")\",@SUM(1),,,,\"=1+2\"")).OnlyRow;

        Assert.Equal(("=HYPERLINK(\"x\")", "@SUM(1)"), (row.UserId, row.ItemId));
        Assert.Equal("{\"note\":\"=1\\u002B2\"}", row.PropertiesJson);
    }
}
