using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Imports;

/// <summary><c>POST /v1/imports/{id}/revert</c>: exactly the rows one import stored are removed, and nothing else.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class RevertTests(RunningIngestion ingestion)
{
    static byte[] Rows(int from, int to)
    {
        var csv = new StringBuilder("user_id,item_id,timestamp\n");
        for (var i = from; i < to; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"u{i},i{i},2025-04-01T00:00:00Z\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    public static async Task<HttpResponseMessage> RevertAsync(HttpClient gateway, string key, Guid importId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/imports/{importId}/revert");
        request.Headers.Add("X-Api-Key", key);
        return await gateway.SendAsync(request);
    }

    async Task<Guid> ImportedAsync(string key, byte[] content)
    {
        var importId = await ingestion.ImportAsync(key, content, "type=purchase");
        await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(60));
        return importId;
    }

    async Task<JsonElement> RevertedAsync(string key, Guid importId)
    {
        using (var response = await RevertAsync(ingestion.Gateway, key, importId))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal("reverting", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        }

        JsonElement status = default;
        await Eventually.WaitUntilAsync(async () => (status = await ingestion.StatusAsync(key, importId)).GetProperty("status").GetString() == "reverted", TimeSpan.FromSeconds(60));
        return status;
    }

    [Fact]
    public async Task Reverts_an_import_and_a_new_import_of_the_file_stores_every_row_again()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("revert");
        var file = Rows(0, 1_000);
        var importId = await ImportedAsync(key, file);

        var status = await RevertedAsync(key, importId);

        var revert = status.GetProperty("revert");
        Assert.Equal(1_000, revert.GetProperty("rows_removed").GetInt64());
        Assert.Equal(10, revert.GetProperty("chunks_done").GetInt32());
        Assert.Equal(10, revert.GetProperty("chunks_total").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, revert.GetProperty("completed_at").ValueKind);
        Assert.Equal(1_000, status.GetProperty("succeeded").GetInt64());
        Assert.Equal(0, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE tenant_id = @p", tenant.Id));

        var again = await ingestion.ImportAsync(key, file, "type=purchase");
        var summary = (await ingestion.Completed.WaitForAsync(again, TimeSpan.FromSeconds(60))).GetProperty("summary");
        Assert.Equal(1_000, summary.GetProperty("succeeded").GetInt64());
        Assert.Equal(0, summary.GetProperty("skipped").GetInt64());
        Assert.Equal(1_000, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE tenant_id = @p", tenant.Id));
    }

    [Fact]
    public async Task Removes_only_the_rows_that_import_stored()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("revert-own");
        var first = await ImportedAsync(key, Rows(0, 100));
        // Rows 50-99 are the first import's: the second skips them and stores 100-249.
        var second = await ImportedAsync(key, Rows(50, 250));

        var status = await RevertedAsync(key, second);

        Assert.Equal(150, status.GetProperty("revert").GetProperty("rows_removed").GetInt64());
        Assert.Equal(100, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE tenant_id = @p", tenant.Id));
        Assert.Equal(100, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE import_id = @p", first));
        Assert.Equal("succeeded", (await ingestion.StatusAsync(key, first)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Reverting_twice_changes_nothing()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("revert-twice");
        var importId = await ImportedAsync(key, Rows(0, 300));
        await RevertedAsync(key, importId);

        using var again = await RevertAsync(ingestion.Gateway, key, importId);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var status = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("reverted", status.GetProperty("status").GetString());
        Assert.Equal(300, status.GetProperty("revert").GetProperty("rows_removed").GetInt64());
        Assert.Equal(0, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE tenant_id = @p", tenant.Id));
    }

    [Fact]
    public async Task A_dry_run_has_nothing_to_revert_and_is_told_so()
    {
        var (_, key) = await ingestion.CreateTenantAsync("revert-dry-run");
        var dryRun = await ingestion.ImportAsync(key, Rows(0, 20), "type=purchase&mode=validate");
        await Eventually.WaitUntilAsync(async () => (await ingestion.StatusAsync(key, dryRun)).GetProperty("status").GetString() == "validated", TimeSpan.FromSeconds(60));

        using var response = await RevertAsync(ingestion.Gateway, key, dryRun);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Nothing to revert", problem.GetProperty("title").GetString());
        Assert.Contains("stored nothing", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("validated", (await ingestion.StatusAsync(key, dryRun)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Another_store_cannot_revert_an_import()
    {
        var (owner, ownerKey) = await ingestion.CreateTenantAsync("revert-owner");
        var importId = await ImportedAsync(ownerKey, Rows(0, 10));
        var (_, otherKey) = await ingestion.CreateTenantAsync("revert-other");

        using var response = await RevertAsync(ingestion.Gateway, otherKey, importId);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("succeeded", (await ingestion.StatusAsync(ownerKey, importId)).GetProperty("status").GetString());
        Assert.Equal(10, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE tenant_id = @p", owner.Id));
    }
}
