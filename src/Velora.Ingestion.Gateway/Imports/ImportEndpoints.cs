using Velora.Ingestion.Gateway.Tenants;

namespace Velora.Ingestion.Gateway.Imports;

/// <summary>The <c>/v1/imports</c> API; every route is behind the API key filter and scoped to the caller's tenant.</summary>
public static class ImportEndpoints
{
    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder routes)
    {
        var imports = routes.MapGroup("/v1/imports").AddEndpointFilter<ApiKeyFilter>();
        imports.MapPost("/", ImportUpload.HandleAsync);
        imports.MapGet("/", ImportQueries.ListAsync);
        imports.MapGet("/{id:guid}", ImportQueries.StatusAsync);
        imports.MapGet("/{id:guid}/failures", ImportQueries.FailuresAsync);
        return routes;
    }
}
