using Velora.Ingestion.Tenants;

namespace Velora.Ingestion.Gateway.Tenants;

/// <summary>The store an API key belongs to, as <c>GET /v1/store</c> answers it.</summary>
public sealed record StoreDescription(Guid StoreId, string Name)
{
    public static StoreDescription Of(Tenant tenant) => new(tenant.Id, tenant.Name);
}
