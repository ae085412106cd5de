using System.Text;
using Velora.Ingestion.Parsing;

namespace Velora.Ingestion.Catalogue;

/// <summary>The bad-input catalogue, file level: encodings, headers, separators, line endings, record sizes.</summary>
public sealed class FileCatalogueTests
{
    [Fact]
    public async Task An_empty_file_fails_as_a_whole() =>
        Assert.Equal("File is empty", (await FileOutcome.OfAsync("")).FileError);

    [Fact]
    public async Task A_header_only_file_imports_nothing_and_fails_nothing()
    {
        var outcome = await FileOutcome.OfAsync("user_id,item_id,price\n");

        Assert.Null(outcome.FileError);
        Assert.Empty(outcome.Stored);
        Assert.Empty(outcome.Failures);
    }

    [Theory]
    [InlineData("item_id,price\ni,1\n", "Missing required column: user_id")]
    [InlineData("user_id,price\nu,1\n", "Missing required column: item_id")]
    public async Task A_header_without_a_required_column_fails_the_file(string text, string error) =>
        Assert.Equal(error, (await FileOutcome.OfAsync(text)).FileError);

    [Fact]
    public async Task Duplicate_header_names_fail_the_file() =>
        Assert.Equal("Duplicate column in header: Price", (await FileOutcome.OfAsync("user_id,item_id,price,Price\nu,i,1,2\n")).FileError);

    [Fact]
    public async Task Header_names_match_whatever_their_case_and_spacing() =>
        Assert.Equal(("u", "i", 2.5m), Values((await FileOutcome.OfAsync(" User_ID ,ITEM_id,  Price\nu,i,2.5\n")).OnlyRow));

    [Fact]
    public async Task A_utf8_byte_order_mark_is_ignored()
    {
        var outcome = await FileOutcome.OfAsync([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("user_id,item_id\nu,i\n")]);

        Assert.Equal("u", outcome.OnlyRow.UserId);
    }

    [Fact]
    public async Task Invalid_utf8_bytes_fail_the_file_naming_the_row_and_the_encoding_to_try()
    {
        var outcome = await FileOutcome.OfAsync([.. Encoding.UTF8.GetBytes("user_id,item_id\nu1,i1\nu2,caf"), 0xE9, (byte)'\n']);

        Assert.Equal(
            "File is not valid UTF-8 text (invalid bytes in row 2); if it was saved by Excel or another Windows program, upload it again "
            + "with encoding=windows-1252 (or the encoding it was saved in, e.g. encoding=iso-8859-1), or save it as UTF-8",
            outcome.FileError);
    }

    [Fact]
    public async Task A_file_named_as_utf8_gets_no_hint_to_try_another_encoding()
    {
        var outcome = await FileOutcome.OfAsync([.. Encoding.UTF8.GetBytes("user_id,item_id\nu1,caf"), 0xE9, (byte)'\n'], options: new ImportOptions(Encoding: "utf-8"));

        Assert.Equal("File is not valid UTF-8 text (invalid bytes in row 1)", outcome.FileError);
    }

    [Fact]
    public async Task A_file_forced_to_the_wrong_delimiter_fails_with_a_hint_about_the_delimiter() =>
        Assert.Equal(
            "Missing required column: user_id (the header reads as one column: the file is delimited by another character; leave delimiter= out to detect it)",
            (await FileOutcome.OfAsync("user_id;item_id;price\nu;i;1\n", options: new ImportOptions(Delimiter: ','))).FileError);

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public async Task Crlf_lf_and_cr_only_line_endings_read_the_same_rows(string newline)
    {
        var outcome = await FileOutcome.OfAsync(string.Join(newline, "user_id,item_id,price", "u1,i1,1", "u2,i2,2", "u3,i3,3") + newline);

        Assert.Equal(["u1", "u2", "u3"], outcome.Stored.Select(r => r.UserId));
        Assert.Equal([1m, 2m, 3m], outcome.Stored.Select(r => r.Price));
    }

    [Fact]
    public async Task A_100_mb_field_fails_the_file_with_a_clear_reason()
    {
        var bytes = new byte[100 * 1024 * 1024 + 64];
        var header = Encoding.UTF8.GetBytes("user_id,item_id\nu,");
        header.CopyTo(bytes, 0);
        bytes.AsSpan(header.Length, bytes.Length - header.Length - 1).Fill((byte)'x');
        bytes[^1] = (byte)'\n';

        var outcome = await FileOutcome.OfAsync(bytes);

        Assert.Equal("Row 1 cannot be read: a record is larger than 1 MB or its quotes never close", outcome.FileError);
    }

    [Fact]
    public async Task A_quoted_newline_inside_an_id_is_a_row_failure_and_the_rows_after_it_go_on()
    {
        var outcome = await FileOutcome.OfAsync("user_id,item_id\n\"user\n1\",i1\nu2,i2\n");

        Assert.Equal("Invalid characters in field: user_id (control characters are not allowed)", outcome.OnlyError);
        Assert.Equal(1, outcome.Failures[0].RowNumber);
        Assert.Equal("u2", outcome.OnlyRow.UserId);
    }

    static (string, string, decimal?) Values(Interactions.Interaction row) => (row.UserId, row.ItemId, row.Price);
}
