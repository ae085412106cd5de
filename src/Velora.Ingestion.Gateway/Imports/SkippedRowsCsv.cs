using System.Globalization;
using CsvHelper;
using Velora.Ingestion.Jobs;

namespace Velora.Ingestion.Gateway.Imports;

/// <summary>
/// Every skipped row of one import as CSV: row_number, user_id, item_id, column, code, error, original_import_id. Written
/// page by page to memory and sent asynchronously, like <see cref="FailureCsv"/>; ids are escaped for spreadsheets.
/// </summary>
public sealed class SkippedRowsCsv(ImportJob job, TenantImports jobs)
{
    const int PageSize = 1000;

    public string FileName => $"import-{job.Id}-skipped.csv";

    public async Task WriteAsync(Stream body, CancellationToken cancellationToken)
    {
        using var page = new MemoryStream();
        await using var csv = CsvWriter.Create(page, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true);
        csv.WriteHeader(["row_number", "user_id", "item_id", "column", "code", "error", "original_import_id"]);
        long after = 0;
        while (true)
        {
            var skips = await jobs.SkipsAsync(job.TenantId, job.Id, after, PageSize, cancellationToken);
            foreach (var item in skips.Select(SkippedItem.From))
            {
                csv.WriteRecord([item.RowNumber.ToString(CultureInfo.InvariantCulture), item.UserId, item.ItemId, string.Empty, item.Code, item.Error, item.OriginalImportId?.ToString() ?? string.Empty]);
            }

            await csv.FlushAsync(cancellationToken);
            await body.WriteAsync(page.GetBuffer().AsMemory(0, (int)page.Length), cancellationToken);
            page.SetLength(0);
            if (skips.Count < PageSize)
            {
                return;
            }

            after = skips[^1].RowNumber;
        }
    }
}
