using MassTransit;
using Microsoft.Extensions.Options;
using Velora.Ingestion.Blobs;
using Velora.Ingestion.Contracts;
using Velora.Ingestion.Gateway.Tenants;
using Velora.Ingestion.Jobs;
using Velora.Ingestion.Messaging;
using Velora.Ingestion.Resilience;
using Velora.Ingestion.Telemetry;

namespace Velora.Ingestion.Gateway.Imports;

/// <summary>
/// <c>POST /v1/imports</c>: streams the file into the blob store, records the job and publishes ImportRequested.
/// If the broker cannot take the request, the client gets 503, the job is recorded as refused and the file removed:
/// an upload is either accepted and queued, or refused and never run (even if the broker took it after all).
/// </summary>
public static class ImportUpload
{
    public static async Task<IResult> HandleAsync(
        HttpContext http,
        string? type,
        IBlobStore blobs,
        ImportJobStore jobs,
        IPublishEndpoint publisher,
        IngestionPipelines pipelines,
        IngestionMetrics metrics,
        IOptions<GatewayOptions> options,
        ILogger<ImportUploadLog> logger)
    {
        var tenant = http.Tenant();
        var interactionType = string.IsNullOrWhiteSpace(type) ? "purchase" : type.Trim().ToLowerInvariant();
        if (interactionType != "purchase")
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unsupported interaction type", detail: $"type '{interactionType}' is not supported; use type=purchase.");
        }

        var token = http.RequestAborted;
        var importId = Guid.CreateVersion7();
        var blobKey = BlobKeys.ForImport(tenant.Id, importId);
        using var scope = logger.BeginScope("ImportId:{ImportId} TenantId:{TenantId}", importId, tenant.Id);
        string? fileName;
        long size;
        try
        {
            var upload = await UploadSource.FromAsync(http.Request, token);
            if (upload is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No file", detail: "Send the file as the multipart field 'file' or as a text/csv body.");
            }

            fileName = UploadSource.CleanFileName(upload.FileName);
            size = await blobs.WriteAsync(blobKey, upload.Content, token);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await blobs.DeleteAsync(blobKey, CancellationToken.None);
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large", detail: $"Uploads are limited to {options.Value.MaxUploadBytes} bytes.");
        }

        // Idempotent (ON CONFLICT DO NOTHING), so a transient fault may re-run it.
        await pipelines.Database.ExecuteAsync(async t => await jobs.CreateAsync(importId, tenant.Id, interactionType, blobKey, fileName, size, t), token);
        try
        {
            // Not linked to the request: a client that hangs up must not leave a job neither accepted nor refused.
            using var timeout = new CancellationTokenSource(options.Value.PublishTimeout);
            await publisher.Publish(
                new ImportRequested(importId, tenant.Id, interactionType, blobKey, fileName),
                context => context.MessageId = MessageIds.ImportRequested(importId),
                timeout.Token);
        }
        catch (Exception e)
        {
            if (!await jobs.RefuseQueuedAsync(importId, "Refused: the message broker was unavailable when the file was uploaded", CancellationToken.None))
            {
                // The broker delivered the request after all and a worker started it: it runs, so it is accepted.
                logger.LogWarning(e, "Import {ImportId}: the publish was not confirmed in time, but a worker already started the import", importId);
                return Results.Accepted($"/v1/imports/{importId}", new { import_id = importId, status = ImportStatus.Running, location = $"/v1/imports/{importId}" });
            }

            logger.LogError(e, "Import {ImportId} refused: ImportRequested could not be published", importId);
            await blobs.DeleteAsync(blobKey, CancellationToken.None);

            http.Response.Headers.RetryAfter = "30";
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Import service unavailable", detail: "The message broker did not accept the request; the import will not run. Retry later.");
        }

        metrics.ImportAccepted();
        logger.LogInformation("Import {ImportId} accepted: {Bytes} bytes from {FileName}", importId, size, fileName);
        var location = $"/v1/imports/{importId}";
        return Results.Accepted(location, new { import_id = importId, status = ImportStatus.Queued, location });
    }
}

/// <summary>Log category of the upload endpoint.</summary>
public sealed class ImportUploadLog;
