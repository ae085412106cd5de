namespace Velora.Ingestion.Gateway.Tenants;

/// <summary><c>GET /v1/store</c>: which store an API key belongs to, so that a client (the console's sign-in) can check a key and greet the store.</summary>
public static class StoreEndpoints
{
    public static IEndpointRouteBuilder MapStoreEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/store", (HttpContext http) => Results.Ok(StoreDescription.Of(http.Tenant())))
            .AddEndpointFilter<ApiKeyFilter>()
            .WithSummary("The store of the API key")
            .WithDescription("Its id and name; 401 for a key that is not valid. Header X-Api-Key.");
        return routes;
    }
}
