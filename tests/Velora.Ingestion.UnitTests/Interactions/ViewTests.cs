using Velora.Ingestion.Catalogue;

namespace Velora.Ingestion.Interactions;

public sealed class ViewTests
{
    static readonly InteractionSchema Schema = InteractionSchemas.Get("view");

    [Fact]
    public async Task Stores_the_ids_and_the_time_and_keeps_quantity_and_price_as_properties()
    {
        var row = (await FileOutcome.OfAsync("user_id,item_id,timestamp,price\nu,i,2025-01-02T03:04:05Z,9.5\n", schema: Schema)).OnlyRow;

        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), row.OccurredAt);
        Assert.Null(row.Price);
        Assert.Equal("""{"price":"9.5"}""", row.PropertiesJson);
        Assert.Empty(Schema.StoredFields);
    }

    [Fact]
    public async Task Rejects_a_bad_timestamp_like_every_type() =>
        Assert.Equal("Timestamp format invalid", (await FileOutcome.OfAsync("user_id,item_id,timestamp\nu,i,yesterday\n", schema: Schema)).OnlyError);

    [Fact]
    public async Task Fails_a_file_without_item_id() =>
        Assert.Equal("Missing required column: item_id", (await FileOutcome.OfAsync("user_id,timestamp\nu,1\n", schema: Schema)).FileError);
}
