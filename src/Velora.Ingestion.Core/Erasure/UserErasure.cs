namespace Velora.Ingestion.Erasure;

/// <summary>One erasure as <c>GET /v1/erasures/{id}</c> shows it: how many users, how many interactions deleted, how many failures redacted.</summary>
public sealed record UserErasure(Guid Id, int UserCount, long RowsDeleted, long FailuresRedacted, DateTime CreatedAt, DateTime CompletedAt);
