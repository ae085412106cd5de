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
