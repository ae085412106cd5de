namespace Velora.Ingestion.Tenants;

/// <summary>An API key as an admin sees it: its id and dates, never the key.</summary>
public sealed record ApiKeyRecord(Guid Id, DateTime CreatedAt, DateTime? RevokedAt);
