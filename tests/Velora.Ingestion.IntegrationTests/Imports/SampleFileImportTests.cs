using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Imports;

/// <summary>The sample file of each type (<c>GET /v1/interaction-types/{type}/sample</c>) is a file that imports as it is.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class SampleFileImportTests(RunningIngestion ingestion)
{
    [Theory]
    [InlineData("purchase")]
    [InlineData("view")]
    [InlineData("add_to_cart")]
    [InlineData("rating")]
    [InlineData("custom")]
    public async Task The_sample_file_of_a_type_imports_every_row_with_the_declared_properties(string type)
    {
        var (_, key) = await ingestion.CreateTenantAsync($"sample-{type}");
        using (var saved = await ingestion.PutJsonAsync(key, $"/v1/interaction-types/{type}/properties", new
        {
            properties = new[]
            {
                new { name = "channel", kind = "text", required = true },
                new { name = "basket_size", kind = "number", required = true },
                new { name = "gift", kind = "boolean", required = true },
                new { name = "shipped_at", kind = "timestamp", required = true },
            },
        }))
        {
            saved.EnsureSuccessStatusCode();
        }

        using var sample = await ingestion.GetAsync(key, $"/v1/interaction-types/{type}/sample");
        Assert.Equal(HttpStatusCode.OK, sample.StatusCode);
        Assert.Equal("text/csv", sample.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"velora-{type}-sample.csv", sample.Content.Headers.ContentDisposition?.FileNameStar ?? sample.Content.Headers.ContentDisposition?.FileName);
        var content = await sample.Content.ReadAsByteArrayAsync();

        var importId = await ingestion.ImportAsync(key, content, $"type={type}");
        var completed = await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(60));

        var summary = completed.GetProperty("summary");
        Assert.Equal("succeeded", completed.GetProperty("status").GetString());
        Assert.Equal(3, summary.GetProperty("succeeded").GetInt64());
        Assert.Equal(0, summary.GetProperty("failed").GetInt64());
        Assert.Equal(3, await ingestion.ScalarAsync(
            "SELECT count(*) FROM interactions WHERE import_id = @p AND jsonb_typeof(properties->'basket_size') = 'number' AND jsonb_typeof(properties->'gift') = 'boolean'",
            importId));
    }

    [Fact]
    public async Task An_unknown_type_has_no_sample()
    {
        var (_, key) = await ingestion.CreateTenantAsync("sample-unknown");

        using var response = await ingestion.GetAsync(key, "/v1/interaction-types/click/sample");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Unsupported interaction type: 'click'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
