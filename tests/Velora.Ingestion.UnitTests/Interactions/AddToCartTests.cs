using Velora.Ingestion.Catalogue;

namespace Velora.Ingestion.Interactions;

public sealed class AddToCartTests
{
    static readonly InteractionSchema Schema = InteractionSchemas.Get("add_to_cart");

    [Fact]
    public async Task Stores_quantity_and_price()
    {
        var row = (await FileOutcome.OfAsync("user_id,item_id,quantity,price\nu,i,3,4.25\n", schema: Schema)).OnlyRow;

        Assert.Equal((3, 4.25m), (row.Quantity, row.Price));
    }

    [Theory]
    [InlineData("0", "Invalid quantity: 0 (a whole number from 1 to 1000000)")]
    [InlineData("1.5", "Invalid quantity: 1.5 (a whole number from 1 to 1000000)")]
    public async Task Rejects_a_quantity_outside_1_to_a_million(string quantity, string error) =>
        Assert.Equal(error, (await FileOutcome.OfAsync($"user_id,item_id,quantity\nu,i,{quantity}\n", schema: Schema)).OnlyError);

    [Theory]
    [InlineData("-1")]
    [InlineData("1.23456")]
    public async Task Rejects_a_negative_or_too_precise_price_calling_it_a_price(string price) =>
        Assert.Equal($"Invalid price: {price}", (await FileOutcome.OfAsync($"user_id,item_id,price\nu,i,{price}\n", schema: Schema)).OnlyError);
}
