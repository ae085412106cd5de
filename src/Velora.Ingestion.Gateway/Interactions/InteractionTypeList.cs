namespace Velora.Ingestion.Gateway.Interactions;

/// <summary>The body of <c>GET /v1/interaction-types</c>.</summary>
public sealed record InteractionTypeList(IReadOnlyList<InteractionTypeDescription> Items);
