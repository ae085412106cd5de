using System.Text.Json.Serialization;

namespace Velora.Ingestion.Contracts;

/// <summary>One rejected row: where it was, what it held and why it was rejected.</summary>
/// <remarks>
/// <see cref="Timestamp"/> is when the row was rejected, UTC, ISO-8601 with <c>Z</c> (e.g. <c>2025-08-22T15:12:00Z</c>).
/// <see cref="Code"/> is one of <see cref="FailureCodes"/>; <see cref="Column"/> is the file's header name of the field at
/// fault (null when the fault is the whole record). Both are null for failures recorded before they were (schema 14).
/// </remarks>
public sealed record FailedItem(
    [property: JsonPropertyName("row_number")] long RowNumber,
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("item_id")] string ItemId,
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("timestamp")] string Timestamp)
{
    [JsonPropertyName("column")]
    public string? Column { get; init; }

    [JsonPropertyName("code")]
    public string? Code { get; init; }
}
