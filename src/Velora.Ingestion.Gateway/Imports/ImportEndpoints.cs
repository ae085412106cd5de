using Velora.Ingestion.Gateway.Tenants;

namespace Velora.Ingestion.Gateway.Imports;

/// <summary>The <c>/v1/imports</c> API; every route is behind the API key filter and scoped to the caller's tenant.</summary>
public static class ImportEndpoints
{
    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder routes)
    {
        var imports = routes.MapGroup("/v1/imports").AddEndpointFilter<ApiKeyFilter>();
        imports.MapPost("/", ImportUpload.HandleAsync)
            .WithSummary("Upload a file to import")
            .WithDescription(
                "The file as the multipart field 'file', or as a raw text/csv body (file_name in the query); gzip is accepted "
                + "(Content-Encoding: gzip, a .gz file name or an application/gzip part). type is an interaction type of "
                + "GET /v1/interaction-types (default purchase); parent_id records the upload as the correction of an earlier import of the store (400 for an unknown one); wait (0 to 60 seconds) answers 200 with the final status (as GET /v1/imports/{id}) when the import ends within it, else the usual 202; delimiter (, ; | tab) is detected when absent; encoding names the "
                + "text encoding of a file without a byte order mark (default UTF-8). Answers 202 with import_id and Location; "
                + "400 for an unknown type, delimiter or encoding; "
                + "413 beyond the upload limit or the decompressed limit; 400 for broken gzip; 415 for another Content-Encoding; "
                + "429 with Retry-After while the store has its maximum of imports queued or running; 503 when the broker cannot "
                + "take the request. Header X-Api-Key. Header Idempotency-Key (optional, 1 to 255 printable ASCII characters): the same store and key within 24 h answer with the first import (202, or 200 under wait), 422 when the file or options differ, 409 when the first request was refused.");
        imports.MapGet("/", ImportQueries.ListAsync)
            .WithSummary("List the tenant's imports, newest first")
            .WithDescription("status filters (queued, running, succeeded, failed, validated, refused, reverting, reverted); limit up to 100; cursor is the previous page's next_cursor.");
        imports.MapGet("/{id:guid}", ImportQueries.StatusAsync)
            .WithSummary("Status, progress and result summary of one import")
            .WithDescription("The summary fields (processed, succeeded, skipped, failed, success_rate, completion_rate, failed_items, has_more_failures) at the top level. 404 for another tenant's import.");
        imports.MapPost("/{id:guid}/revert", ImportRevertEndpoint.HandleAsync)
            .WithSummary("Remove exactly the rows one import stored")
            .WithDescription("For an import that has ended: status becomes reverting, then reverted, with revert.rows_removed counting every row removed (chunk by chunk; a worker killed half-way resumes). Rows another import stored are never touched. 202 with the status while it runs, 200 when it was reverted already (nothing changes), 409 while the import is queued or running, and for one that stored nothing (a validated dry run, a refused upload), 404 for another tenant's import.");
        imports.MapPost("/{id:guid}/commit", ImportCommitEndpoint.HandleAsync)
            .WithSummary("Import a validated dry run for real, from its stored file")
            .WithDescription("For an upload made with mode=validate that ended as validated: records a new import of the same stored file, read with the dry run's delimiter, encoding and mapping (validation_id on it, commit_id on the dry run). 202 with the new import's status; the same import again for a dry run committed before; 409 for a dry run not validated or an import that is no dry run; 429 at the store's limit of active imports; 503 with Retry-After when the broker does not take the request (nothing runs; commit again later); 404 for another tenant's import.");
        imports.MapGet("/{id:guid}/report", ImportQueries.ReportAsync)
            .WithSummary("What the file gives the recommender: the readiness report")
            .WithDescription("For any import, dry run or real, added up from its chunks as they are done (complete is false while it runs): distinct users and items, the time span, rows without a timestamp, users with one interaction, users and items this store had not seen before, repeats within the file, and warnings in words. 404 for another tenant's import.");
        imports.MapGet("/{id:guid}/failures", ImportQueries.FailuresAsync)
            .WithSummary("Every row failure (or skipped row) of one import")
            .WithDescription("JSON pages (limit up to 1000, cursor = next_cursor), or the whole list as CSV with Accept: text/csv. Each failure has a stable code and the header column at fault; the CSV is the file's own columns and delimiter plus row_number, column, code, error, a file to fix and upload again. outcome=skipped lists the valid rows not stored instead, each with its reason as code (duplicate_in_file, already_stored, erased_user) and original_import_id, the import that stored the interaction it repeats.");
        return routes;
    }
}
