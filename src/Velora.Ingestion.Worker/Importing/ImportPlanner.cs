using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Velora.Ingestion.Batching;
using Velora.Ingestion.Blobs;
using Velora.Ingestion.Contracts;
using Velora.Ingestion.Interactions;
using Velora.Ingestion.Jobs;
using Velora.Ingestion.Parsing;
using Velora.Ingestion.Resilience;
using Velora.Ingestion.Tenants;
using Velora.Ingestion.Worker.Completion;

namespace Velora.Ingestion.Worker.Importing;

/// <summary>
/// Plans an import once: finds the job a request names (recording it when another Velora service published the request
/// directly), checks the file as a whole, records its chunks, and says which chunks to send now. Only a window of
/// chunks is sent (<c>Worker:ChunksInFlightPerImport</c>); each finished chunk sends the next (<see cref="ChunkImporter"/>).
/// Safe to run again for the same import (a redelivery, or the same request published twice): the first plan is kept,
/// chunks sent but not done are listed again, and the window is filled up.
/// </summary>
public sealed class ImportPlanner(
    ImportJobStore jobs,
    TenantImports tenantImports,
    TenantStore tenants,
    InteractionSettings settings,
    IBlobStore blobs,
    ImportCompletionPublisher completions,
    IOptions<WorkerOptions> options,
    IOptions<ImportLimits> limits,
    ILogger<ImportPlanner> logger)
{
    /// <returns>The job (null when the request is to be ignored) and the chunks to send now (none once it ended).</returns>
    public async Task<(ImportJob? Job, IReadOnlyList<int> Pending)> PrepareAsync(ImportRequested request, IPublishEndpoint publisher, CancellationToken token)
    {
        var job = await FindOrCreateJobAsync(request, token);
        if (job is null)
        {
            return (null, []);
        }

        if (ImportStatus.IsActive(job.Status) && job.ChunkCount is null)
        {
            try
            {
                await PlanAsync(job, OptionsError(request, job), token);
            }
            catch (Exception e) when (e is not OperationCanceledException && !TransientFaults.IsTransient(e))
            {
                // Not a file problem and not transient: fail the job clearly; the message goes to import-requested_error.
                await FailAsync(publisher, job.Id, e, $"The import could not be planned ({e.GetType().Name}); the request is kept in the import-requested_error queue");
                throw;
            }
        }

        // A job that ended or is being reverted sends no chunk: a late request must not start rows again.
        return (job, ImportStatus.IsActive(job.Status) ? await jobs.ChunksToPublishAsync(job.Id, options.Value.ChunksInFlightPerImport, token) : []);
    }

    /// <summary>Ends the import with <paramref name="reason"/> and announces it (retrying transient database faults).</summary>
    public async Task FailAsync(IPublishEndpoint publisher, Guid importId, Exception cause, string reason)
    {
        logger.LogError(cause, "Import {ImportId} fails: {Reason}", importId, reason);
        await completions.FailAndAnnounceAsync(importId, reason, publisher, logger);
    }

    async Task<ImportJob?> FindOrCreateJobAsync(ImportRequested request, CancellationToken token)
    {
        var job = await jobs.FindAsync(request.ImportId, token);
        if (job is null)
        {
            // Published directly by another Velora service: the job is recorded here.
            if (!await tenants.ExistsAsync(request.TenantId, token))
            {
                throw new InvalidOperationException($"ImportRequested {request.ImportId} names unknown tenant {request.TenantId}");
            }

            // No per-tenant limit here: the publishing service is trusted to pace itself; the gateway limits stores.
            // Options it got wrong are recorded as "detect" and fail the job when it is planned (OptionsError).
            ImportOptions.TryParse(request.Delimiter, request.Encoding, MappingJson(request), [], out var options, out _);
            await tenantImports.CreateAsync(
                request.TenantId, request.ImportId, request.InteractionType ?? string.Empty, request.BlobKey ?? string.Empty, request.FileName, options, null,
                maxActive: null, received: true, token);
            job = await jobs.FindAsync(request.ImportId, token);
        }

        if (job is null || job.TenantId != request.TenantId)
        {
            logger.LogError("Import {ImportId} belongs to another tenant; request ignored", request.ImportId);
            return null;
        }

        return job;
    }

    /// <summary>Why a direct request's delimiter or encoding cannot be used; the gateway refuses such uploads with 400.</summary>
    static string? OptionsError(ImportRequested request, ImportJob job) =>
        job.Delimiter is null && job.Encoding is null && job.Mapping is null
        && !ImportOptions.TryParse(request.Delimiter, request.Encoding, MappingJson(request), [], out _, out var error) ? error : null;

    static string? MappingJson(ImportRequested request) =>
        request.Mapping is null ? null : System.Text.Json.JsonSerializer.Serialize(request.Mapping);

    async Task PlanAsync(ImportJob job, string? optionsError, CancellationToken token)
    {
        await jobs.MarkRunningAsync(job.Id, token);
        try
        {
            if (optionsError is not null)
            {
                throw new ImportFileException($"The request's {optionsError}");
            }

            if (!InteractionSchemas.TryGet(job.InteractionType, out var schema))
            {
                throw new ImportFileException(InteractionSchemas.Unsupported(job.InteractionType));
            }

            if (!BlobKeys.IsSafe(job.BlobKey) || !BlobKeys.BelongsTo(job.BlobKey, job.TenantId))
            {
                throw new ImportFileException($"The blob key is not a valid key of the blob store for this tenant (it must start with '{BlobKeys.TenantPrefix(job.TenantId)}')");
            }

            await using var file = await OpenAsync(job.BlobKey, token);
            var saved = await settings.GetAsync(job.TenantId, job.InteractionType, token);
            var rules = saved.WithUpload(job.Options.ColumnMapping);
            var plan = await ChunkPlanner.PlanAsync(file, schema, job.Options, rules, options.Value.ChunkRows, limits.Value, token);
            await jobs.SavePlanAsync(job.Id, plan, token);
            logger.LogInformation("Import {ImportId} planned: {Rows} rows, {Bytes} bytes, {Chunks} chunks", job.Id, plan.TotalRows, plan.TotalBytes, plan.Chunks.Count);
        }
        catch (ImportFileException e)
        {
            logger.LogWarning("Import {ImportId} failed as a whole: {Reason}", job.Id, e.Message);
            await jobs.FailAsync(job.Id, e.Message, token);
        }
    }

    async Task<Stream> OpenAsync(string blobKey, CancellationToken token)
    {
        try
        {
            return await blobs.OpenReadAsync(blobKey, token);
        }
        catch (FileNotFoundException e)
        {
            throw new ImportFileException("The file was not found in the blob store", e);
        }
    }
}
