using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Imports;

/// <summary><c>GET /v1/imports/{id}/failures?outcome=skipped</c>: every skipped row with its reason and the import that stored the original.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class SkippedRowsTests(RunningIngestion ingestion)
{
    async Task<List<(long Row, string User, string Code, Guid? Original)>> SkippedAsync(string key, Guid importId, int limit = 1000)
    {
        var rows = new List<(long, string, string, Guid?)>();
        string? cursor = string.Empty;
        while (cursor is not null)
        {
            using var response = await ingestion.GetAsync(key, $"/v1/imports/{importId}/failures?outcome=skipped&limit={limit}&cursor={cursor}");
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            rows.AddRange(page.GetProperty("items").EnumerateArray().Select(i => (
                i.GetProperty("row_number").GetInt64(),
                i.GetProperty("user_id").GetString()!,
                i.GetProperty("code").GetString()!,
                i.GetProperty("original_import_id").ValueKind == JsonValueKind.Null ? (Guid?)null : i.GetProperty("original_import_id").GetGuid())));
            cursor = page.GetProperty("next_cursor").GetString();
        }

        return rows;
    }

    [Fact]
    public async Task Lists_each_skipped_row_with_its_reason_and_the_import_that_stored_the_original()
    {
        var (_, key) = await ingestion.CreateTenantAsync("skips-reasons");
        var first = await ingestion.ImportAsync(key, "user_id,item_id,timestamp\nu1,i1,2025-06-01T00:00:00Z\nu1,i1,2025-06-01T00:00:00Z\nu2,i2,2025-06-01T00:00:00Z\n"u8.ToArray(), "type=view");
        await ingestion.Completed.WaitForAsync(first, TimeSpan.FromSeconds(30));
        using (var erase = new HttpRequestMessage(HttpMethod.Post, "/v1/erasures") { Content = JsonContent.Create(new { user_ids = new List<string> { "u2" } }) })
        {
            erase.Headers.Add("X-Api-Key", key);
            using var erased = await ingestion.Gateway.SendAsync(erase);
            Assert.Equal(HttpStatusCode.Created, erased.StatusCode);
        }

        var second = await ingestion.ImportAsync(key, "user_id,item_id,timestamp\nu1,i1,2025-06-01T00:00:00Z\nu2,i2,2025-06-01T00:00:00Z\nu3,i3,2025-06-01T00:00:00Z\n"u8.ToArray(), "type=view");
        await ingestion.Completed.WaitForAsync(second, TimeSpan.FromSeconds(30));

        Assert.Equal([(2L, "u1", "duplicate_in_file", (Guid?)first)], await SkippedAsync(key, first));
        Assert.Equal([(1L, "u1", "already_stored", (Guid?)first), (2L, "u2", "erased_user", null)], await SkippedAsync(key, second));

        using var csv = await ingestion.GetAsync(key, $"/v1/imports/{second}/failures?outcome=skipped", accept: "text/csv");
        Assert.Equal(
            [
                "row_number,user_id,item_id,column,code,error,original_import_id",
                $"1,u1,i1,,already_stored,Already stored by import {first},{first}",
                "2,u2,i2,,erased_user,Of a user this store erased,",
            ],
            (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Lists_as_many_skipped_rows_as_the_summary_counts_when_repeats_cross_chunks()
    {
        var (_, key) = await ingestion.CreateTenantAsync("skips-chunks");
        // Chunks of 100 rows: the repeats at the end meet rows that earlier chunks of the same import stored.
        var (file, _, _, skipped, _) = PurchaseFiles.LargeWithRepeats(1_000, 250);
        var importId = await ingestion.ImportAsync(key, Encoding.UTF8.GetBytes(file), "type=purchase");
        var summary = (await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(60))).GetProperty("summary");

        var listed = await SkippedAsync(key, importId, limit: 100);

        Assert.Equal(skipped, summary.GetProperty("skipped").GetInt64());
        Assert.Equal(skipped, listed.Count);
        Assert.All(listed, s => Assert.Equal(("duplicate_in_file", (Guid?)importId), (s.Code, s.Original)));
        Assert.Equal(listed.Count, listed.Select(s => s.Row).Distinct().Count());
    }

    [Fact]
    public async Task Refuses_an_unknown_outcome()
    {
        var (_, key) = await ingestion.CreateTenantAsync("skips-outcome");
        var importId = await ingestion.ImportAsync(key, "user_id,item_id\nu1,i1\n"u8.ToArray(), "type=view");

        using var response = await ingestion.GetAsync(key, $"/v1/imports/{importId}/failures?outcome=stored");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
