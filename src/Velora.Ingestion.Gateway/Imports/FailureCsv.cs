using System.Globalization;
using CsvHelper;
using Velora.Ingestion.Erasure;
using Velora.Ingestion.Interactions;
using Velora.Ingestion.Jobs;
using Velora.Ingestion.Parsing;

namespace Velora.Ingestion.Gateway.Imports;

/// <summary>
/// The failures of one import as a file the store can fix and upload again: the file's own header and fields, in its
/// own delimiter (so a decimal comma keeps its meaning), then <see cref="FailureReportColumns"/>, which an upload reads
/// as nothing. Written page by page: each page goes to memory, then to the client asynchronously, because CsvHelper
/// writes synchronously when its buffer fills, which Kestrel refuses mid-response.
/// </summary>
public sealed class FailureCsv(ImportJob job, TenantImports jobs)
{
    const int PageSize = 1000;

    static readonly System.Buffers.SearchValues<char> NameCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.");

    readonly string[] _header = job.Columns is { Length: > 0 } columns
        ? [.. columns.Take(FailureReportColumns.DataColumnCount(columns)).Select(c => c.Trim().TrimStart('\uFEFF').Trim())]
        : ["user_id", "item_id"];

    public char Delimiter { get; } = job.Delimiter is { Length: 1 } d ? d[0] : ',';

    public string FileName => $"import-{job.Id}-failures.{(Delimiter == '\t' ? "tsv" : "csv")}";

    public string ContentType => Delimiter == '\t' ? "text/tab-separated-values; charset=utf-8" : "text/csv; charset=utf-8";

    public async Task WriteAsync(Stream body, CancellationToken cancellationToken)
    {
        // Injection is escaped here, not by CsvHelper, so that a negative number stays a number a re-upload reads.
        var options = new CsvWriterOptions { Separator = Delimiter, Injection = CsvInjection.None };
        using var page = new MemoryStream();
        await using var csv = CsvWriter.Create(page, options, leaveOpen: true);
        csv.WriteHeader([.. _header.Select(Escape), .. FailureReportColumns.Names]);
        var ids = IdPositions();
        long after = 0;
        while (true)
        {
            var failures = await jobs.FailuresAsync(job.TenantId, job.Id, after, PageSize, cancellationToken);
            foreach (var failure in failures)
            {
                csv.WriteRecord([.. Fields(failure, ids).Select(Escape), failure.RowNumber.ToString(CultureInfo.InvariantCulture), failure.Column ?? string.Empty, failure.Code ?? string.Empty, Escape(failure.Error)]);
            }

            await csv.FlushAsync(cancellationToken);
            await body.WriteAsync(page.GetBuffer().AsMemory(0, (int)page.Length), cancellationToken);
            page.SetLength(0);
            if (failures.Count < PageSize)
            {
                return;
            }

            after = failures[^1].RowNumber;
        }
    }

    /// <summary>The record as read, as wide as the header; a record without its fields (recorded before schema 14, or erased) has its ids where the header has them.</summary>
    string[] Fields(StoredFailure failure, (int User, int Item) ids)
    {
        var fields = new string[_header.Length];
        Array.Fill(fields, string.Empty);
        if (failure.Fields is { } stored)
        {
            // More fields than the header (a field_count failure) keep only the header's: its error says what was there.
            stored.AsSpan(0, Math.Min(stored.Length, fields.Length)).CopyTo(fields);
            return fields;
        }

        // An erased user's id stays out: uploading the row again must not bring them back under "(erased)".
        if (ids.User >= 0 && ids.User < fields.Length && failure.UserId != UserErasures.Redacted)
        {
            fields[ids.User] = failure.UserId;
        }

        if (ids.Item >= 0 && ids.Item < fields.Length)
        {
            fields[ids.Item] = failure.ItemId;
        }

        return fields;
    }

    (int User, int Item) IdPositions()
    {
        if (job.Columns is not { Length: > 0 } columns || job.Rules is not { } rules || !InteractionSchemas.TryGet(job.InteractionType, out var schema))
        {
            return (0, 1);
        }

        try
        {
            var layout = HeaderLayout.Resolve(schema, columns, rules);
            return (layout.UserId, layout.ItemId);
        }
        catch (ImportFileException)
        {
            return (HeaderLayout.Absent, HeaderLayout.Absent);
        }
    }

    /// <summary>
    /// A cell a spreadsheet would run as a formula gets a leading apostrophe. Left as they are, so that a fixed file reads
    /// them as the original did: a plain negative number (<c>-5</c>) and an <c>@</c> name (<c>@timestamp</c>, <c>@alice</c>),
    /// which calls nothing.
    /// </summary>
    static string Escape(string cell)
    {
        if (cell.Length == 0)
        {
            return cell;
        }

        var risky = cell[0] switch
        {
            '=' or '+' or '\t' or '\r' => true,
            '@' => cell.Length == 1 || cell.AsSpan(1).ContainsAnyExcept(NameCharacters),
            '-' => !decimal.TryParse(cell.Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _),
            _ => false,
        };
        return risky ? "'" + cell : cell;
    }
}
