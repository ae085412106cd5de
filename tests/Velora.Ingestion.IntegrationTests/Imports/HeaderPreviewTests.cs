using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Imports;

/// <summary><c>POST /v1/interaction-types/{type}/header</c>: a header read as the planner reads it, before any upload.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class HeaderPreviewTests(RunningIngestion ingestion)
{
    async Task<JsonElement> PreviewAsync(string key, string type, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/interaction-types/{type}/header") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", key);
        using var response = await ingestion.Gateway.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Reads_each_column_by_mapping_name_alias_or_as_a_property()
    {
        var (_, key) = await ingestion.CreateTenantAsync("preview-api");

        var read = await PreviewAsync(key, "rating", new { header = new List<string> { "Kunde", "Product ID", "Stars", "Comment" }, mapping = new { Kunde = "user_id" } });

        Assert.Equal(JsonValueKind.Null, read.GetProperty("error").ValueKind);
        var columns = read.GetProperty("columns");
        Assert.Equal("user_id", columns[0].GetProperty("column").GetString());
        Assert.Equal("item_id", columns[1].GetProperty("column").GetString());
        Assert.Equal("rating", columns[2].GetProperty("column").GetString());
        Assert.Equal("Comment", columns[3].GetProperty("property").GetString());
        Assert.Equal("text", columns[3].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Names_the_error_a_file_with_that_header_would_fail_with()
    {
        var (_, key) = await ingestion.CreateTenantAsync("preview-error");

        var read = await PreviewAsync(key, "purchase", new { header = new List<string> { "Kunde", "Artikel" } });

        Assert.Equal(0, read.GetProperty("columns").GetArrayLength());
        Assert.StartsWith("Missing required column: user_id (closest in the header: Kunde, Artikel", read.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_an_empty_header_and_an_unknown_type()
    {
        var (_, key) = await ingestion.CreateTenantAsync("preview-refused");

        var empty = await PreviewAsync(key, "purchase", new { header = Array.Empty<string>() }, HttpStatusCode.BadRequest);
        await PreviewAsync(key, "click", new { header = new List<string> { "user_id" } }, HttpStatusCode.NotFound);

        Assert.Contains("header is a list of 1 to", empty.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
