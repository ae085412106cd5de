using Velora.Ingestion.Catalogue;

namespace Velora.Ingestion.Interactions;

/// <summary>The purchase rules themselves are covered row by row in <c>Validation/RowValidatorTests</c>; here, what the type stores.</summary>
public sealed class PurchaseTests
{
    [Fact]
    public async Task Stores_quantity_and_price_and_nothing_in_value_or_event_type()
    {
        var row = (await FileOutcome.OfAsync("user_id,item_id,quantity,price\nu,i,2,9.5\n")).OnlyRow;

        Assert.Equal((2, 9.5m, (decimal?)null, (string?)null), (row.Quantity, row.Price, row.Value, row.EventType));
        Assert.Equal([StoredField.Quantity, StoredField.Price], Purchase.Instance.StoredFields);
    }
}
