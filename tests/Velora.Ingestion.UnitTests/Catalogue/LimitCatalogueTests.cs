using Velora.Ingestion.Parsing;
using Velora.Ingestion.Validation;

namespace Velora.Ingestion.Catalogue;

/// <summary>The configurable width limits (Import:MaxColumns, Import:MaxFieldLength) through the worker's pipeline.</summary>
public sealed class LimitCatalogueTests
{
    static readonly ImportLimits Narrow = new() { MaxColumns = 4, MaxFieldLength = 10 };

    [Fact]
    public async Task A_header_with_more_columns_than_allowed_fails_the_file_saying_both_counts()
    {
        var outcome = await FileOutcome.OfAsync("user_id,item_id,price,a,b\nu,i,1,x,y\n", limits: Narrow);

        Assert.Equal("The header has 5 columns; at most 4 are allowed", outcome.FileError);
    }

    [Fact]
    public async Task A_header_with_exactly_the_allowed_columns_imports()
    {
        var outcome = await FileOutcome.OfAsync("user_id,item_id,price,channel\nu,i,1,web\n", limits: Narrow);

        Assert.Null(outcome.FileError);
        Assert.Equal("""{"channel":"web"}""", outcome.OnlyRow.PropertiesJson);
    }

    [Fact]
    public async Task A_property_longer_than_allowed_fails_its_row_naming_the_column_and_the_rest_goes_on()
    {
        var outcome = await FileOutcome.OfAsync("user_id,item_id,note\nu1,i,0123456789\nu2,i,0123456789X\nu3,i,short\n", limits: Narrow);

        Assert.Null(outcome.FileError);
        Assert.Equal(["u1", "u3"], outcome.Stored.Select(r => r.UserId));
        var failure = Assert.Single(outcome.Failures);
        Assert.Equal(2, failure.RowNumber);
        Assert.Equal("Field too long: note (at most 10 characters)", failure.Error.Message);
    }

    [Fact]
    public async Task The_default_limits_accept_a_4096_character_property_and_refuse_one_more()
    {
        var fits = new string('x', ImportLimits.Default.MaxFieldLength);
        var outcome = await FileOutcome.OfAsync($"user_id,item_id,note\nu1,i,{fits}\nu2,i,{fits}y\n");

        Assert.Equal("u1", outcome.OnlyRow.UserId);
        Assert.Equal(RowErrors.FieldTooLong("note", 4096).Message, outcome.OnlyError);
    }

    [Fact]
    public async Task Ids_keep_their_own_limit_of_256_characters_whatever_the_field_limit()
    {
        var outcome = await FileOutcome.OfAsync($"user_id,item_id\n{new string('u', 257)},i\n", limits: new ImportLimits { MaxFieldLength = 100_000 });

        Assert.Equal("Field too long: user_id (at most 256 characters)", outcome.OnlyError);
    }
}
