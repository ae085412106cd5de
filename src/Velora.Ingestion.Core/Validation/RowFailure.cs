namespace Velora.Ingestion.Validation;

/// <summary>A rejected row: its raw ids (empty when absent) and one reason the store can act on.</summary>
public sealed record RowFailure(long RowNumber, string UserId, string ItemId, string Error);
