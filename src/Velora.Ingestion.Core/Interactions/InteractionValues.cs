namespace Velora.Ingestion.Interactions;

/// <summary>The typed values of one row while it is validated: each rule sets the field its column stores.</summary>
public struct InteractionValues
{
    public DateTimeOffset? OccurredAt { get; set; }

    public int? Quantity { get; set; }

    public decimal? Price { get; set; }

    public decimal? Value { get; set; }

    public string? EventType { get; set; }
}
