using System.Text;
using Velora.Ingestion.Parsing;

namespace Velora.Ingestion.Catalogue;

/// <summary>The files stores' tools really export: other delimiters, decimal commas, other encodings; read in chunks of 2 rows.</summary>
public sealed class FormatCatalogueTests
{
    const string Rows = "user_id~item_id~price~note\nu1~i1~1.5~Café ☕\nu2~i2~2~naïve\nu3~i3~3~\"a~b\nc\"\n";

    static string Text(char delimiter) => Rows.Replace('~', delimiter);

    static void AssertAllRowsIntact(FileOutcome outcome, char delimiter, string newline = "\n")
    {
        Assert.Null(outcome.FileError);
        Assert.Empty(outcome.Failures);
        Assert.Equal(["u1", "u2", "u3"], outcome.Stored.Select(r => r.UserId));
        Assert.Equal([1.5m, 2m, 3m], outcome.Stored.Select(r => r.Price));
        Assert.Equal(["Café ☕", "naïve", $"a{delimiter}b{newline}c"], outcome.Stored.Select(r => Property(r, "note")));
    }

    static string? Property(Interactions.Interaction row, string name) =>
        System.Text.Json.JsonDocument.Parse(row.PropertiesJson!).RootElement.GetProperty(name).GetString();

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public async Task Each_delimiter_is_detected_from_the_header_and_its_rows_read(char delimiter)
    {
        var outcome = await FileOutcome.OfAsync(Text(delimiter));

        AssertAllRowsIntact(outcome, delimiter);
        Assert.Equal(delimiter, outcome.Format!.Delimiter);
    }

    [Fact]
    public async Task A_named_delimiter_is_the_one_the_file_is_read_with()
    {
        var outcome = await FileOutcome.OfAsync("user_id|item_id|code\nu|i|7;8\n", options: new ImportOptions(Delimiter: '|'));

        Assert.Equal(("u", "i", "7;8"), (outcome.OnlyRow.UserId, outcome.OnlyRow.ItemId, Property(outcome.OnlyRow, "code")));
        Assert.Equal('|', outcome.Format!.Delimiter);
    }

    [Theory]
    [InlineData("1,50", 1.50)]
    [InlineData("1.50", 1.50)]
    [InlineData("0,0001", 0.0001)]
    public async Task A_semicolon_file_reads_a_decimal_comma_and_a_decimal_point(string price, double expected)
    {
        var outcome = await FileOutcome.OfAsync($"user_id;item_id;price\nu;i;{price}\n");

        Assert.Equal((decimal)expected, outcome.OnlyRow.Price);
        Assert.Equal(",", outcome.Format!.DecimalSeparator);
    }

    [Theory]
    [InlineData("1.234,50")]
    [InlineData("1,234.50")]
    [InlineData("1,2,3")]
    public async Task A_semicolon_file_rejects_numbers_with_both_separators_or_two_commas(string price) =>
        Assert.Equal($"Invalid purchase amount: {price}", (await FileOutcome.OfAsync($"user_id;item_id;price\nu;i;{price}\n")).OnlyError);

    [Fact]
    public async Task A_comma_file_does_not_read_a_comma_as_a_decimal_separator()
    {
        var outcome = await FileOutcome.OfAsync("user_id,item_id,price\nu,i,\"1,50\"\n");

        Assert.Equal("Invalid purchase amount: 1,50", outcome.OnlyError);
        Assert.Equal(".", outcome.Format!.DecimalSeparator);
    }

    [Theory]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    [InlineData("utf-32le")]
    [InlineData("utf-32be")]
    [InlineData("utf-8")]
    public async Task A_unicode_file_with_a_byte_order_mark_is_read_in_its_encoding_across_chunks(string name)
    {
        var encoding = TextEncodings.Get(name);
        byte[] mark = name switch
        {
            "utf-16le" => [0xFF, 0xFE],
            "utf-16be" => [0xFE, 0xFF],
            "utf-32le" => [0xFF, 0xFE, 0, 0],
            "utf-32be" => [0, 0, 0xFE, 0xFF],
            _ => [0xEF, 0xBB, 0xBF],
        };

        var outcome = await FileOutcome.OfAsync([.. mark, .. encoding.GetBytes(Text('\t').Replace("\n", "\r\n", StringComparison.Ordinal))]);

        AssertAllRowsIntact(outcome, '\t', "\r\n");
        Assert.Equal(new FileFormat('\t', name), outcome.Format);
    }

