using Velora.Ingestion.Interactions.Rules;
using Velora.Ingestion.Validation;

namespace Velora.Ingestion.Interactions;

/// <summary>One column an interaction type knows besides <c>user_id</c> and <c>item_id</c>: its rule and where it is stored.</summary>
public sealed record SchemaColumn(string Name, bool Required, ColumnRule Rule, StoredField Stored, string Description)
{
    /// <summary>The optional <c>timestamp</c> every type has: part of the identity.</summary>
    public static readonly SchemaColumn Timestamp =
        new("timestamp", Required: false, TimestampRule.Instance, StoredField.OccurredAt, "when the interaction happened; part of its identity");

    /// <summary>The optional <c>quantity</c> of purchases and cart additions.</summary>
    public static readonly SchemaColumn Quantity =
        new("quantity", Required: false, new WholeNumberRule(1, 1_000_000, RowErrors.InvalidQuantity), StoredField.Quantity, "how many units");
}
