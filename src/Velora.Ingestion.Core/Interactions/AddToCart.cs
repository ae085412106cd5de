using Velora.Ingestion.Interactions.Rules;
using Velora.Ingestion.Validation;

namespace Velora.Ingestion.Interactions;

/// <summary>A customer put an item in the cart, bought or not.</summary>
public sealed class AddToCart : InteractionSchema
{
    public override string Name => "add_to_cart";

    public override string Description => "A customer added an item to the cart.";

    public override int Order => 20;

    public override IReadOnlyList<SchemaColumn> Columns { get; } =
    [
        SchemaColumn.Timestamp,
        SchemaColumn.Quantity,
        new("price", Required: false, new DecimalRule(StoredField.Price, 0, DecimalRule.StorableMax, 4, RowErrors.InvalidUnitPrice), StoredField.Price, "the item's price at the time"),
    ];
}
