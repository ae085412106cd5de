namespace Velora.Ingestion.Validation;

/// <summary>A purchase row that passed validation, with its values in their stored form.</summary>
public sealed record PurchaseInteraction(
    long RowNumber,
    string UserId,
    string ItemId,
    DateTimeOffset? OccurredAt,
    int? Quantity,
    decimal? Price,
    string? PropertiesJson);
