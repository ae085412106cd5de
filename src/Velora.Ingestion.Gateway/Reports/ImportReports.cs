using Dapper;
using Npgsql;
using Velora.Ingestion.Jobs;
using Velora.Ingestion.Reporting;
using Velora.Ingestion.Tenants;

namespace Velora.Ingestion.Gateway.Reports;

/// <summary>
/// The readiness report of one import (<see cref="ReadinessReport"/>), added up from its done chunks' profiles, with
/// the users and items its store had not seen before the import was created. Read for one tenant, under row-level security.
/// </summary>
public sealed class ImportReports(NpgsqlDataSource dataSource)
{
    public async Task<ReadinessReport?> ReadAsync(Guid tenantId, Guid importId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantTransaction.BeginAsync(dataSource, tenantId, cancellationToken);
        var job = await scope.Connection.QuerySingleOrDefaultAsync<(string Status, DateTime CreatedAt, long Processed, long Failed, long? DuplicatesInFile)>(
            "SELECT status, created_at, processed, failed, skipped_duplicate_in_file FROM import_jobs WHERE id = @importId AND tenant_id = @tenantId",
            new { importId, tenantId },
            scope.Transaction);
        if (job.Status is null)
        {
            return null;
        }

        var profile = await ImportProfiles.ReadAsync(scope.Connection, importId, cancellationToken);
        var (newUsers, newItems) = await KnownEntities.CountNewAsync(scope.Connection, tenantId, job.CreatedAt, profile, cancellationToken);
        var users = profile.Users.Count;
        var oneInteraction = profile.UsersWithOneInteraction;
        var duplicates = job.DuplicatesInFile ?? 0;
        // Valid rows counted once: a repeat in another chunk of the file is in two profiles, but in the job's count of repeats.
        var rows = job.Processed - job.Failed - duplicates;
        TimeSpan? span = profile.First is { } first && profile.Last is { } last ? last - first : null;
        return new ReadinessReport(
            importId,
            job.Status,
            Complete: !ImportStatus.IsActive(job.Status),
            rows,
            users,
            profile.Items.Count,
            profile.First is { } f ? ImportSummaries.FormatUtc(f) : null,
            profile.Last is { } l ? ImportSummaries.FormatUtc(l) : null,
            profile.WithoutTimestamp,
            oneInteraction,
            newUsers,
            newItems,
            duplicates,
            ReadinessReport.WarningsFor(rows, users, profile.Items.Count, oneInteraction, profile.WithoutTimestamp, duplicates, span));
    }
}
