using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Imports;

/// <summary>A store's own column names (mapping on upload, a saved mapping, aliases) and its declared properties, end to end.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class ColumnRulesImportTests(RunningIngestion ingestion)
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    async Task<JsonElement> ImportAsync(string key, string csv, string query)
    {
        var importId = await ingestion.ImportAsync(key, Encoding.UTF8.GetBytes(csv), query);
        await ingestion.Completed.WaitForAsync(importId, Patience);
        return await ingestion.StatusAsync(key, importId);
    }

    [Fact]
    public async Task A_file_with_its_own_headers_imports_with_map_parameters_and_again_with_none_once_the_mapping_is_saved()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("mapping");
        const string csv = "Kunde,Artikel,Zeitpunkt\nk1,a1,2025-03-01T10:00:00Z\nk2,a2,2025-03-01T11:00:00Z\n";

        var mapped = await ImportAsync(key, csv, "type=purchase&map=Kunde:user_id&map=Artikel:item_id&map=Zeitpunkt:timestamp");
        using (var saved = await ingestion.PutJsonAsync(key, "/v1/interaction-types/purchase/mapping", new { mapping = new Dictionary<string, string> { ["Kunde"] = "user_id", ["Artikel"] = "item_id", ["Zeitpunkt"] = "timestamp" } }))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        var again = await ImportAsync(key, csv.Replace("k1,a1", "k3,a3", StringComparison.Ordinal), "type=purchase");

        Assert.Equal(2, mapped.GetProperty("succeeded").GetInt32());
        Assert.Equal((2, 1, 1), (again.GetProperty("processed").GetInt32(), again.GetProperty("succeeded").GetInt32(), again.GetProperty("skipped").GetInt32()));
        Assert.Equal(3, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE tenant_id = @p AND user_id IN ('k1', 'k2', 'k3') AND occurred_at IS NOT NULL", tenant.Id));
        Assert.Equal(0, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE tenant_id = @p AND properties IS NOT NULL", tenant.Id));
    }

    [Fact]
    public async Task The_issues_example_headers_import_with_map_parameters()
    {
        var (_, key) = await ingestion.CreateTenantAsync("customer-product");

        var status = await ImportAsync(key, "CustomerID,ProductID,Date\nc1,p1,2025-03-01\nc2,p2,2025-03-02\n", "type=purchase&map=CustomerID:user_id&map=ProductID:item_id&map=Date:timestamp");

        Assert.Equal((2, 2), (status.GetProperty("processed").GetInt32(), status.GetProperty("succeeded").GetInt32()));
    }

    [Fact]
    public async Task Headers_known_by_an_alias_import_without_any_mapping()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("aliases");

        var status = await ImportAsync(key, "customer_id;sku;event_time;qty;amount\nc1;s1;2025-03-01T10:00:00Z;2;9,90\n", "type=purchase");

        Assert.Equal(1, status.GetProperty("succeeded").GetInt32());
        Assert.Equal(1, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE tenant_id = @p AND user_id = 'c1' AND item_id = 's1' AND quantity = 2 AND price = 9.90 AND properties IS NULL", tenant.Id));
        Assert.Equal(
            """[{"header":"customer_id","column":"user_id"},{"header":"sku","column":"item_id"},{"header":"event_time","column":"timestamp"},{"header":"qty","column":"quantity"},{"header":"amount","column":"price"}]""",
            status.GetProperty("columns").GetRawText());
    }

    [Fact]
    public async Task A_missing_column_fails_the_file_naming_the_closest_candidates()
    {
        var (_, key) = await ingestion.CreateTenantAsync("closest");

        var status = await ImportAsync(key, "user_id,prod_code,when\nu,p,1\n", "type=purchase");

        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Equal("Missing required column: item_id (closest in the header: prod_code, when; name it with map=prod_code:item_id)", status.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_declared_number_property_rejects_abc_naming_the_column_and_stores_3_as_a_json_number()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("declared");
        using (var declared = await ingestion.PutJsonAsync(key, "/v1/interaction-types/purchase/properties", new { properties = new[] { new { name = "basket_size", kind = "number", required = false } } }))
        {
            Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        }

        var status = await ImportAsync(key, "user_id,item_id,basket_size,channel\nu1,i1,3,web\nu2,i2,abc,web\n", "type=purchase");

        Assert.Equal((2, 1, 1), (status.GetProperty("processed").GetInt32(), status.GetProperty("succeeded").GetInt32(), status.GetProperty("failed").GetInt32()));
        Assert.Equal("Invalid number in column basket_size: abc", status.GetProperty("failed_items")[0].GetProperty("error").GetString());
        Assert.Equal("""{"header":"basket_size","property":"basket_size","kind":"number"}""", status.GetProperty("columns")[2].GetRawText());
        Assert.Equal(1, await ingestion.ScalarAsync(
            "SELECT count(*) FROM interactions WHERE tenant_id = @p AND jsonb_typeof(properties->'basket_size') = 'number' AND (properties->>'basket_size')::numeric = 3 AND properties->>'channel' = 'web'",
            tenant.Id));
    }

    [Fact]
    public async Task Declared_properties_and_the_saved_mapping_read_back_and_show_in_the_type_list_of_their_store_only()
    {
        var (_, key) = await ingestion.CreateTenantAsync("settings");
        var (_, otherKey) = await ingestion.CreateTenantAsync("other");
        (await ingestion.PutJsonAsync(key, "/v1/interaction-types/view/properties", new { properties = new[] { new { name = "gift", kind = "boolean", required = true } } })).Dispose();
        (await ingestion.PutJsonAsync(key, "/v1/interaction-types/view/mapping", new { mapping = new Dictionary<string, string> { ["Kunde"] = "user_id" } })).Dispose();

        var properties = await GetJsonAsync(key, "/v1/interaction-types/view/properties");
        var mapping = await GetJsonAsync(key, "/v1/interaction-types/view/mapping");
        var view = (await GetJsonAsync(key, "/v1/interaction-types")).GetProperty("items").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "view");
        var otherView = (await GetJsonAsync(otherKey, "/v1/interaction-types")).GetProperty("items").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "view");

        Assert.Equal("""[{"name":"gift","kind":"boolean","required":true}]""", properties.GetProperty("properties").GetRawText());
        Assert.Equal("user_id", mapping.GetProperty("mapping").GetProperty("Kunde").GetString());
        Assert.Equal("gift", view.GetProperty("properties")[0].GetProperty("name").GetString());
        Assert.Equal(0, otherView.GetProperty("properties").GetArrayLength());
        Assert.Empty((await GetJsonAsync(otherKey, "/v1/interaction-types/view/mapping")).GetProperty("mapping").EnumerateObject());
    }

    [Theory]
    [InlineData("/v1/interaction-types/purchase/properties", """{"properties":[{"name":"x","kind":"money"}]}""", HttpStatusCode.BadRequest, "kind 'money' is not one of text, number, boolean, timestamp")]
    [InlineData("/v1/interaction-types/purchase/properties", """{"properties":[{"name":"price","kind":"number"}]}""", HttpStatusCode.BadRequest, "'price' is a column of purchase already")]
    [InlineData("/v1/interaction-types/purchase/mapping", """{"mapping":{"a":"user_id","b":"user_id"}}""", HttpStatusCode.BadRequest, "the mapping names user_id as the target of a and b")]
    [InlineData("/v1/interaction-types/click/mapping", """{"mapping":{}}""", HttpStatusCode.NotFound, "Unsupported interaction type: 'click'")]
    public async Task Settings_that_cannot_be_used_are_refused_saying_why(string path, string body, HttpStatusCode expected, string detail)
    {
        var (_, key) = await ingestion.CreateTenantAsync("bad-settings");
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", key);

        using var response = await ingestion.Gateway.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains(detail, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    async Task<JsonElement> GetJsonAsync(string key, string path)
    {
        using var response = await ingestion.GetAsync(key, path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
