using System.Globalization;

namespace Velora.Ingestion.Gateway.Reports;

/// <summary>
/// <c>GET /v1/imports/{id}/report</c>: what a file gives the recommender, from its valid rows (repeats within a chunk
/// counted once). <see cref="Complete"/> is false while chunks are still being counted. Users and items are counted by
/// a 32-bit hash of their id (about one collision among 100,000 ids).
/// </summary>
public sealed record ReadinessReport(
    Guid ImportId,
    string Status,
    bool Complete,
    long Rows,
    long DistinctUsers,
    long DistinctItems,
    string? FirstTimestamp,
    string? LastTimestamp,
    long RowsWithoutTimestamp,
    long UsersWithOneInteraction,
    long NewUsers,
    long NewItems,
    long DuplicatesInFile,
    IReadOnlyList<string> Warnings)
{
    // Below these a recommender has little to learn from; the thresholds are the report's, documented in docs/design.md.
    const double OneInteractionShare = 0.5;
    const double DuplicateShare = 0.05;
    const int FewItems = 20;
    static readonly TimeSpan ShortSpan = TimeSpan.FromDays(7);

    public static IReadOnlyList<string> WarningsFor(long rows, long users, long items, long oneInteraction, long withoutTimestamp, long duplicates, TimeSpan? span)
    {
        var warnings = new List<string>();
        if (rows == 0)
        {
            warnings.Add("No valid rows: nothing to learn from.");
            return warnings;
        }

        if (users > 0 && oneInteraction >= OneInteractionShare * users)
        {
            warnings.Add($"{Percent(oneInteraction, users)} of users have one interaction: recommendations will rely on popularity.");
        }

        if (items < FewItems)
        {
            warnings.Add($"Only {items.ToString("#,0", CultureInfo.InvariantCulture)} distinct items: too few to recommend one over another.");
        }

        if (withoutTimestamp > 0)
        {
            warnings.Add($"{Percent(withoutTimestamp, rows)} of rows have no timestamp: recent interactions cannot be weighed above old ones for them.");
        }

        if (duplicates >= DuplicateShare * (rows + duplicates) && duplicates > 0)
        {
            warnings.Add($"{Percent(duplicates, rows + duplicates)} of rows repeat an earlier row of the file: check the export for overlapping date ranges.");
        }

        if (span is { } s && s < ShortSpan && rows > withoutTimestamp)
        {
            warnings.Add($"The timestamps span {s.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} hours: a few weeks of history let recommendations follow what changes.");
        }

        return warnings;
    }

    static string Percent(long part, long whole) =>
        (100.0 * part / whole).ToString(part * 100 % whole == 0 ? "0" : "0.#", CultureInfo.InvariantCulture) + " %";
}
