using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Imports;

[Collection(RunningIngestionGroup.Name)]
public sealed class PurchaseImportTests(RunningIngestion ingestion)
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Upload_through_the_gateway_ends_with_ImportCompleted_carrying_exact_counts()
    {
        var (_, key) = await ingestion.CreateTenantAsync("store");
        var (csv, failures) = PurchaseFiles.Acceptance();

        var importId = await ingestion.ImportAsync(key, csv);
        var completed = await ingestion.Completed.WaitForAsync(importId, Patience);

        Assert.Equal("succeeded", completed.GetProperty("status").GetString());
        var summary = completed.GetProperty("summary");
        AssertCounts(summary, processed: 150, succeeded: 120, skipped: 15, failed: 15, "80.00%", "90.00%");
        Assert.Equal(failures, FailedItems(summary));
        Assert.False(summary.GetProperty("has_more_failures").GetBoolean());
        Assert.Equal(120, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE import_id = @p", importId));
    }

    [Fact]
    public async Task Job_status_shows_the_summary_fields_at_the_top_level()
    {
        var (_, key) = await ingestion.CreateTenantAsync("store");
        var (csv, failures) = PurchaseFiles.Acceptance();
        var importId = await ingestion.ImportAsync(key, csv);
        await ingestion.Completed.WaitForAsync(importId, Patience);

        var status = await ingestion.StatusAsync(key, importId);

        Assert.Equal(importId, status.GetProperty("import_id").GetGuid());
        Assert.Equal("succeeded", status.GetProperty("status").GetString());
        Assert.Equal("purchase", status.GetProperty("interaction_type").GetString());
        Assert.Equal("purchases.csv", status.GetProperty("file_name").GetString());
        AssertCounts(status, processed: 150, succeeded: 120, skipped: 15, failed: 15, "80.00%", "90.00%");
        Assert.Equal(failures, FailedItems(status));
        var progress = status.GetProperty("progress");
        Assert.Equal(150, progress.GetProperty("rows_done").GetInt64());
        Assert.Equal(progress.GetProperty("bytes_total").GetInt64(), progress.GetProperty("bytes_done").GetInt64());
        Assert.True(progress.GetProperty("rows_per_second").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, progress.GetProperty("estimated_seconds_left").ValueKind);
        Assert.EndsWith("Z", status.GetProperty("completed_at").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_the_same_file_again_skips_every_valid_row()
    {
        var (_, key) = await ingestion.CreateTenantAsync("store");
        var (csv, _) = PurchaseFiles.Acceptance();
        await ingestion.Completed.WaitForAsync(await ingestion.ImportAsync(key, csv), Patience);

        var again = await ingestion.Completed.WaitForAsync(await ingestion.ImportAsync(key, csv), Patience);

        AssertCounts(again.GetProperty("summary"), processed: 150, succeeded: 0, skipped: 135, failed: 15, "0.00%", "90.00%");
    }

    [Fact]
    public async Task A_file_without_the_item_id_column_fails_with_a_clear_reason_and_writes_nothing()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("store");

        var importId = await ingestion.ImportAsync(key, "user_id,timestamp,price\nu1,2025-01-01T00:00:00Z,1.00\n");
        var completed = await ingestion.Completed.WaitForAsync(importId, Patience);

        Assert.Equal("failed", completed.GetProperty("status").GetString());
        Assert.Equal("Missing required column: item_id", completed.GetProperty("error").GetString());
        var status = await ingestion.StatusAsync(key, importId);
        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Equal("Missing required column: item_id", status.GetProperty("error").GetString());
        Assert.Equal(0, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE tenant_id = @p", tenant.Id));
        Assert.Equal(0, await ingestion.ScalarAsync("SELECT count(*) FROM import_failures WHERE import_id = @p", importId));
    }

    [Fact]
    public async Task A_file_larger_than_one_chunk_is_imported_chunk_by_chunk_with_exact_counts()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("store");
        var (csv, failed) = PurchaseFiles.Large(1_050);

        var importId = await ingestion.ImportAsync(key, csv);
        var summary = (await ingestion.Completed.WaitForAsync(importId, Patience)).GetProperty("summary");

        Assert.Equal(11, await ingestion.ScalarAsync("SELECT count(*) FROM import_chunks WHERE import_id = @p AND done_at IS NOT NULL", importId));
        Assert.Equal(1_050, summary.GetProperty("processed").GetInt64());
        Assert.Equal(failed, summary.GetProperty("failed").GetInt64());
        var stored = await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE tenant_id = @p", tenant.Id);
        Assert.Equal(1_050 - failed, stored);
        Assert.Equal(stored, summary.GetProperty("succeeded").GetInt64());
        Assert.Equal(0, summary.GetProperty("skipped").GetInt64());
    }

    [Fact]
    public async Task Failures_can_be_paged_through_as_json_and_downloaded_as_csv()
    {
        var (_, key) = await ingestion.CreateTenantAsync("store");
        var (csv, failures) = PurchaseFiles.Acceptance();
        var importId = await ingestion.ImportAsync(key, csv);
        await ingestion.Completed.WaitForAsync(importId, Patience);

        var paged = new List<(long, string)>();
        string? cursor = null;
        do
        {
            using var response = await ingestion.GetAsync(key, $"/v1/imports/{importId}/failures?limit=4&cursor={cursor}");
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            paged.AddRange(FailedItems(page, "items"));
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(failures, paged);
        using var download = await ingestion.GetAsync(key, $"/v1/imports/{importId}/failures", accept: "text/csv");
        Assert.Equal("text/csv", download.Content.Headers.ContentType?.MediaType);
        var lines = (await download.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // The file's own columns, then the report's: a file to fix and upload again.
        Assert.Equal(PurchaseFiles.Header + ",row_number,column,code,error", lines[0].TrimEnd('\r'));
        Assert.Equal(failures.Count + 1, lines.Length);
        Assert.StartsWith($"user-{failures[0].Row},item-1,", lines[1], StringComparison.Ordinal);
        Assert.EndsWith($",{failures[0].Row},price,invalid_number,Invalid purchase amount: -5", lines[1].TrimEnd('\r'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenant_gets_404_for_an_import_and_its_failures()
    {
        var (_, owner) = await ingestion.CreateTenantAsync("owner");
        var (_, other) = await ingestion.CreateTenantAsync("other");
        var importId = await ingestion.ImportAsync(owner, PurchaseFiles.Acceptance().Csv);
        await ingestion.Completed.WaitForAsync(importId, Patience);

        using var status = await ingestion.GetAsync(other, $"/v1/imports/{importId}");
        using var failures = await ingestion.GetAsync(other, $"/v1/imports/{importId}/failures");
        using var own = await ingestion.GetAsync(owner, $"/v1/imports/{importId}");

        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, failures.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task A_missing_or_unknown_api_key_gets_401()
    {
        using var unknown = await ingestion.GetAsync("vel_not-a-key", $"/v1/imports/{Guid.NewGuid()}");
        using var missing = await ingestion.Gateway.GetAsync(new Uri($"/v1/imports/{Guid.NewGuid()}", UriKind.Relative));
        using var upload = await ingestion.UploadAsync("vel_not-a-key", PurchaseFiles.Acceptance().Csv);

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, upload.StatusCode);
    }

    static void AssertCounts(JsonElement summary, long processed, long succeeded, long skipped, long failed, string successRate, string completionRate)
    {
        Assert.Equal(
            (processed, succeeded, skipped, failed, successRate, completionRate),
            (summary.GetProperty("processed").GetInt64(), summary.GetProperty("succeeded").GetInt64(), summary.GetProperty("skipped").GetInt64(),
             summary.GetProperty("failed").GetInt64(), summary.GetProperty("success_rate").GetString(), summary.GetProperty("completion_rate").GetString()));
    }

    static List<(long Row, string Error)> FailedItems(JsonElement container, string property = "failed_items") =>
        container.GetProperty(property).EnumerateArray()
            .Select(item => (item.GetProperty("row_number").GetInt64(), item.GetProperty("error").GetString()!))
            .ToList();
}
