using Velora.Ingestion.Interactions;

namespace Velora.Ingestion.Parsing;

public sealed class HeaderLayoutTests
{
    [Fact]
    public void Matches_column_names_case_insensitively_after_trimming_and_ignores_a_bom()
    {
        var header = HeaderLayout.Resolve(Purchase.Instance, ["\uFEFFUser_ID", " ITEM_id ", "Timestamp", "extra"]);

        Assert.Equal((0, 1, 2), (header.UserId, header.ItemId, header.IndexOf("timestamp")));
        Assert.Equal(HeaderLayout.Absent, header.IndexOf("price"));
        Assert.Equal([3], header.Properties.Select(p => p.Index));
    }

    [Fact]
    public void Reads_the_report_columns_at_the_end_of_a_fixed_failures_csv_as_nothing_even_beside_a_property_of_the_same_name()
    {
        var header = HeaderLayout.Resolve(Purchase.Instance, ["user_id", "item_id", "code", "row_number", "column", "code", "error"]);

        Assert.Equal([("code", 2)], header.Properties.Select(p => (p.Name, p.Index)));
    }

    [Fact]
    public void Keeps_the_report_columns_as_properties_when_they_are_not_the_last_four_in_order()
    {
        var header = HeaderLayout.Resolve(Purchase.Instance, ["user_id", "item_id", "row_number", "code", "column", "error"]);

        Assert.Equal(["row_number", "code", "column", "error"], header.Properties.Select(p => p.Name));
    }

    [Theory]
    [InlineData("user_id,timestamp", "Missing required column: item_id")]
    [InlineData("item_id", "Missing required column: user_id")]
    public void Fails_the_file_when_a_required_column_is_missing(string header, string error) =>
        Assert.Equal(error, Assert.Throws<ImportFileException>(() => HeaderLayout.Resolve(Purchase.Instance, header.Split(','))).Message);

    [Fact]
    public void Hints_at_the_delimiter_when_the_header_reads_as_one_delimited_column()
    {
        var error = Assert.Throws<ImportFileException>(() => HeaderLayout.Resolve(Purchase.Instance, ["user_id;item_id;price"]));

        Assert.Contains("delimited by another character", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fails_the_file_on_duplicate_column_names() =>
        Assert.Equal("Duplicate column in header: USER_ID", Assert.Throws<ImportFileException>(() => HeaderLayout.Resolve(Purchase.Instance, ["user_id", "item_id", "USER_ID"])).Message);
}
