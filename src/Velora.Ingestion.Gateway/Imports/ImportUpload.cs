using MassTransit;
using Microsoft.Extensions.Options;
using Npgsql;
using Velora.Ingestion.Blobs;
using Velora.Ingestion.Contracts;
using Velora.Ingestion.Gateway.Tenants;
using Velora.Ingestion.Interactions;
using Velora.Ingestion.Jobs;
using Velora.Ingestion.Messaging;
using Velora.Ingestion.Parsing;
using Velora.Ingestion.Resilience;
using Velora.Ingestion.Telemetry;

namespace Velora.Ingestion.Gateway.Imports;

/// <summary>
/// <c>POST /v1/imports</c>: streams the file into the blob store, records the job and publishes ImportRequested.
/// If the broker cannot take the request, the client gets 503, the job is recorded as refused and the file removed:
/// an upload is either accepted and queued, or refused and never run (even if the broker took it after all).
/// A store with <c>Gateway:MaxActiveImportsPerTenant</c> imports queued (uploads in progress included) or running gets 429
/// before its body is read, so no store can fill the disk or the workers' queue alone. With <c>wait=SECONDS</c> (at most
/// 60) it answers 200 with the final status when the import ends within that time. With an <c>Idempotency-Key</c>,
/// a repeat of the same request answers with the first import (<see cref="IdempotentUpload"/>).
/// </summary>
public static class ImportUpload
{
    public static async Task<IResult> HandleAsync(
        HttpContext http,
        string? type,
        string? delimiter,
        string? encoding,
        string? mapping,
        [Microsoft.AspNetCore.Mvc.FromQuery] string[]? map,
        int? wait,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "parent_id")] Guid? parentId,
        string? mode,
        IBlobStore blobs,
        TenantImports imports,
        IPublishEndpoint publisher,
        IngestionPipelines pipelines,
        IngestionMetrics metrics,
        ImportStatusReader reader,
        UploadIdempotency idempotency,
        DryRuns dryRuns,
        TimeProvider time,
        IOptions<GatewayOptions> options,
        ILogger<ImportUploadLog> logger)
    {
        var tenant = http.Tenant();
        var limits = options.Value;
        var interactionType = string.IsNullOrWhiteSpace(type) ? InteractionSchemas.Default.Name : type.Trim().ToLowerInvariant();
        if (!InteractionSchemas.TryGet(interactionType, out _))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unsupported interaction type", detail: InteractionSchemas.Unsupported(interactionType));
        }

        if (!ImportOptions.TryParse(delimiter, encoding, mapping, map ?? [], out var fileOptions, out var formatError))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unsupported file options", detail: formatError);
        }

        if (mode is not (null or ImportModes.Import or ImportModes.Validate))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown mode", detail: "mode is import (the default) or validate (a dry run that stores nothing).");
        }

        var dryRun = mode == ImportModes.Validate;
        if (wait is < 0 or > ImportStatusReader.MaxWaitSeconds)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid wait", detail: $"wait is a number of seconds from 0 to {ImportStatusReader.MaxWaitSeconds}.");
        }

        if (parentId is { } parent
            && await pipelines.Database.ExecuteAsync(async t => await imports.FindAsync(tenant.Id, parent, t), http.RequestAborted) is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown parent import", detail: $"parent_id {parent} is no import of this store.");
        }

        if (!IdempotentUpload.TryRead(http.Request, out var idempotencyKey, out var keyRefusal))
        {
            return keyRefusal!;
        }

        var token = http.RequestAborted;
        var importId = Guid.CreateVersion7();
        var blobKey = BlobKeys.ForImport(tenant.Id, importId);
        using var scope = logger.BeginScope("ImportId:{ImportId} TenantId:{TenantId}", importId, tenant.Id);

        // A key another request holds (at the same moment, or within 24 h): that request's import is the answer.
        if (idempotencyKey is not null
            && await pipelines.Database.ExecuteAsync(async t => await idempotency.ClaimAsync(tenant.Id, idempotencyKey, importId, t), token) is not null)
        {
            return await IdempotentUpload.ReplayAsync(http, FingerprintType(interactionType, dryRun), fileOptions, idempotencyKey, wait, idempotency, reader, limits, time);
        }

        // The key's fingerprint is recorded once the import is accepted (published): a repeat never answers with an
        // import that was refused after all.
        async Task CompleteKeyAsync(UploadReceipt received)
        {
            if (idempotencyKey is not null)
            {
                var fingerprint = IdempotentUpload.Fingerprint(FingerprintType(interactionType, dryRun), fileOptions, received.FileName, received.ContentSha256!);
                await pipelines.Database.ExecuteAsync(async t => await idempotency.CompleteAsync(tenant.Id, idempotencyKey, importId, fingerprint, t), CancellationToken.None);
            }
        }

        // An upload that is refused gives its key back, so that the same request may be sent again.
        async Task ReleaseKeyAsync()
        {
            if (idempotencyKey is not null)
            {
                try
                {
                    await pipelines.Database.ExecuteAsync(async t => await idempotency.ReleaseAsync(tenant.Id, idempotencyKey, importId, t), CancellationToken.None);
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException)
                {
                    logger.LogWarning(e, "Import {ImportId}: the Idempotency-Key of a refused upload could not be given back", importId);
                }
            }
        }

        // The upload takes its place among the store's active imports before its body is read: a store at its limit
        // costs no upload, and parallel uploads cannot overshoot (the count and the insert are serialised per store).
        var admission = await pipelines.Database.ExecuteAsync(
            async t => await imports.CreateAsync(tenant.Id, importId, interactionType, blobKey, null, fileOptions, null, limits.MaxActiveImportsPerTenant, received: false, t), token);
        if (admission == ImportAdmission.TenantAtLimit)
        {
            await ReleaseKeyAsync();
            return TooManyImports(http, limits);
        }

        if (dryRun)
        {
            await pipelines.Database.ExecuteAsync(async t => await dryRuns.MarkAsync(tenant.Id, importId, t), token);
        }

        if (parentId is { } corrected)
        {
            await pipelines.Database.ExecuteAsync(async t => await imports.LinkCorrectionAsync(tenant.Id, importId, corrected, t), token);
        }

        UploadReceipt receipt;
        try
        {
            receipt = await UploadReceiver.ReceiveAsync(http.Request, blobs, blobKey, limits, hashContent: idempotencyKey is not null, token);
        }
        catch
        {
            // The client went away mid-body (or the store failed): the place is given back, the partial file is gone.
            await GiveBackAsync(imports, pipelines, tenant.Id, importId, logger);
            await ReleaseKeyAsync();
            throw;
        }

        if (receipt.Refusal is not null)
        {
            await GiveBackAsync(imports, pipelines, tenant.Id, importId, logger);
            await ReleaseKeyAsync();
            return receipt.Refusal;
        }

        // Not linked to the request from here on: a file that arrived is accepted or refused, never left half-recorded.
        await pipelines.Database.ExecuteAsync(async t => await imports.MarkReceivedAsync(tenant.Id, importId, receipt.FileName, receipt.Size, t), CancellationToken.None);
        try
        {
            // Not linked to the request: a client that hangs up must not leave a job neither accepted nor refused.
            using var timeout = new CancellationTokenSource(limits.PublishTimeout);
            await publisher.Publish(
                new ImportRequested(importId, tenant.Id, interactionType, blobKey, receipt.FileName, fileOptions.Delimiter?.ToString(), fileOptions.Encoding,
                    fileOptions.ColumnMapping.IsEmpty ? null : fileOptions.ColumnMapping.Targets),
                context => context.MessageId = MessageIds.ImportRequested(importId),
                timeout.Token);
        }
        catch (Exception e)
        {
            if (!await pipelines.Database.ExecuteAsync(
                    async t => await imports.RefuseQueuedAsync(tenant.Id, importId, "Refused: the message broker was unavailable when the file was uploaded", t), CancellationToken.None))
            {
                // The broker delivered the request after all and a worker started it: it runs, so it is accepted.
                logger.LogWarning(e, "Import {ImportId}: the publish was not confirmed in time, but a worker already started the import", importId);
                await CompleteKeyAsync(receipt);
                return Results.Accepted($"/v1/imports/{importId}", new { import_id = importId, status = ImportStatus.Running, location = $"/v1/imports/{importId}" });
            }

            logger.LogError(e, "Import {ImportId} refused: ImportRequested could not be published", importId);
            await blobs.DeleteAsync(blobKey, CancellationToken.None);
            await ReleaseKeyAsync();

            http.Response.Headers.RetryAfter = "30";
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Import service unavailable", detail: "The message broker did not accept the request; the import will not run. Retry later.");
        }

        await CompleteKeyAsync(receipt);
        metrics.ImportAccepted();
        logger.LogInformation("Import {ImportId} accepted: {Bytes} bytes from {FileName}", importId, receipt.Size, receipt.FileName);
        var location = $"/v1/imports/{importId}";

        // A small file asked to be waited for: the final status if it ends in time, else the usual 202 to poll.
        if (wait is > 0 && await reader.WaitForEndAsync(tenant.Id, importId, TimeSpan.FromSeconds(wait.Value), token) is { } final)
        {
            http.Response.Headers.Location = location;
            return Results.Ok(final);
        }

        return Results.Accepted(location, new { import_id = importId, status = ImportStatus.Queued, location });
    }

    // A dry run and an import of the same file are different requests: one key cannot answer for both.
    static string FingerprintType(string interactionType, bool dryRun) => dryRun ? $"{interactionType}\nmode={ImportModes.Validate}" : interactionType;

    static async Task GiveBackAsync(TenantImports imports, IngestionPipelines pipelines, Guid tenantId, Guid importId, ILogger logger)
    {
        try
        {
            await pipelines.Database.ExecuteAsync(async t => await imports.DiscardUploadAsync(tenantId, importId, t), CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // The worker's sweeper ends it after Worker:AbandonedUploadAfter.
            logger.LogWarning(e, "Import {ImportId}: the place of a refused upload could not be given back", importId);
        }
    }

    /// <summary>429 for a store at <c>Gateway:MaxActiveImportsPerTenant</c>, with Retry-After: an upload, or the commit of a dry run.</summary>
    internal static IResult TooManyImports(HttpContext http, GatewayOptions limits)
    {
        http.Response.Headers.RetryAfter = limits.BusyRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many imports",
            detail: $"This API key's store already has {limits.MaxActiveImportsPerTenant} imports queued or running; retry when one has ended.");
    }
}

/// <summary>Log category of the upload endpoint.</summary>
public sealed class ImportUploadLog;
