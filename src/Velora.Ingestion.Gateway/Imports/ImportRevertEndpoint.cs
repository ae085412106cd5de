using MassTransit;
using Microsoft.Extensions.Options;
using Velora.Ingestion.Contracts;
using Velora.Ingestion.Gateway.Reverts;
using Velora.Ingestion.Gateway.Tenants;
using Velora.Ingestion.Messaging;
using Velora.Ingestion.Resilience;

namespace Velora.Ingestion.Gateway.Imports;

/// <summary>
/// <c>POST /v1/imports/{id}/revert</c>: marks an ended import <c>reverting</c> and asks the workers to remove exactly the
/// rows it stored. 202 with the status while it runs (again for a revert already running: the request is sent again,
/// which is safe), 200 for an import reverted already (nothing changes), 409 for an import still queued or running and
/// for one that stored nothing (a validated dry run, a refused upload).
/// </summary>
public static class ImportRevertEndpoint
{
    public static async Task<IResult> HandleAsync(
        Guid id, HttpContext http, RevertRequests reverts, ImportStatusReader reader, IPublishEndpoint publisher, IngestionPipelines pipelines,
        IOptions<GatewayOptions> options, ILogger<ImportRevertRequested> logger)
    {
        var tenantId = http.Tenant().Id;
        var request = await pipelines.Database.ExecuteAsync(async token => await reverts.RequestAsync(tenantId, id, token), http.RequestAborted);
        switch (request)
        {
            case RevertRequest.NotFound:
                return ImportQueries.NotFound(id);
            case RevertRequest.NotEnded:
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Import not ended", detail: "Only an import that has ended can be reverted; try again when it has.");
            case RevertRequest.NotRevertible:
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Nothing to revert", detail: "This import stored nothing (a dry run, or an upload refused before it ran), so there is nothing to revert.");
            case RevertRequest.AlreadyReverted:
                return Results.Ok(await reader.ReadAsync(tenantId, id, http.RequestAborted));
        }

        // Read before the request travels: a small import's revert can end before an answer read after it, and a 202 says
        // the revert was taken on (reverting), not how far the workers got since.
        var accepted = await reader.ReadAsync(tenantId, id, http.RequestAborted);
        try
        {
            using var timeout = new CancellationTokenSource(options.Value.PublishTimeout);
            await publisher.Publish(new ImportRevertRequested(id, tenantId), context => context.MessageId = MessageIds.ImportRevertRequested(id), timeout.Token);
        }
        catch (Exception e) when (request == RevertRequest.Started)
        {
            logger.LogError(e, "Import {ImportId}: the revert request could not be published", id);
            if (!await pipelines.Database.ExecuteAsync(async token => await reverts.WithdrawAsync(tenantId, id, token), CancellationToken.None))
            {
                // The broker delivered it after all and a worker already reverted a chunk: it runs.
                return Results.Accepted($"/v1/imports/{id}", await reader.ReadAsync(tenantId, id, http.RequestAborted));
            }

            http.Response.Headers.RetryAfter = "30";
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Revert unavailable", detail: "The message broker did not accept the request; nothing was reverted. Retry later.");
        }

        logger.LogInformation("Import {ImportId}: revert requested", id);
        return Results.Accepted($"/v1/imports/{id}", accepted);
    }
}
