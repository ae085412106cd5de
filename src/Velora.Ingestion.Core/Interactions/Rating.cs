using Velora.Ingestion.Interactions.Rules;
using Velora.Ingestion.Validation;

namespace Velora.Ingestion.Interactions;

/// <summary>A customer rated an item on the store's scale: an explicit signal of taste, stored as <c>value</c>.</summary>
public sealed class Rating : InteractionSchema
{
    /// <summary>The scale Velora's models expect; a store on another scale maps it before uploading.</summary>
    public const decimal Min = 1;

    public const decimal Max = 5;

    public override string Name => "rating";

    public override string Description => $"A customer rated an item from {Min} to {Max}.";

    public override int Order => 30;

    public override IReadOnlyList<SchemaColumn> Columns { get; } =
    [
        new("rating", Required: true, new DecimalRule(StoredField.Value, Min, Max, 2, RowErrors.InvalidRating), StoredField.Value, "the rating given"),
        SchemaColumn.Timestamp,
    ];
}
