using Velora.Ingestion.Resilience;
using Velora.Ingestion.Tenants;

namespace Velora.Ingestion.Gateway.Tenants;

/// <summary>Resolves the <c>X-Api-Key</c> header to exactly one tenant; every import endpoint runs behind it.</summary>
public sealed class ApiKeyFilter(TenantStore tenants, IngestionPipelines pipelines) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[HeaderName].ToString();
        var tenant = key.Length is > 0 and <= 256
            ? await pipelines.Database.ExecuteAsync(async token => await tenants.FindByApiKeyAsync(key, token), http.RequestAborted)
            : null;
        if (tenant is null)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: $"A valid API key is required in the {HeaderName} header.");
        }

        http.Items[typeof(Tenant)] = tenant;
        return await next(context);
    }
}
