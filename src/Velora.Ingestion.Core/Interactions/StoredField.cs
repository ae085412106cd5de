namespace Velora.Ingestion.Interactions;

/// <summary>
/// The typed columns of <c>interactions</c> beside the ids, the key and the properties. A schema column names the one it
/// fills; the writer copies only the fields its schema stores.
/// </summary>
public enum StoredField
{
    /// <summary>The column is checked but not stored in a typed column of its own.</summary>
    None,

    /// <summary><c>occurred_at timestamptz</c>: part of the identity.</summary>
    OccurredAt,

    /// <summary><c>quantity integer</c>.</summary>
    Quantity,

    /// <summary><c>price numeric(19, 4)</c>.</summary>
    Price,

    /// <summary><c>value numeric(19, 4)</c>: a rating, or a custom event's value.</summary>
    Value,

    /// <summary><c>event_type text</c>: a custom event's name, part of its identity.</summary>
    EventType,
}
