using Velora.Ingestion.Validation;

namespace Velora.Ingestion.Interactions.Rules;

/// <summary>A custom event's name: like an id, but shorter; stored as <c>event_type</c> and part of the identity.</summary>
public sealed class NameRule(string column, int maxLength) : ColumnRule
{
    public override string Description => $"non-empty text, at most {maxLength} characters, no control characters";

    public override string Kind => "text";

    public override string Example(int row) => row % 2 == 0 ? "wishlist" : "share";

    public override RowError? Apply(string text, ValueFormat format, ref InteractionValues values)
    {
        var error = IdRule.Check(column, text, maxLength);
        if (error is null)
        {
            values.EventType = text;
        }

        return error;
    }
}
