using MassTransit;
using Microsoft.Extensions.Options;
using Velora.Ingestion.Contracts;
using Velora.Ingestion.Gateway.Tenants;
using Velora.Ingestion.Jobs;
using Velora.Ingestion.Messaging;
using Velora.Ingestion.Parsing;
using Velora.Ingestion.Resilience;

namespace Velora.Ingestion.Gateway.Imports;

/// <summary>
/// <c>POST /v1/imports/{id}/commit</c>: imports a validated dry run for real, from the file it stored, without a second
/// upload. 202 with the new import (Location: its status), again the same import for a dry run committed before,
/// 409 for a dry run not validated (yet, or its file failed) or an import that is no dry run, 429 at the store's limit,
/// 503 when the broker refuses the request (the commit is withdrawn: commit again later).
/// </summary>
public static class ImportCommitEndpoint
{
    public static async Task<IResult> HandleAsync(
        Guid id, HttpContext http, DryRuns dryRuns, TenantImports imports, ImportStatusReader reader, IPublishEndpoint publisher, IngestionPipelines pipelines,
        IOptions<GatewayOptions> options, ILogger<DryRuns> logger)
    {
        var tenantId = http.Tenant().Id;
        var limits = options.Value;
        var importId = Guid.CreateVersion7();
        var commit = await pipelines.Database.ExecuteAsync(
            async token => await dryRuns.CommitAsync(tenantId, id, importId, limits.MaxActiveImportsPerTenant, token), http.RequestAborted);
        switch (commit.Result)
        {
            case DryRunCommit.Outcome.NotFound:
                return ImportQueries.NotFound(id);
            case DryRunCommit.Outcome.NotADryRun:
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not a dry run", detail: $"Import {id} was uploaded to be stored, not validated: there is nothing to commit.");
            case DryRunCommit.Outcome.NotValidated:
                return Results.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "Dry run not validated",
                    detail: commit.Status switch
                    {
                        ImportStatus.Failed => $"Dry run {id} failed as a whole file; fix the file and upload it again.",
                        ImportStatus.Refused => $"Dry run {id} was refused when it was uploaded; upload it again.",
                        _ => $"Dry run {id} is {commit.Status}; commit it once it is validated.",
                    });
            case DryRunCommit.Outcome.TenantAtLimit:
                return ImportUpload.TooManyImports(http, limits);
            case DryRunCommit.Outcome.AlreadyCommitted:
                return Results.Accepted($"/v1/imports/{commit.ImportId}", await reader.ReadAsync(tenantId, commit.ImportId!.Value, http.RequestAborted));
        }

        var job = (await pipelines.Database.ExecuteAsync(async token => await imports.FindAsync(tenantId, importId, token), http.RequestAborted))!;
        try
        {
            using var timeout = new CancellationTokenSource(limits.PublishTimeout);
            var mapping = ColumnMapping.FromJson(job.Mapping);
            await publisher.Publish(
                new ImportRequested(importId, tenantId, job.InteractionType, job.BlobKey, job.FileName, job.Delimiter, job.Encoding, mapping.IsEmpty ? null : mapping.Targets),
                context => context.MessageId = MessageIds.ImportRequested(importId),
                timeout.Token);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Dry run {DryRunId}: the commit's import {ImportId} could not be published", id, importId);
            if (await pipelines.Database.ExecuteAsync(async t => await dryRuns.WithdrawAsync(tenantId, id, importId, t), CancellationToken.None))
            {
                http.Response.Headers.RetryAfter = "30";
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Commit unavailable", detail: "The message broker did not accept the request; nothing was imported. Retry later.");
            }

            // The broker delivered it after all and a worker started it: it runs.
        }

        logger.LogInformation("Dry run {DryRunId} committed as import {ImportId}", id, importId);
        return Results.Accepted($"/v1/imports/{importId}", await reader.ReadAsync(tenantId, importId, http.RequestAborted));
    }
}
