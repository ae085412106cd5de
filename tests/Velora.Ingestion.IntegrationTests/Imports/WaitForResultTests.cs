using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Imports;

/// <summary><c>wait=SECONDS</c> on upload: a small file answers with its final status, a long import with the usual 202.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class WaitForResultTests(RunningIngestion ingestion)
{
    [Fact]
    public async Task A_small_file_with_wait_answers_200_with_the_final_status()
    {
        var (_, key) = await ingestion.CreateTenantAsync("wait-small");
        var (csv, failures) = PurchaseFiles.Acceptance();

        using var response = await RunningIngestion.UploadAsync(ingestion.Gateway, key, Encoding.UTF8.GetBytes(csv), "purchases.csv", "type=purchase&wait=30");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var importId = body.GetProperty("import_id").GetGuid();
        Assert.Equal($"/v1/imports/{importId}", response.Headers.Location?.OriginalString);
        Assert.Equal("succeeded", body.GetProperty("status").GetString());
        Assert.Equal(failures.Count, body.GetProperty("failed").GetInt64());

        // The same document as the status endpoint gives.
        var status = await ingestion.StatusAsync(key, importId);
        foreach (var field in new[] { "processed", "succeeded", "skipped", "failed", "success_rate", "completion_rate", "completed_at" })
        {
            Assert.Equal(status.GetProperty(field).ToString(), body.GetProperty(field).ToString());
        }

        Assert.Equal(status.GetProperty("failed_items").GetRawText(), body.GetProperty("failed_items").GetRawText());
    }

    [Fact]
    public async Task An_import_that_does_not_end_within_wait_answers_202_after_waiting()
    {
        var (_, key) = await ingestion.CreateTenantAsync("wait-long");
        // 1,000 chunks of 100 rows: several seconds of work on this machine, far more than the one second asked for.
        var (csv, _) = PurchaseFiles.Large(100_000);
        var clock = Stopwatch.StartNew();

        using var response = await RunningIngestion.UploadAsync(ingestion.Gateway, key, Encoding.UTF8.GetBytes(csv), "purchases.csv", "type=purchase&wait=1");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1), $"answered after {clock.Elapsed}, before the wait was over");
        var importId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("import_id").GetGuid();
        Assert.NotEqual("succeeded", (await ingestion.StatusAsync(key, importId)).GetProperty("status").GetString());
        await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(120));
    }

    [Theory]
    [InlineData("61")]
    [InlineData("-1")]
    public async Task A_wait_beyond_a_minute_or_below_zero_is_refused(string wait)
    {
        var (_, key) = await ingestion.CreateTenantAsync("wait-refused");

        using var response = await RunningIngestion.UploadAsync(ingestion.Gateway, key, "user_id,item_id\nu1,i1\n"u8.ToArray(), "p.csv", $"type=purchase&wait={wait}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("wait is a number of seconds from 0 to 60.", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await ingestion.ScalarAsync("SELECT count(*) FROM import_jobs j JOIN tenants t ON t.id = j.tenant_id WHERE t.name LIKE 'wait-refused-%'"));
    }
}
