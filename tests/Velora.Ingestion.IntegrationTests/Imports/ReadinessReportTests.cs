using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Imports;

/// <summary><c>GET /v1/imports/{id}/report</c>: what a file gives the recommender, added up from its chunks.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class ReadinessReportTests(RunningIngestion ingestion)
{
    const string File = """
        user_id,item_id,timestamp
        u1,i1,2025-06-01T00:00:00Z
        u1,i2,2025-06-02T00:00:00Z
        u1,i3,2025-06-03T00:00:00Z
        u2,i2,2025-06-01T12:00:00Z
        u3,i3,
        u2,i2,2025-06-01T12:00:00Z
        u4,,2025-06-01T00:00:00Z

        """;

    async Task<JsonElement> ReportAsync(string key, Guid importId)
    {
        using var response = await ingestion.GetAsync(key, $"/v1/imports/{importId}/report");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Reports_users_items_time_span_new_ones_and_warnings_in_words()
    {
        var (_, key) = await ingestion.CreateTenantAsync("report");
        var earlier = await ingestion.ImportAsync(key, "user_id,item_id,timestamp\nu1,i1,2025-05-01T00:00:00Z\n"u8.ToArray(), "type=purchase");
        await ingestion.Completed.WaitForAsync(earlier, TimeSpan.FromSeconds(30));

        var importId = await ingestion.ImportAsync(key, Encoding.UTF8.GetBytes(File), "type=purchase");
        await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(30));
        var report = await ReportAsync(key, importId);

        Assert.Equal($"/v1/imports/{importId}/report", (await ingestion.StatusAsync(key, importId)).GetProperty("report").GetString());
        Assert.True(report.GetProperty("complete").GetBoolean());
        Assert.Equal(
            (5L, 3L, 3L, 1L, 2L, 2L, 2L, 1L),
            (report.GetProperty("rows").GetInt64(), report.GetProperty("distinct_users").GetInt64(), report.GetProperty("distinct_items").GetInt64(),
                report.GetProperty("rows_without_timestamp").GetInt64(), report.GetProperty("users_with_one_interaction").GetInt64(),
                report.GetProperty("new_users").GetInt64(), report.GetProperty("new_items").GetInt64(), report.GetProperty("duplicates_in_file").GetInt64()));
        Assert.Equal(("2025-06-01T00:00:00Z", "2025-06-03T00:00:00Z"), (report.GetProperty("first_timestamp").GetString(), report.GetProperty("last_timestamp").GetString()));
        Assert.Equal(
            [
                "66.7 % of users have one interaction: recommendations will rely on popularity.",
                "Only 3 distinct items: too few to recommend one over another.",
                "20 % of rows have no timestamp: recent interactions cannot be weighed above old ones for them.",
                "16.7 % of rows repeat an earlier row of the file: check the export for overlapping date ranges.",
                "The timestamps span 48 hours: a few weeks of history let recommendations follow what changes.",
            ],
            report.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
    }

    [Fact]
    public async Task A_dry_run_reports_what_its_commit_reports_across_chunks()
    {
        var (_, key) = await ingestion.CreateTenantAsync("report-dry-run");
        var (file, _, _, _, _) = PurchaseFiles.LargeWithRepeats(2_000, 150);
        var dryRun = await ingestion.ImportAsync(key, Encoding.UTF8.GetBytes(file), "type=purchase&mode=validate");
        await Eventually.WaitUntilAsync(async () => (await ingestion.StatusAsync(key, dryRun)).GetProperty("status").GetString() == "validated", TimeSpan.FromSeconds(60));
        var validated = await ReportAsync(key, dryRun);

        using var commit = new HttpRequestMessage(HttpMethod.Post, $"/v1/imports/{dryRun}/commit");
        commit.Headers.Add("X-Api-Key", key);
        using var committed = await ingestion.Gateway.SendAsync(commit);
        var importId = (await committed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("import_id").GetGuid();
        await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(60));
        var imported = await ReportAsync(key, importId);

        // PurchaseFiles: 97 users and 41 items over 2,000 rows, every 50th row bad, then 150 rows again.
        Assert.Equal((97L, 41L, 97L, 41L), (validated.GetProperty("distinct_users").GetInt64(), validated.GetProperty("distinct_items").GetInt64(),
            validated.GetProperty("new_users").GetInt64(), validated.GetProperty("new_items").GetInt64()));
        foreach (var field in new[] { "rows", "distinct_users", "distinct_items", "first_timestamp", "last_timestamp", "rows_without_timestamp", "users_with_one_interaction", "new_users", "new_items", "duplicates_in_file", "warnings" })
        {
            Assert.Equal(validated.GetProperty(field).ToString(), imported.GetProperty(field).ToString());
        }
    }
}
