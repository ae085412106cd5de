using System.Globalization;
using System.Text;
using System.Text.Json;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Imports;

/// <summary><c>skipped_by_reason</c>: every skipped row counted under why it was skipped, summing to <c>skipped</c>.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class SkipReasonTests(RunningIngestion ingestion)
{
    static string Row(int i) => string.Create(CultureInfo.InvariantCulture, $"u{i},i{i},2025-02-01T00:00:00Z\n");

    [Fact]
    public async Task Counts_repeats_within_the_file_and_rows_another_import_stored_apart()
    {
        var (_, key) = await ingestion.CreateTenantAsync("skip-reasons");
        // The first import stores rows 0-99.
        var first = new StringBuilder("user_id,item_id,timestamp\n");
        for (var i = 0; i < 100; i++)
        {
            first.Append(Row(i));
        }

        var firstId = await ingestion.ImportAsync(key, Encoding.UTF8.GetBytes(first.ToString()), "type=purchase");
        await ingestion.Completed.WaitForAsync(firstId, TimeSpan.FromSeconds(30));

        // The second: rows 50-449 (50 of them stored by the first), then 30 of its own rows again within its chunk
        // (rows 100-129 at the chunk's end) and 40 in later chunks (rows 200-239 after row 449), chunks being 100 rows.
        var second = new StringBuilder("user_id,item_id,timestamp\n");
        for (var i = 50; i < 450; i++)
        {
            second.Append(Row(i));
            if (i == 149)
            {
                for (var r = 100; r < 130; r++)
                {
                    second.Append(Row(r));
                }
            }
        }

        for (var r = 200; r < 240; r++)
        {
            second.Append(Row(r));
        }

        var secondId = await ingestion.ImportAsync(key, Encoding.UTF8.GetBytes(second.ToString()), "type=purchase");
        var completed = await ingestion.Completed.WaitForAsync(secondId, TimeSpan.FromSeconds(30));

        var summary = completed.GetProperty("summary");
        Assert.Equal(470, summary.GetProperty("processed").GetInt64());
        Assert.Equal(350, summary.GetProperty("succeeded").GetInt64());
        Assert.Equal(120, summary.GetProperty("skipped").GetInt64());
        AssertReasons(summary, inFile: 70, stored: 50);
        AssertReasons(await ingestion.StatusAsync(key, secondId), inFile: 70, stored: 50);
        AssertReasons(await ingestion.StatusAsync(key, firstId), inFile: 0, stored: 0);
    }

    static void AssertReasons(JsonElement summary, long inFile, long stored)
    {
        var reasons = summary.GetProperty("skipped_by_reason");
        Assert.Equal(inFile, reasons.GetProperty("duplicate_in_file").GetInt64());
        Assert.Equal(stored, reasons.GetProperty("already_stored").GetInt64());
        Assert.Equal(0, reasons.GetProperty("erased_user").GetInt64());
        Assert.Equal(summary.GetProperty("skipped").GetInt64(), inFile + stored);
    }
}
