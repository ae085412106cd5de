using System.Globalization;
using CsvHelper;
using Velora.Ingestion.Gateway.Tenants;
using Velora.Ingestion.Jobs;
using Velora.Ingestion.Resilience;

namespace Velora.Ingestion.Gateway.Imports;

/// <summary>The read side: job status with its summary, and every failure paged (JSON) or whole (CSV).</summary>
public static class ImportQueries
{
    const int MaxPageSize = 1000;

    public static async Task<IResult> ListAsync(HttpContext http, TenantImports jobs, IngestionPipelines pipelines, string? status, string? cursor, int? limit)
    {
        if (status is not null && status is not (ImportStatus.Queued or ImportStatus.Running or ImportStatus.Succeeded or ImportStatus.Failed or ImportStatus.Reverting or ImportStatus.Reverted))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown status", detail: "status is one of queued, running, succeeded, failed, reverting, reverted.");
        }

        Guid? after = Guid.TryParse(cursor, out var id) ? id : null;
        var size = Math.Clamp(limit ?? 20, 1, 100);
        var tenantId = http.Tenant().Id;
        var page = await pipelines.Database.ExecuteAsync(async token => await jobs.ListAsync(tenantId, status, after, size, token), http.RequestAborted);
        var next = page.Count == size ? page[^1].Id.ToString() : null;
        return Results.Ok(new ImportPage(page.Select(ImportListItem.From).ToArray(), next));
    }

    public static async Task<IResult> StatusAsync(Guid id, HttpContext http, ImportStatusReader reader) =>
        await reader.ReadAsync(http.Tenant().Id, id, http.RequestAborted) is { } status ? Results.Ok(status) : NotFound(id);

    public static async Task<IResult> FailuresAsync(Guid id, HttpContext http, TenantImports jobs, IngestionPipelines pipelines, string? cursor, int? limit)
    {
        var tenantId = http.Tenant().Id;
        var job = await pipelines.Database.ExecuteAsync(async token => await jobs.FindAsync(tenantId, id, token), http.RequestAborted);
        if (job is null)
        {
            return NotFound(id);
        }

        if (http.Request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true))
        {
            return Results.Stream(body => WriteCsvAsync(body, tenantId, id, jobs, http.RequestAborted), "text/csv; charset=utf-8", $"import-{id}-failures.csv");
        }

        var after = long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var row) ? row : 0;
        var size = Math.Clamp(limit ?? 100, 1, MaxPageSize);
        var page = await pipelines.Database.ExecuteAsync(async token => await jobs.FailuresAsync(tenantId, id, after, size, token), http.RequestAborted);
        var next = page.Count == size ? page[^1].RowNumber.ToString(CultureInfo.InvariantCulture) : null;
        return Results.Ok(new FailurePage(id, page.Select(ImportSummaries.ToFailedItem).ToArray(), next));
    }

    static async Task WriteCsvAsync(Stream body, Guid tenantId, Guid id, TenantImports jobs, CancellationToken cancellationToken)
    {
        // Cells that a spreadsheet would run as a formula are escaped with a leading apostrophe.
        var options = new CsvWriterOptions { Injection = CsvInjection.Escape };
        // The writer writes synchronously when its buffer fills, which Kestrel refuses mid-response (the export was cut
        // off after 64 KiB): each page is written to memory, then sent to the client asynchronously.
        using var page = new MemoryStream();
        await using var csv = CsvWriter.Create(page, options, leaveOpen: true);
        csv.WriteHeader(["row_number", "user_id", "item_id", "error", "timestamp"]);
        long after = 0;
        while (true)
        {
            var failures = await jobs.FailuresAsync(tenantId, id, after, MaxPageSize, cancellationToken);
            foreach (var failure in failures)
            {
                var item = ImportSummaries.ToFailedItem(failure);
                csv.WriteRecord([item.RowNumber.ToString(CultureInfo.InvariantCulture), item.UserId, item.ItemId, item.Error, item.Timestamp]);
            }

            await csv.FlushAsync(cancellationToken);
            await body.WriteAsync(page.GetBuffer().AsMemory(0, (int)page.Length), cancellationToken);
            page.SetLength(0);
            if (failures.Count < MaxPageSize)
            {
                return;
            }

            after = failures[^1].RowNumber;
        }
    }

    /// <summary>The answer for an import id this store does not have (unknown, or another store's).</summary>
    internal static IResult NotFound(Guid id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Import not found", detail: $"No import {id} for this API key.");
}
