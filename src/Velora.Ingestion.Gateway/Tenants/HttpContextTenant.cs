using Velora.Ingestion.Tenants;

namespace Velora.Ingestion.Gateway.Tenants;

/// <summary>Reads the tenant that <see cref="ApiKeyFilter"/> resolved for this request.</summary>
public static class HttpContextTenant
{
    public static Tenant Tenant(this HttpContext context) =>
        context.Items[typeof(Tenant)] as Tenant ?? throw new InvalidOperationException("The request has no tenant: is ApiKeyFilter missing?");
}
