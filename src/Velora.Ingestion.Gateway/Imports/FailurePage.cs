using Velora.Ingestion.Contracts;

namespace Velora.Ingestion.Gateway.Imports;

/// <summary>One page of <c>GET /v1/imports/{id}/failures</c>; pass <see cref="NextCursor"/> as <c>cursor</c> for the next.</summary>
public sealed record FailurePage(Guid ImportId, IReadOnlyList<FailedItem> Items, string? NextCursor);
