using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Tenants;

/// <summary><c>GET /v1/store</c>: the console's sign-in asks it which store a key belongs to.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class StoreEndpointTests(RunningIngestion ingestion)
{
    [Fact]
    public async Task Names_the_store_the_key_belongs_to()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("store-name");

        using var response = await ingestion.GetAsync(key, "/v1/store");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var store = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(tenant.Id, store.GetProperty("store_id").GetGuid());
        Assert.Equal(tenant.Name, store.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Refuses_a_key_of_no_store()
    {
        using var response = await ingestion.GetAsync("vk_no-such-key", "/v1/store");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
