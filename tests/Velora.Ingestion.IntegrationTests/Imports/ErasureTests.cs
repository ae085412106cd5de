using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Imports;

/// <summary><c>POST /v1/erasures</c>: nothing of an erased user stays, and no later import brings them back.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class ErasureTests(RunningIngestion ingestion)
{
    async Task<JsonElement> EraseAsync(string key, params string[] users)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/erasures") { Content = JsonContent.Create(new { user_ids = users }) };
        request.Headers.Add("X-Api-Key", key);
        using var response = await ingestion.Gateway.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var erasure = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"/v1/erasures/{erasure.GetProperty("erasure_id").GetGuid()}", response.Headers.Location?.OriginalString);
        return erasure;
    }

    Task<long> RowsOfAsync(Guid tenantId, string user) =>
        ingestion.ScalarAsync($"SELECT count(*) FROM interactions WHERE tenant_id = '{tenantId}' AND user_id = @p", user);

    [Fact]
    public async Task Erases_a_user_and_a_later_import_of_the_old_file_skips_their_rows()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("erase");
        var file = new StringBuilder("user_id,item_id,timestamp,quantity\n");
        for (var i = 0; i < 300; i++)
        {
            file.Append(CultureInfo.InvariantCulture, $"u{i % 10},i{i},2025-05-01T00:00:00Z,{(i == 7 ? 0 : 1)}\n");
        }

        var bytes = Encoding.UTF8.GetBytes(file.ToString());
        var first = await ingestion.ImportAsync(key, bytes, "type=purchase");
        await ingestion.Completed.WaitForAsync(first, TimeSpan.FromSeconds(30));

        var erasure = await EraseAsync(key, "u3", "u7", "u7", "never-seen");

        Assert.Equal(3, erasure.GetProperty("user_count").GetInt32());
        Assert.Equal(30 + 29, erasure.GetProperty("rows_deleted").GetInt64());
        Assert.Equal(1, erasure.GetProperty("failures_redacted").GetInt64());
        Assert.Equal(0, await RowsOfAsync(tenant.Id, "u3") + await RowsOfAsync(tenant.Id, "u7"));
        Assert.Equal(0, await ingestion.ScalarAsync("SELECT count(*) FROM import_failures WHERE import_id = @p AND user_id = 'u7'", first));
        Assert.Equal(0, await ingestion.ScalarAsync("SELECT count(*) FROM import_failures WHERE import_id = @p AND fields IS NOT NULL", first));
        using (var csv = await ingestion.GetAsync(key, $"/v1/imports/{first}/failures", accept: "text/csv"))
        {
            // The erased user's record is not kept, and its id stays out of the file a store would upload again.
            Assert.DoesNotContain("u7", (await csv.Content.ReadAsStringAsync()).Replace("i7", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }
        using (var read = await ingestion.GetAsync(key, $"/v1/erasures/{erasure.GetProperty("erasure_id").GetGuid()}"))
        {
            Assert.Equal(59, (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows_deleted").GetInt64());
        }

        // The old export again: the erased users' rows are skipped as erased_user, the others as already stored.
        var again = await ingestion.ImportAsync(key, bytes, "type=purchase");
        var summary = (await ingestion.Completed.WaitForAsync(again, TimeSpan.FromSeconds(30))).GetProperty("summary");
        Assert.Equal(0, summary.GetProperty("succeeded").GetInt64());
        Assert.Equal(59, summary.GetProperty("skipped_by_reason").GetProperty("erased_user").GetInt64());
        Assert.Equal(240, summary.GetProperty("skipped_by_reason").GetProperty("already_stored").GetInt64());
        Assert.Equal(0, await RowsOfAsync(tenant.Id, "u3") + await RowsOfAsync(tenant.Id, "u7"));
    }

    [Fact]
    public async Task An_erasure_racing_an_import_of_the_same_user_leaves_nothing_of_them()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("erase-race");
        // 400 chunks of 100 rows, every row the same user's: chunks are being written when the erasure arrives.
        var file = new StringBuilder("user_id,item_id,timestamp\n");
        for (var i = 0; i < 40_000; i++)
        {
            file.Append(CultureInfo.InvariantCulture, $"racer,i{i},2025-05-01T00:00:00Z\n");
        }

        var importId = await ingestion.ImportAsync(key, Encoding.UTF8.GetBytes(file.ToString()), "type=view");
        await Eventually.WaitUntilAsync(async () => (await ingestion.StatusAsync(key, importId)).GetProperty("progress").GetProperty("chunks_done").GetInt32() >= 3, TimeSpan.FromSeconds(60));

        var erasure = await EraseAsync(key, "racer");
        var statusAfterErasure = (await ingestion.StatusAsync(key, importId)).GetProperty("status").GetString();
        var summary = (await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(120))).GetProperty("summary");

        Assert.Equal("running", statusAfterErasure);
        Assert.Equal(0, await RowsOfAsync(tenant.Id, "racer"));
        // Every row is accounted for exactly once: stored and then erased, or skipped as the erased user's.
        var stored = summary.GetProperty("succeeded").GetInt64();
        var skipped = summary.GetProperty("skipped_by_reason").GetProperty("erased_user").GetInt64();
        Assert.True(stored > 0 && skipped > 0, $"the erasure did not land mid-import: {stored} stored, {skipped} skipped");
        Assert.Equal(40_000, stored + skipped);
        Assert.Equal(stored, erasure.GetProperty("rows_deleted").GetInt64());
    }

    [Fact]
    public async Task Another_store_keeps_its_users_and_cannot_read_the_erasure()
    {
        var (mine, myKey) = await ingestion.CreateTenantAsync("erase-mine");
        var (theirs, theirKey) = await ingestion.CreateTenantAsync("erase-theirs");
        foreach (var key in new[] { myKey, theirKey })
        {
            var id = await ingestion.ImportAsync(key, "user_id,item_id\nshared-user,i1\n"u8.ToArray(), "type=view");
            await ingestion.Completed.WaitForAsync(id, TimeSpan.FromSeconds(30));
        }

        var erasure = await EraseAsync(myKey, "shared-user");

        Assert.Equal(0, await RowsOfAsync(mine.Id, "shared-user"));
        Assert.Equal(1, await RowsOfAsync(theirs.Id, "shared-user"));
        using var read = await ingestion.GetAsync(theirKey, $"/v1/erasures/{erasure.GetProperty("erasure_id").GetGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task Redacts_the_failures_of_a_user_whose_id_the_file_padded_with_spaces()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("erase-padded");
        var file = "user_id,item_id,timestamp,quantity\n  padded  ,i1,2025-05-01T00:00:00Z,0\n padded,i2,2025-05-01T00:00:00Z,0\nother,i3,2025-05-01T00:00:00Z,0\n";
        var importId = await ingestion.ImportAsync(key, Encoding.UTF8.GetBytes(file), "type=purchase");
        await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(30));
        Assert.Equal(2, await ingestion.ScalarAsync("SELECT count(*) FROM import_failures WHERE import_id = @p AND user_id = 'padded'", importId));
        // A failure recorded before ids were trimmed (schema 18) kept the id as the file had it.
        Assert.Equal(1, await ingestion.ScalarAsync("WITH f AS (UPDATE import_failures SET user_id = E'\\t padded ' WHERE import_id = @p AND row_number = (SELECT max(row_number) FROM import_failures WHERE import_id = @p AND user_id = 'padded') RETURNING 1) SELECT count(*) FROM f", importId));

        var erasure = await EraseAsync(key, "padded");

        Assert.Equal(2, erasure.GetProperty("failures_redacted").GetInt64());
        Assert.Equal(2, await ingestion.ScalarAsync("SELECT count(*) FROM import_failures WHERE import_id = @p AND user_id = '(erased)' AND fields IS NULL", importId));
        Assert.Equal(1, await ingestion.ScalarAsync($"SELECT count(*) FROM import_failures WHERE tenant_id = '{tenant.Id}' AND user_id = @p AND fields IS NOT NULL", "other"));
    }

    [Theory]
    [InlineData("""{"user_ids":[]}""")]
    [InlineData("""{"user_ids":["  "]}""")]
    [InlineData("""{}""")]
    public async Task Refuses_an_erasure_without_valid_user_ids(string body)
    {
        var (_, key) = await ingestion.CreateTenantAsync("erase-invalid");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/erasures") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", key);

        using var response = await ingestion.Gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
