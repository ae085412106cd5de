using Velora.Ingestion.Catalogue;

namespace Velora.Ingestion.Interactions;

public sealed class RatingTests
{
    static readonly InteractionSchema Schema = InteractionSchemas.Get("rating");

    static async Task<FileOutcome> Rate(string rating) =>
        await FileOutcome.OfAsync($"user_id,item_id,rating\nu,i,{rating}\n", schema: Schema);

    [Theory]
    [InlineData("1", 1)]
    [InlineData("5", 5)]
    [InlineData("4.5", 4.5)]
    [InlineData(" 3 ", 3)]
    public async Task Stores_a_rating_from_1_to_5_as_value(string rating, double expected) =>
        Assert.Equal((decimal)expected, (await Rate(rating)).OnlyRow.Value);

    [Theory]
    [InlineData("7")]
    [InlineData("0")]
    [InlineData("0.99")]
    [InlineData("5.01")]
    [InlineData("-1")]
    [InlineData("4.555")]
    [InlineData("four")]
    public async Task Rejects_a_rating_outside_the_scale_with_the_value_and_the_scale(string rating) =>
        Assert.Equal($"Invalid rating: {rating} (a number from 1 to 5, at most 2 decimals)", (await Rate(rating)).OnlyError);

    [Fact]
    public async Task Rejects_a_row_without_a_rating_naming_the_field() =>
        Assert.Equal("Missing required field: rating", (await Rate("")).OnlyError);

    [Fact]
    public async Task Fails_a_file_without_a_rating_column() =>
        Assert.Equal("Missing required column: rating", (await FileOutcome.OfAsync("user_id,item_id\nu,i\n", schema: Schema)).FileError);

    [Fact]
    public void States_its_scale_in_the_rule_clients_read() =>
        Assert.Contains("1 to 5", Schema.Column("rating")!.Rule.Description, StringComparison.Ordinal);
}
