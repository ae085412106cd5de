using Velora.Ingestion.Contracts;
using Velora.Ingestion.Interactions;
using Velora.Ingestion.Parsing;
using Velora.Ingestion.Validation;

namespace Velora.Ingestion.Validation;

public sealed class RowValidatorTests
{
    static readonly HeaderLayout Header = HeaderLayout.Resolve(Purchase.Instance, ["user_id", "item_id", "timestamp", "quantity", "price", "channel"]);

    static (Interaction? Row, RowFailure? Failure) Validate(params string[] fields)
    {
        var validator = new RowValidator(Header, FixedTime.Default);
        validator.TryValidate(7, fields, out var row, out var failure);
        return (row, failure);
    }

    static string ErrorOf(params string[] fields) => Validate(fields).Failure?.Error.Message ?? "(accepted)";

    [Fact]
    public void Accepts_a_complete_row_with_its_values_in_stored_form()
    {
        var (row, failure) = Validate(" user-1 ", "item-9", "2025-08-20T10:15:00+02:00", "3", "19.99", "web");

        Assert.Null(failure);
        Assert.Equal(new Interaction(7, "user-1", "item-9", new DateTimeOffset(2025, 8, 20, 8, 15, 0, TimeSpan.Zero), 3, 19.99m, """{"channel":"web"}"""), row);
    }

    [Fact]
    public void Accepts_missing_optional_values_as_null()
    {
        var (row, _) = Validate("u", "i", "", "", "", "");

        Assert.NotNull(row);
        Assert.Null(row.OccurredAt);
        Assert.Null(row.Quantity);
        Assert.Null(row.Price);
    }

    [Theory]
    [InlineData("", "i", "Missing required field: user_id")]
    [InlineData("   ", "i", "Missing required field: user_id")]
    [InlineData("u", "", "Missing required field: item_id")]
    public void Rejects_missing_ids_naming_the_field(string user, string item, string error) =>
        Assert.Equal(error, ErrorOf(user, item, "", "", "", ""));

    [Fact]
    public void Rejects_ids_over_256_characters_and_accepts_256()
    {
        Assert.Equal("(accepted)", ErrorOf(new string('u', 256), "i", "", "", "", ""));
        Assert.Equal("Field too long: item_id (at most 256 characters)", ErrorOf("u", new string('i', 257), "", "", "", ""));
    }

    [Theory]
    [InlineData("a\u0001b")]
    [InlineData("a\nb")]
    [InlineData("a\0b")]
    public void Rejects_control_characters_in_ids(string user) =>
        Assert.Equal("Invalid characters in field: user_id (control characters are not allowed)", ErrorOf(user, "i", "", "", "", ""));

    [Fact]
    public void Keeps_the_raw_ids_of_a_rejected_row_with_its_row_number()
    {
        var failure = Validate("user-125", "item-003", "", "", "-5", "").Failure!;

        Assert.Equal((7, "user-125", "item-003", "Invalid purchase amount: -5"), (failure.RowNumber, failure.UserId, failure.ItemId, failure.Error.Message));
    }

    [Fact]
    public void Names_the_code_and_the_header_column_at_fault_and_keeps_the_whole_record()
    {
        string[] fields = ["user-125", "item-003", "", "", "-5", ""];

        var failure = Validate(fields).Failure!;

        Assert.Equal((FailureCodes.InvalidNumber, "price"), (failure.Error.Code, failure.Column));
        Assert.Equal(fields, failure.Fields);
    }

    [Fact]
    public void Names_no_column_when_the_record_has_too_many_fields()
    {
        var failure = Validate("u", "i", "", "", "", "", "extra").Failure!;

        Assert.Equal((FailureCodes.FieldCount, null), (failure.Error.Code, failure.Column));
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("$5")]
    [InlineData("1,234.56")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1.23456")]
    [InlineData("1e3")]
    public void Rejects_invalid_purchase_amounts_with_the_value(string price) =>
        Assert.Equal($"Invalid purchase amount: {price}", ErrorOf("u", "i", "", "", price, ""));

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1234.5678", 1234.5678)]
    [InlineData("1.50000", 1.5)]
    public void Accepts_prices_of_at_most_four_decimals(string text, double expected) =>
        Assert.Equal((decimal)expected, Validate("u", "i", "", "", text, "").Row?.Price);

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("1000001")]
    [InlineData("99999999999999999999")]
    public void Rejects_quantities_outside_one_to_a_million(string quantity) =>
        Assert.StartsWith($"Invalid quantity: {quantity} ", ErrorOf("u", "i", "", quantity, "", ""), StringComparison.Ordinal);

    [Fact]
    public void Accepts_a_quantity_of_a_million() => Assert.Equal(1_000_000, Validate("u", "i", "", "1000000", "", "").Row?.Quantity);

    [Theory]
    [InlineData("not-a-date")]
    [InlineData("2024-02-30")]
    [InlineData("01/02/2025")]
    public void Rejects_malformed_timestamps(string timestamp) =>
        Assert.Equal("Timestamp format invalid", ErrorOf("u", "i", timestamp, "", "", ""));

    [Fact]
    public void Rejects_timestamps_more_than_a_day_in_the_future()
    {
        Assert.Equal("(accepted)", ErrorOf("u", "i", "2025-08-23T15:11:00Z", "", "", ""));
        Assert.Equal("Timestamp is more than 24 hours in the future: 2025-08-23T15:13:00Z", ErrorOf("u", "i", "2025-08-23T15:13:00Z", "", "", ""));
    }

    [Fact]
    public void Rejects_rows_with_more_fields_than_the_header_when_the_extra_fields_hold_text()
    {
        Assert.Equal("Row has 7 fields, the header has 6", ErrorOf("u", "i", "", "", "", "", "extra"));
        Assert.Equal("(accepted)", ErrorOf("u", "i", "", "", "", "", ""));
    }

    [Fact]
    public void Reads_missing_trailing_fields_as_empty_values()
    {
        Assert.Equal("(accepted)", ErrorOf("u", "i"));
        Assert.Equal("Missing required field: item_id", ErrorOf("user-125"));
    }

    [Fact]
    public void Echoes_a_hostile_value_without_control_characters_and_cut_on_a_whole_character()
    {
        var error = ErrorOf("u", "i", "", "", "5\0" + new string('9', 61) + "\U0001F600", "");

        Assert.Equal("Invalid purchase amount: 5?" + new string('9', 61) + "…", error);
    }

    [Fact]
    public void Keeps_other_columns_as_properties_and_leaves_empty_ones_out()
    {
        var header = HeaderLayout.Resolve(Purchase.Instance, ["user_id", "item_id", "Channel", "coupon"]);
        var validator = new RowValidator(header, FixedTime.Default);

        validator.TryValidate(1, ["u", "i", "=HYPERLINK(\"x\")", ""], out var row, out _);

        Assert.Equal("""{"Channel":"=HYPERLINK(\u0022x\u0022)"}""", row?.PropertiesJson);
    }

    [Fact]
    public void Reports_the_first_problem_in_column_order()
    {
        Assert.Equal("Missing required field: item_id", ErrorOf("u", "", "bad", "0", "-5", ""));
    }
}
