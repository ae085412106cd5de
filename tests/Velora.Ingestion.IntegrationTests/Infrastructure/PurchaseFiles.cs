using System.Globalization;
using System.Text;

namespace Velora.Ingestion.IntegrationTests.Infrastructure;

/// <summary>Purchase files whose outcome is known row by row.</summary>
public static class PurchaseFiles
{
    public const string Header = "user_id,item_id,timestamp,quantity,price,channel";

    /// <summary>
    /// The acceptance file: 150 rows, of which 120 distinct valid rows, 15 exact repeats of earlier rows and 15 invalid rows
    /// (5 with price -5, 5 without item_id, 5 with a malformed timestamp). Every 10th row is a repeat or an invalid row.
    /// </summary>
    public static (string Csv, IReadOnlyList<(long Row, string Error)> Failures) Acceptance()
    {
        var csv = new StringBuilder(Header).Append('\n');
        var valid = new List<string>();
        var failures = new List<(long, string)>();
        var special = 0;
        for (var row = 1; row <= 150; row++)
        {
            if (row % 5 != 0)
            {
                var line = ValidRow(valid.Count);
                valid.Add(line);
                csv.Append(line).Append('\n');
                continue;
            }

            // Rows 5, 10, 15 …: 30 rows, cycling repeat, bad price, repeat, missing item, repeat, bad timestamp.
            var line2 = (special++ % 6) switch
            {
                0 or 2 or 4 => valid[special * 3 % valid.Count],
                1 => Invalid(row, failures, $"user-{row},item-1,2025-08-22T15:12:00Z,1,-5,web", "Invalid purchase amount: -5"),
                3 => Invalid(row, failures, $"user-{row},,2025-08-22T15:12:00Z,1,3.50,web", "Missing required field: item_id"),
                _ => Invalid(row, failures, $"user-{row},item-2,22/08/2025 3pm,1,3.50,web", "Timestamp format invalid"),
            };
            csv.Append(line2).Append('\n');
        }

        return (csv.ToString(), failures);
    }

    /// <summary><paramref name="rows"/> distinct valid rows, then every 50th row invalid; returns the expected failed count.</summary>
    public static (string Csv, long Failed) Large(int rows)
    {
        var csv = new StringBuilder(Header).Append('\n');
        long failed = 0;
        for (var i = 0; i < rows; i++)
        {
            if (i % 50 == 49)
            {
                csv.Append(CultureInfo.InvariantCulture, $"user-{i},item-{i},2025-01-01T00:00:00Z,0,1.00,web\n");
                failed++;
            }
            else
            {
                csv.Append(ValidRow(i)).Append('\n');
            }
        }

        return (csv.ToString(), failed);
    }

    /// <summary>
    /// <see cref="Large"/> followed by its first <paramref name="repeated"/> data rows again: the expected counts of an
    /// uninterrupted import into a new tenant are known exactly.
    /// </summary>
    public static (string Csv, long Processed, long Succeeded, long Skipped, long Failed) LargeWithRepeats(int rows, int repeated)
    {
        var (csv, failed) = Large(rows);
        var lines = csv.Split('\n');
        var repeats = string.Join('\n', lines.Skip(1).Take(repeated)) + "\n";
        var repeatedFailures = Enumerable.Range(0, repeated).Count(i => i % 50 == 49);
        return (csv + repeats, rows + repeated, rows - failed, repeated - repeatedFailures, failed + repeatedFailures);
    }

    // Every 30 seconds from 2025-01-01: a million rows stay within 2025, never "in the future" whatever the day of the run.
    static string ValidRow(int n) =>
        string.Create(CultureInfo.InvariantCulture, $"user-{n % 97},item-{n % 41},{new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(30L * n):yyyy-MM-dd'T'HH:mm:ss'Z'},{n % 5 + 1},{n % 100}.99,web");

    static string Invalid(long row, List<(long, string)> failures, string line, string error)
    {
        failures.Add((row, error));
        return line;
    }
}
