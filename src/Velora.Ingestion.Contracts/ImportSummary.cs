using System.Text.Json.Serialization;

namespace Velora.Ingestion.Contracts;

/// <summary>The result summary stores rely on; field names are part of the public contract.</summary>
public sealed record ImportSummary(
    [property: JsonPropertyName("processed")] long Processed,
    [property: JsonPropertyName("succeeded")] long Succeeded,
    [property: JsonPropertyName("skipped")] long Skipped,
    [property: JsonPropertyName("failed")] long Failed,
    [property: JsonPropertyName("success_rate")] string SuccessRate,
    [property: JsonPropertyName("completion_rate")] string CompletionRate,
    [property: JsonPropertyName("failed_items")] IReadOnlyList<FailedItem> FailedItems,
    [property: JsonPropertyName("has_more_failures")] bool HasMoreFailures)
{
    /// <summary>The skipped rows by reason; null for imports counted before reasons were recorded.</summary>
    [JsonPropertyName("skipped_by_reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SkipReasons? SkippedByReason { get; init; }
}
