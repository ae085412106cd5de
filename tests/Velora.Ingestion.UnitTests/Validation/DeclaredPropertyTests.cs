using System.Text.Json;
using Velora.Ingestion.Interactions;
using Velora.Ingestion.Parsing;

namespace Velora.Ingestion.Validation;

/// <summary>Declared properties are checked like built-in columns and stored typed in the JSON.</summary>
public sealed class DeclaredPropertyTests
{
    static readonly DeclaredProperty[] Declared =
    [
        new("basket_size", PropertyKind.Number, false),
        new("gift", PropertyKind.Boolean, false),
        new("shipped_at", PropertyKind.Timestamp, false),
        new("store", PropertyKind.Text, true),
    ];

    static (Interactions.Interaction? Row, RowFailure? Failure) Validate(char delimiter, params string[] fields)
    {
        var header = HeaderLayout.Resolve(Purchase.Instance, ["user_id", "item_id", "basket_size", "gift", "shipped_at", "store", "note"], new HeaderRules(ColumnMapping.None, Declared));
        new RowValidator(header, ValueFormat.For(delimiter, FixedTime.Default)).TryValidate(1, fields, out var row, out var failure);
        return (row, failure);
    }

    static JsonElement Properties(params string[] fields) => JsonDocument.Parse(Validate(',', fields).Row!.PropertiesJson!).RootElement;

    [Fact]
    public void Stores_numbers_booleans_and_timestamps_typed_and_undeclared_columns_as_text()
    {
        var json = Properties("u", "i", " 3 ", "yes", "2025-01-02T03:04:05+01:00", "Paris", "42");

        Assert.Equal(JsonValueKind.Number, json.GetProperty("basket_size").ValueKind);
        Assert.Equal(3m, json.GetProperty("basket_size").GetDecimal());
        Assert.Equal(JsonValueKind.True, json.GetProperty("gift").ValueKind);
        Assert.Equal("2025-01-02T02:04:05Z", json.GetProperty("shipped_at").GetString());
        Assert.Equal("Paris", json.GetProperty("store").GetString());
        Assert.Equal(JsonValueKind.String, json.GetProperty("note").ValueKind);
    }

    [Theory]
    [InlineData("no", false)]
    [InlineData("FALSE", false)]
    [InlineData("0", false)]
    [InlineData("True", true)]
    [InlineData("1", true)]
    public void Reads_the_usual_spellings_of_booleans(string text, bool expected) =>
        Assert.Equal(expected, Properties("u", "i", "", text, "", "s", "").GetProperty("gift").GetBoolean());

    [Fact]
    public void Leaves_an_empty_optional_property_out() =>
        Assert.False(Properties("u", "i", "", "", "", "s", "").TryGetProperty("basket_size", out _));

    [Theory]
    [InlineData(2, "abc", "Invalid number in column basket_size: abc")]
    [InlineData(2, "1,5", "Invalid number in column basket_size: 1,5")]
    [InlineData(3, "maybe", "Invalid boolean in column gift: maybe (true/false, yes/no or 1/0)")]
    [InlineData(4, "yesterday", "Invalid timestamp in column shipped_at: yesterday")]
    [InlineData(5, " ", "Missing required field: store")]
    public void Rejects_a_value_that_is_not_of_its_declared_kind_naming_the_column(int column, string value, string error)
    {
        string[] fields = ["u", "i", "", "", "", "s", ""];
        fields[column] = value;

        Assert.Equal(error, Validate(',', fields).Failure?.Error.Message);
    }

    [Fact]
    public void Reads_a_decimal_comma_where_the_delimiter_is_not_a_comma() =>
        Assert.Contains("\"basket_size\":3.5", Validate(';', "u", "i", "3,5", "", "", "s", "").Row!.PropertiesJson, StringComparison.Ordinal);
}