    [Fact]
    public async Task An_excel_unicode_text_export_is_utf16_le_tab_separated_with_a_byte_order_mark() =>
        AssertAllRowsIntact(await FileOutcome.OfAsync([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Text('\t'))]), '\t');

    [Theory]
    [InlineData("windows-1252", "windows-1252")]
    [InlineData("1252", "windows-1252")]
    [InlineData("latin1", "iso-8859-1")]
    [InlineData("ISO-8859-1", "iso-8859-1")]
    public async Task A_windows_1252_file_named_by_encoding_keeps_its_accents(string requested, string canonical)
    {
        var text = Text(';').Replace(" ☕", string.Empty, StringComparison.Ordinal);
        Assert.True(TextEncodings.TryResolve(requested, out var name, out _));

        var outcome = await FileOutcome.OfAsync(TextEncodings.Get(name).GetBytes(text), options: new ImportOptions(Encoding: name));

        Assert.Equal(canonical, name);
        Assert.Equal("Café", Property(outcome.Stored[0], "note"));
        Assert.Equal(3, outcome.Stored.Count);
        Assert.Equal(new FileFormat(';', canonical), outcome.Format);
    }

    [Fact]
    public async Task The_euro_sign_of_windows_1252_is_read_as_a_euro_sign()
    {
        var outcome = await FileOutcome.OfAsync([.. "user_id;item_id;currency\nu;i;"u8, 0x80, (byte)'\n'], options: new ImportOptions(Encoding: "windows-1252"));

        Assert.Equal("€", Property(outcome.OnlyRow, "currency"));
    }

    [Fact]
    public async Task A_windows_1252_file_without_encoding_fails_saying_which_encoding_to_try()
    {
        var outcome = await FileOutcome.OfAsync(TextEncodings.Get("windows-1252").GetBytes("user_id;item_id;note\nu;i;Café\n"));

        Assert.StartsWith("File is not valid UTF-8 text (invalid bytes in row 1); ", outcome.FileError, StringComparison.Ordinal);
        Assert.Contains("encoding=windows-1252", outcome.FileError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shift_jis_file_keeps_its_japanese_text()
    {
        Assert.True(TextEncodings.TryResolve("shift_jis", out var name, out _));

        var outcome = await FileOutcome.OfAsync(TextEncodings.Get(name).GetBytes("user_id,item_id,name\nu1,i1,ソフト\nu2,i2,表示\nu3,i3,能力\n"), options: new ImportOptions(Encoding: name));

        Assert.Equal(["ソフト", "表示", "能力"], outcome.Stored.Select(r => Property(r, "name")));
    }

    [Theory]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    public async Task A_utf16_file_without_a_byte_order_mark_fails_naming_its_encoding_and_imports_when_named(string name)
    {
        var bytes = TextEncodings.Get(name).GetBytes("user_id,item_id\nu,i\n");

        Assert.Equal($"File is not UTF-8 text: it looks like UTF-16 without a byte order mark: upload it again with encoding={name}", (await FileOutcome.OfAsync(bytes)).FileError);
        Assert.Equal("u", (await FileOutcome.OfAsync(bytes, options: new ImportOptions(Encoding: name))).OnlyRow.UserId);
    }

    [Fact]
    public async Task Invalid_bytes_in_the_named_encoding_fail_the_file()
    {
        // A lone low surrogate (DC00) is not UTF-16 text.
        var outcome = await FileOutcome.OfAsync([0xFF, 0xFE, .. Encoding.Unicode.GetBytes("user_id,item_id\nu,"), 0x00, 0xDC, .. Encoding.Unicode.GetBytes("\n")]);

        Assert.StartsWith("File is not valid utf-16le text", outcome.FileError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_byte_order_mark_wins_over_a_named_encoding() =>
        Assert.Equal("u", (await FileOutcome.OfAsync([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("user_id,item_id\nu,i\n")], options: new ImportOptions(Encoding: "windows-1252"))).OnlyRow.UserId);

    [Theory]
    [InlineData("ebcdic-cp-us", "is not supported")]
    [InlineData("IBM037", "is not supported")]
    [InlineData("utf-7", "is not known")]
    [InlineData("klingon", "is not known")]
    public void Encodings_that_do_not_write_ascii_as_ascii_or_are_unknown_are_refused(string requested, string reason)
    {
        Assert.False(TextEncodings.TryResolve(requested, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tab", '\t')]
    [InlineData("\t", '\t')]
    [InlineData("semicolon", ';')]
    [InlineData("|", '|')]
    public void Delimiters_are_named_by_their_character_or_their_name(string text, char expected)
    {
        Assert.True(ImportOptions.TryParse(text, null, out var options, out _));
        Assert.Equal(expected, options.Delimiter);
    }

    [Fact]
    public void Another_delimiter_is_refused_naming_the_supported_ones()
    {
        Assert.False(ImportOptions.TryParse(":", null, out _, out var error));
        Assert.Equal("delimiter ':' is not supported: delimiter is one of , ; | or tab (also comma, semicolon, pipe)", error);
    }
}
