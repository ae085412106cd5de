namespace Velora.Ingestion.Gateway.Imports;

/// <summary>One page of <c>GET /v1/imports</c>, newest first; pass <see cref="NextCursor"/> as <c>cursor</c> for the next.</summary>
public sealed record ImportPage(IReadOnlyList<ImportListItem> Items, string? NextCursor);
