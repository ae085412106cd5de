namespace Velora.Ingestion.Tenants;

/// <summary>A store that imports interactions; every import, failure and interaction belongs to one.</summary>
public sealed record Tenant(Guid Id, string Name);
