using Velora.Ingestion.Interactions.Rules;
using Velora.Ingestion.Validation;

namespace Velora.Ingestion.Interactions;

/// <summary>
/// Any other activity a store tracks (wishlist, share, return, …), named per row in <c>event_type</c>. The event's
/// name is part of the identity: a share and a wishlist of the same item at the same moment are two interactions.
/// </summary>
public sealed class CustomEvent : InteractionSchema
{
    public const int MaxEventTypeLength = 64;

    public override string Name => "custom";

    public override string Description => "Any other activity, named per row in event_type, with an optional numeric event_value.";

    public override int Order => 90;

    public override IReadOnlyList<SchemaColumn> Columns { get; } =
    [
        new("event_type", Required: true, new NameRule("event_type", MaxEventTypeLength), StoredField.EventType, "the activity's name; part of the identity"),
        SchemaColumn.Timestamp,
        new("event_value", Required: false, new DecimalRule(StoredField.Value, -DecimalRule.StorableMax, DecimalRule.StorableMax, 4, RowErrors.InvalidEventValue), StoredField.Value, "a number the activity carries"),
    ];

    public override IReadOnlyList<string> IdentityColumns => ["event_type", "user_id", "item_id", "timestamp"];

    // A separator that no type name contains, so "custom:a" and a type named "custom:a" cannot meet.
    public override string IdentityType(Interaction row) => $"{Name}:{row.EventType}";
}
