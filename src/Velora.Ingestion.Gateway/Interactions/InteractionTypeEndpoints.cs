using Velora.Ingestion.Gateway.Tenants;
using Velora.Ingestion.Interactions;

namespace Velora.Ingestion.Gateway.Interactions;

/// <summary><c>/v1/interaction-types</c>: what each type's files hold, read from the schemas (behind the API key filter).</summary>
public static class InteractionTypeEndpoints
{
    public static IEndpointRouteBuilder MapInteractionTypeEndpoints(this IEndpointRouteBuilder routes)
    {
        var types = routes.MapGroup("/v1/interaction-types").AddEndpointFilter<ApiKeyFilter>();
        types.MapGet("/", () => Results.Ok(new InteractionTypeList([.. InteractionSchemas.All.Select(InteractionTypeDescription.Of)])))
            .WithSummary("The interaction types, with their required and optional columns and rules")
            .WithDescription("Each type's columns (user_id and item_id first), whether they are required, their kind and rule, and the columns of its identity. Any other column of a file is kept as a property.");
        return routes;
    }
}
