using Velora.Ingestion.Erasure;
using Velora.Ingestion.Gateway.Tenants;
using Velora.Ingestion.Interactions.Rules;
using Velora.Ingestion.Resilience;

namespace Velora.Ingestion.Gateway.Erasures;

/// <summary>
/// <c>/v1/erasures</c>: a store erases customers on request (GDPR). Every interaction of the users goes, their id is
/// redacted in recorded failures, and a tombstone keeps later imports of old exports from bringing them back.
/// </summary>
public static class ErasureEndpoints
{
    public static IEndpointRouteBuilder MapErasureEndpoints(this IEndpointRouteBuilder routes)
    {
        var erasures = routes.MapGroup("/v1/erasures").AddEndpointFilter<ApiKeyFilter>();
        erasures.MapPost("/", EraseAsync)
            .WithSummary("Erase users of this store")
            .WithDescription($"Body {{\"user_ids\":[\"u1\",\"u2\"]}} (1 to {UserErasures.MaxUsers}). Deletes every interaction of those users, redacts their id in recorded failures, and skips their rows in later imports (skipped_by_reason.erased_user). All or nothing, safe to send again. 201 with the erasure's counts and Location.");
        erasures.MapGet("/{id:guid}", FindAsync)
            .WithSummary("One erasure and its counts")
            .WithDescription("404 for another store's erasure.");
        return routes;
    }

    static async Task<IResult> EraseAsync(ErasureRequest body, HttpContext http, UserErasures erasures, IngestionPipelines pipelines)
    {
        var users = (body.UserIds ?? []).Select(u => u?.Trim() ?? string.Empty).ToArray();
        if (users.Length is 0 or > UserErasures.MaxUsers)
        {
            return Invalid($"user_ids is a list of 1 to {UserErasures.MaxUsers} user ids");
        }

        if (users.Select(u => IdRule.Check("user_id", u)).FirstOrDefault(e => e is not null) is { } error)
        {
            return Invalid(error.Message);
        }

        var tenantId = http.Tenant().Id;
        var erasure = await pipelines.Database.ExecuteAsync(async token => await erasures.EraseAsync(tenantId, users, token), http.RequestAborted);
        return Results.Created($"/v1/erasures/{erasure.Id}", ErasureResponse.Of(erasure));
    }

    static async Task<IResult> FindAsync(Guid id, HttpContext http, UserErasures erasures, IngestionPipelines pipelines)
    {
        var tenantId = http.Tenant().Id;
        return await pipelines.Database.ExecuteAsync(async token => await erasures.FindAsync(tenantId, id, token), http.RequestAborted) is { } erasure
            ? Results.Ok(ErasureResponse.Of(erasure))
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Erasure not found", detail: $"No erasure {id} for this API key.");
    }

    static IResult Invalid(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid erasure", detail: detail);
}

/// <summary>The body of <c>POST /v1/erasures</c>.</summary>
public sealed record ErasureRequest(IReadOnlyList<string?>? UserIds);
