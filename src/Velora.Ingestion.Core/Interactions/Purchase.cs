using Velora.Ingestion.Interactions.Rules;
using Velora.Ingestion.Validation;

namespace Velora.Ingestion.Interactions;

/// <summary>A customer bought an item (docs/design.md §1): Velora's first and strongest signal.</summary>
public sealed class Purchase : InteractionSchema
{
    public static readonly Purchase Instance = new();

    public override string Name => "purchase";

    public override string Description => "A customer bought an item.";

    public override int Order => 0;

    public override IReadOnlyList<SchemaColumn> Columns { get; } =
    [
        SchemaColumn.Timestamp,
        SchemaColumn.Quantity,
        new("price", Required: false, new DecimalRule(StoredField.Price, 0, DecimalRule.StorableMax, 4, RowErrors.InvalidPrice), StoredField.Price, "the amount paid"),
    ];
}
