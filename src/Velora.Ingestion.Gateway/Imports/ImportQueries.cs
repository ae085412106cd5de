using System.Globalization;
using Velora.Ingestion.Gateway.Reports;
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
        if (status is not null && !ImportLifecycle.Statuses.Contains(status))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown status", detail: $"status is one of {string.Join(", ", ImportLifecycle.Statuses)}.");
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

    /// <param name="outcome"><c>failed</c> (the default): rows validation refused; <c>skipped</c>: valid rows not stored, with the reason.</param>
    public static async Task<IResult> FailuresAsync(Guid id, HttpContext http, TenantImports jobs, IngestionPipelines pipelines, string? outcome, string? cursor, int? limit)
    {
        if (outcome is not (null or "failed" or "skipped"))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown outcome", detail: "outcome is failed (the default) or skipped.");
        }

        var tenantId = http.Tenant().Id;
        var job = await pipelines.Database.ExecuteAsync(async token => await jobs.FindAsync(tenantId, id, token), http.RequestAborted);
        if (job is null)
        {
            return NotFound(id);
        }

        var asCsv = http.Request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true);
        var after = long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var row) ? row : 0;
        var size = Math.Clamp(limit ?? 100, 1, MaxPageSize);
        if (outcome == "skipped")
        {
            if (asCsv)
            {
                var skipped = new SkippedRowsCsv(job, jobs);
                return Results.Stream(body => skipped.WriteAsync(body, http.RequestAborted), "text/csv; charset=utf-8", skipped.FileName);
            }

            var skips = await pipelines.Database.ExecuteAsync(async token => await jobs.SkipsAsync(tenantId, id, after, size, token), http.RequestAborted);
            var nextSkip = skips.Count == size ? skips[^1].RowNumber.ToString(CultureInfo.InvariantCulture) : null;
            return Results.Ok(new SkipPage(id, skips.Select(SkippedItem.From).ToArray(), nextSkip));
        }

        if (asCsv)
        {
            var csv = new FailureCsv(job, jobs);
            return Results.Stream(body => csv.WriteAsync(body, http.RequestAborted), csv.ContentType, csv.FileName);
        }

        var page = await pipelines.Database.ExecuteAsync(async token => await jobs.FailuresAsync(tenantId, id, after, size, token), http.RequestAborted);
        var next = page.Count == size ? page[^1].RowNumber.ToString(CultureInfo.InvariantCulture) : null;
        return Results.Ok(new FailurePage(id, page.Select(ImportSummaries.ToFailedItem).ToArray(), next));
    }

    public static async Task<IResult> ReportAsync(Guid id, HttpContext http, ImportReports reports, IngestionPipelines pipelines) =>
        await pipelines.Database.ExecuteAsync(async token => await reports.ReadAsync(http.Tenant().Id, id, token), http.RequestAborted) is { } report
            ? Results.Ok(report)
            : NotFound(id);

    /// <summary>The answer for an import id this store does not have (unknown, or another store's).</summary>
    internal static IResult NotFound(Guid id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Import not found", detail: $"No import {id} for this API key.");
}
