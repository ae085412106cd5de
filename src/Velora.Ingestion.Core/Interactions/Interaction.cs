namespace Velora.Ingestion.Interactions;

/// <summary>A row that passed validation, with its values in their stored form (fields its type does not store are null).</summary>
public sealed record Interaction(
    long RowNumber,
    string UserId,
    string ItemId,
    DateTimeOffset? OccurredAt,
    int? Quantity,
    decimal? Price,
    string? PropertiesJson,
    decimal? Value = null,
    string? EventType = null);
