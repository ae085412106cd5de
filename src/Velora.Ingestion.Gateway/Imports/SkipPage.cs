namespace Velora.Ingestion.Gateway.Imports;

/// <summary>One page of <c>GET /v1/imports/{id}/failures?outcome=skipped</c>; pass <see cref="NextCursor"/> as <c>cursor</c> for the next.</summary>
public sealed record SkipPage(Guid ImportId, IReadOnlyList<SkippedItem> Items, string? NextCursor);
