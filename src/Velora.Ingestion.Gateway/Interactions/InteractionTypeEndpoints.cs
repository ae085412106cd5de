using Velora.Ingestion.Gateway.Tenants;
using Velora.Ingestion.Interactions;
using Velora.Ingestion.Resilience;

namespace Velora.Ingestion.Gateway.Interactions;

/// <summary>
/// <c>/v1/interaction-types</c>: what each type's files hold, read from the schemas, and the store's own settings per type
/// (its saved column mapping and its declared properties). Behind the API key filter.
/// </summary>
public static class InteractionTypeEndpoints
{
    public static IEndpointRouteBuilder MapInteractionTypeEndpoints(this IEndpointRouteBuilder routes)
    {
        var types = routes.MapGroup("/v1/interaction-types").AddEndpointFilter<ApiKeyFilter>();
        types.MapGet("/", ListAsync)
            .WithSummary("The interaction types, with their required and optional columns and rules")
            .WithDescription("Each type's columns (user_id and item_id first), whether they are required, their kind, rule and aliases, the columns of its identity, and the properties this store declared for it. Any other column of a file is kept as a text property.");
        types.MapGet("/{type}/sample", InteractionTypeSettingsEndpoints.GetSampleAsync)
            .WithSummary("A sample file of a type, as CSV")
            .WithDescription("Every column of the type and every property this store declared for it, three rows that import as they are.");
        types.MapPost("/{type}/header", InteractionTypeSettingsEndpoints.PreviewHeaderAsync)
            .WithSummary("Read a header as an upload of this type would")
            .WithDescription("Body {\"header\":[\"Kunde\",\"Artikel\"],\"mapping\":{\"Kunde\":\"user_id\"}}: the file's header names and the upload's own mapping (over the saved one). Answers what each column would be read as (column, or property with its kind, or neither: left out), or the error the file would fail with.");
        types.MapGet("/{type}/properties", InteractionTypeSettingsEndpoints.GetPropertiesAsync)
            .WithSummary("The properties this store declared for a type");
        types.MapPut("/{type}/properties", InteractionTypeSettingsEndpoints.PutPropertiesAsync)
            .WithSummary("Declare the properties of a type (replaces the list)")
            .WithDescription("Body {\"properties\":[{\"name\":\"basket_size\",\"kind\":\"number\",\"required\":false}]}; kind is text, number, boolean or timestamp. Declared properties are checked like built-in columns and stored typed in the JSON. Applies to imports planned from now on.");
        types.MapGet("/{type}/mapping", InteractionTypeSettingsEndpoints.GetMappingAsync)
            .WithSummary("The column mapping this store saved for a type");
        types.MapPut("/{type}/mapping", InteractionTypeSettingsEndpoints.PutMappingAsync)
            .WithSummary("Save the column mapping of a type (replaces it)")
            .WithDescription("Body {\"mapping\":{\"CustomerID\":\"user_id\",\"ProductID\":\"item_id\"}}: header names to Velora's columns (or to a property name; an empty target leaves the column out). An upload's own map= or mapping= entries win over it.");
        return routes;
    }

    static async Task<IResult> ListAsync(HttpContext http, InteractionSettings settings, IngestionPipelines pipelines)
    {
        var tenantId = http.Tenant().Id;
        var items = new List<InteractionTypeDescription>();
        foreach (var schema in InteractionSchemas.All)
        {
            var rules = await pipelines.Database.ExecuteAsync(async token => await settings.GetAsync(tenantId, schema.Name, token), http.RequestAborted);
            items.Add(InteractionTypeDescription.Of(schema, rules.Properties));
        }

        return Results.Ok(new InteractionTypeList(items));
    }
}
