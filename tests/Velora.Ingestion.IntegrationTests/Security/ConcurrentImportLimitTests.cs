using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Velora.Ingestion.IntegrationTests.Infrastructure;
using Velora.Ingestion.Jobs;

namespace Velora.Ingestion.IntegrationTests.Security;

/// <summary>Gateway:MaxActiveImportsPerTenant: a store at its limit gets 429; other stores are not affected.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class ConcurrentImportLimitTests(RunningIngestion ingestion)
{
    [Fact]
    public async Task A_store_with_its_maximum_of_imports_queued_or_running_gets_429_while_another_store_is_accepted()
    {
        var (busy, busyKey) = await ingestion.CreateTenantAsync("busy");
        var (_, otherKey) = await ingestion.CreateTenantAsync("other");
        var imports = new TenantImports(ingestion.AdminDataSource, TimeProvider.System);
        // Two uploads in progress (places reserved, files never arriving), so the limit is reached for as long as the test runs.
        var held = new[] { Guid.NewGuid(), Guid.NewGuid() };
        foreach (var id in held)
        {
            Assert.Equal(ImportAdmission.Recorded, await imports.CreateAsync(busy.Id, id, "purchase", $"{busy.Id:N}/{id:N}.csv", null, Parsing.ImportOptions.Detect, null, null, received: false, CancellationToken.None));
        }

        await using var gateway = ingestion.GatewayWith(new Dictionary<string, string?> { ["Gateway:MaxActiveImportsPerTenant"] = "2" });
        using var client = gateway.CreateClient();

        using var refused = await UploadAsync(client, busyKey);
        using var accepted = await UploadAsync(client, otherKey);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("already has 2 imports queued or running", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(2, await ingestion.ScalarAsync("SELECT count(*) FROM import_jobs WHERE tenant_id = @p", busy.Id));
        Assert.False(Directory.Exists(Path.Combine(ingestion.Environment.BlobRoot, $"{busy.Id:N}")));

        // Once one of them has ended, the store may upload again.
        await ingestion.ScalarAsync("UPDATE import_jobs SET status = 'refused' WHERE id = @p RETURNING 1", held[0]);
        using var afterwards = await UploadAsync(client, busyKey);
        Assert.Equal(HttpStatusCode.Accepted, afterwards.StatusCode);
        var importId = (await afterwards.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("import_id").GetGuid();
        await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Uploads_still_streaming_count_against_the_limit_and_one_broken_off_gives_its_place_back()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("streaming");
        await using var gateway = KestrelGateway.Start(ingestion, new Dictionary<string, string?> { ["Gateway:MaxActiveImportsPerTenant"] = "2" });
        var address = KestrelGateway.AddressOf(gateway);
        using var client = gateway.CreateClient();
        // Two uploads announce 10 MB each and send only their first line: both are in progress, neither file stored yet.
        var first = await RawUpload.StartAsync(address, key, $"Content-Length: {10 * 1024 * 1024}\r\n", "user_id,item_id\n"u8.ToArray());
        var second = await RawUpload.StartAsync(address, key, $"Content-Length: {10 * 1024 * 1024}\r\n", "user_id,item_id\n"u8.ToArray());
        await Eventually.WaitUntilAsync(async () => await UploadingAsync(tenant.Id) == 2, TimeSpan.FromSeconds(30));

        using (var third = await UploadAsync(client, key))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        }

        first.Dispose();
        second.Dispose();
        await Eventually.WaitUntilAsync(async () => await UploadingAsync(tenant.Id) == 0, TimeSpan.FromSeconds(30));
        using var afterwards = await UploadAsync(client, key);
        Assert.Equal(HttpStatusCode.Accepted, afterwards.StatusCode);
        Assert.Equal(1, await ingestion.ScalarAsync("SELECT count(*) FROM import_jobs WHERE tenant_id = @p", tenant.Id));
        Assert.Single(Directory.EnumerateFiles(Path.Combine(ingestion.Environment.BlobRoot, $"{tenant.Id:N}")));
    }

    [Fact]
    public async Task A_burst_of_concurrent_records_never_overshoots_the_limit()
    {
        var (tenant, _) = await ingestion.CreateTenantAsync("burst");
        var imports = new TenantImports(ingestion.AdminDataSource, TimeProvider.System);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            var id = Guid.NewGuid();
            return imports.CreateAsync(tenant.Id, id, "purchase", $"{tenant.Id:N}/{id:N}.csv", null, Parsing.ImportOptions.Detect, null, maxActive: 3, received: false, CancellationToken.None);
        })));

        Assert.Equal(3, outcomes.Count(o => o == ImportAdmission.Recorded));
        Assert.Equal(5, outcomes.Count(o => o == ImportAdmission.TenantAtLimit));
        Assert.Equal(3, await ingestion.ScalarAsync("SELECT count(*) FROM import_jobs WHERE tenant_id = @p", tenant.Id));
    }

    Task<long> UploadingAsync(Guid tenantId) =>
        ingestion.ScalarAsync("SELECT count(*) FROM import_jobs WHERE tenant_id = @p AND received_at IS NULL", tenantId);

    static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string apiKey)
    {
        var body = new ByteArrayContent(Encoding.UTF8.GetBytes("user_id,item_id\nu,i\n"));
        body.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/imports?type=purchase") { Content = body };
        request.Headers.Add("X-Api-Key", apiKey);
        return await client.SendAsync(request);
    }
}
