using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Imports;

[Collection(RunningIngestionGroup.Name)]
public sealed class ImportListTests(RunningIngestion ingestion)
{
    [Fact]
    public async Task Lists_a_tenants_imports_newest_first_page_by_page_and_by_status()
    {
        var (_, key) = await ingestion.CreateTenantAsync("lister");
        var (_, other) = await ingestion.CreateTenantAsync("other");
        var first = await ImportedAsync(key, PurchaseFiles.Acceptance().Csv);
        var failed = await ImportedAsync(key, "user_id,price\nu,1\n");
        var last = await ImportedAsync(key, PurchaseFiles.Acceptance().Csv);

        var page1 = await ListAsync(key, "?limit=2");
        var page2 = await ListAsync(key, $"?limit=2&cursor={page1.GetProperty("next_cursor").GetString()}");
        var failures = await ListAsync(key, "?status=failed");
        var others = await ListAsync(other, "");

        Assert.Equal([last, failed], Ids(page1));
        Assert.Equal([first], Ids(page2));
        Assert.Equal(JsonValueKind.Null, page2.GetProperty("next_cursor").ValueKind);
        Assert.Equal([failed], Ids(failures));
        Assert.Equal("Missing required column: item_id", failures.GetProperty("items")[0].GetProperty("error").GetString());
        Assert.Equal(150, page1.GetProperty("items")[0].GetProperty("processed").GetInt64());
        Assert.Empty(Ids(others));
    }

    [Fact]
    public async Task Rejects_an_unknown_status_filter()
    {
        var (_, key) = await ingestion.CreateTenantAsync("lister");

        using var response = await ingestion.GetAsync(key, "/v1/imports?status=done");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    async Task<Guid> ImportedAsync(string key, string csv)
    {
        var id = await ingestion.ImportAsync(key, csv);
        await ingestion.Completed.WaitForAsync(id, TimeSpan.FromSeconds(60));
        return id;
    }

    async Task<JsonElement> ListAsync(string key, string query)
    {
        using var response = await ingestion.GetAsync(key, "/v1/imports" + query);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    static List<Guid> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("import_id").GetGuid()).ToList();
}
