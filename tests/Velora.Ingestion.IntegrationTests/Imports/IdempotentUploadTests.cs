using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Imports;

/// <summary><c>Idempotency-Key</c> on upload: one import per store and key, whatever the retries and races.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class IdempotentUploadTests(RunningIngestion ingestion)
{
    static readonly byte[] File = "user_id,item_id,timestamp\nu1,i1,2025-01-01T00:00:00Z\nu2,i2,2025-01-01T00:00:00Z\n"u8.ToArray();

    Task<HttpResponseMessage> UploadAsync(string apiKey, string? idempotencyKey, byte[] content, string query = "type=purchase", string fileName = "purchases.csv")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/imports?{query}") { Content = form };
        request.Headers.Add("X-Api-Key", apiKey);
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        return ingestion.Gateway.SendAsync(request);
    }

    static async Task<Guid> ImportIdOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("import_id").GetGuid();

    Task<long> JobsOfAsync(Guid tenantId) => ingestion.ScalarAsync("SELECT count(*) FROM import_jobs WHERE tenant_id = @p", tenantId);

    int FilesOf(Guid tenantId)
    {
        var folder = Path.Combine(ingestion.Environment.BlobRoot, $"{tenantId:N}");
        return Directory.Exists(folder) ? Directory.GetFiles(folder).Length : 0;
    }

    [Fact]
    public async Task A_repeat_with_the_same_key_and_file_answers_with_the_first_import()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("idem-repeat");
        using var first = await UploadAsync(key, "order-export-1", File);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var importId = await ImportIdOf(first);
        await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(30));

        using var repeat = await UploadAsync(key, "order-export-1", File);

        Assert.Equal(HttpStatusCode.Accepted, repeat.StatusCode);
        Assert.Equal(importId, await ImportIdOf(repeat));
        Assert.Equal($"/v1/imports/{importId}", repeat.Headers.Location?.OriginalString);
        Assert.Equal("true", repeat.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, await JobsOfAsync(tenant.Id));
        Assert.Equal(1, FilesOf(tenant.Id));
        Assert.Equal(2, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE tenant_id = @p", tenant.Id));
    }

    [Fact]
    public async Task Requests_sent_at_the_same_moment_with_one_key_get_one_import()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("idem-race");

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => UploadAsync(key, "same-moment", File)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(ImportIdOf));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await JobsOfAsync(tenant.Id));
        Assert.Equal(5, responses.Count(r => r.Headers.Contains("Idempotent-Replayed")));
        await ingestion.Completed.WaitForAsync(ids[0], TimeSpan.FromSeconds(30));
        Assert.Equal(1, FilesOf(tenant.Id));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Theory]
    [InlineData("user_id,item_id\nu9,i9\n", "type=purchase", "purchases.csv")]
    [InlineData(null, "type=view", "purchases.csv")]
    [InlineData(null, "type=purchase&delimiter=%3B", "purchases.csv")]
    [InlineData(null, "type=purchase", "other-name.csv")]
    public async Task A_reused_key_with_another_file_or_options_gets_422(string? otherContent, string otherQuery, string otherName)
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("idem-other");
        using var first = await UploadAsync(key, "reused", File);
        var importId = await ImportIdOf(first);

        using var other = await UploadAsync(key, "reused", otherContent is null ? File : Encoding.UTF8.GetBytes(otherContent), otherQuery, otherName);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        var problem = await other.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains($"for another request (import {importId})", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await JobsOfAsync(tenant.Id));
    }

    [Fact]
    public async Task A_refused_upload_gives_its_key_back()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("idem-refused");
        // A .gz name on bytes that are not gzip: refused with 400 once the body is read, after the key was claimed.
        using var refused = await UploadAsync(key, "retry-me", File, fileName: "purchases.csv.gz");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        using var retried = await UploadAsync(key, "retry-me", File);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.False(retried.Headers.Contains("Idempotent-Replayed"));
        var importId = await ImportIdOf(retried);
        Assert.Equal("succeeded", (await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(30))).GetProperty("status").GetString());
        Assert.Equal(1, await ingestion.ScalarAsync("SELECT count(*) FROM import_jobs WHERE tenant_id = @p AND status <> 'failed'", tenant.Id));
    }

    [Fact]
    public async Task Another_store_with_the_same_key_gets_its_own_import()
    {
        var (_, firstKey) = await ingestion.CreateTenantAsync("idem-store-a");
        var (_, secondKey) = await ingestion.CreateTenantAsync("idem-store-b");

        using var first = await UploadAsync(firstKey, "shared-looking-key", File);
        using var second = await UploadAsync(secondKey, "shared-looking-key", File);

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.NotEqual(await ImportIdOf(first), await ImportIdOf(second));
        Assert.False(second.Headers.Contains("Idempotent-Replayed"));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("é")]
    public async Task A_key_that_is_not_printable_ascii_is_refused(string idempotencyKey)
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("idem-invalid");

        using var response = await UploadAsync(key, idempotencyKey, File);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await JobsOfAsync(tenant.Id));
    }

    [Fact]
    public async Task A_key_longer_than_255_characters_is_refused()
    {
        var (_, key) = await ingestion.CreateTenantAsync("idem-long");

        using var response = await UploadAsync(key, new string('k', 256), File);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
