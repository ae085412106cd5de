namespace Velora.Ingestion.Validation;

/// <summary>
/// A rejected row: its raw ids (empty when absent), one reason the store can act on, the header name of the field at
/// fault (null when the fault is the whole record) and the record's raw fields, kept so its failures can be fixed and
/// uploaded again.
/// </summary>
public sealed record RowFailure(long RowNumber, string UserId, string ItemId, RowError Error, string? Column, IReadOnlyList<string> Fields);
