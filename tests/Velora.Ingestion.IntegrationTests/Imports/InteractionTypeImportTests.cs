using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Imports;

/// <summary>Each interaction type through the real gateway, worker and database: exact counts, typed values, its own identity.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class InteractionTypeImportTests(RunningIngestion ingestion)
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    async Task<(JsonElement Summary, Guid ImportId)> ImportAsync(string key, string type, string csv)
    {
        var importId = await ingestion.ImportAsync(key, Encoding.UTF8.GetBytes(csv), $"type={type}");
        var completed = await ingestion.Completed.WaitForAsync(importId, Patience);
        Assert.Equal("succeeded", completed.GetProperty("status").GetString());
        Assert.Equal(type, completed.GetProperty("interactionType").GetString());
        return (completed.GetProperty("summary"), importId);
    }

    static (long, long, long, long) Counts(JsonElement summary) =>
        (summary.GetProperty("processed").GetInt64(), summary.GetProperty("succeeded").GetInt64(),
         summary.GetProperty("skipped").GetInt64(), summary.GetProperty("failed").GetInt64());

    [Fact]
    public async Task A_view_file_imports_with_exact_counts_and_a_repeat_skipped()
    {
        var (_, key) = await ingestion.CreateTenantAsync("views");

        var (summary, importId) = await ImportAsync(key, "view", "user_id,item_id,timestamp\nu1,i1,2025-01-01T10:00:00Z\nu1,i2,2025-01-01T10:01:00Z\nu1,i1,2025-01-01T10:00:00Z\n,i3,\n");

        Assert.Equal((4L, 2L, 1L, 1L), Counts(summary));
        Assert.Equal(2, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE import_id = @p AND interaction_type = 'view'", importId));
    }

    [Fact]
    public async Task A_rating_file_stores_each_rating_as_its_value_and_fails_a_rating_of_7_with_a_specific_error()
    {
        var (_, key) = await ingestion.CreateTenantAsync("ratings");

        var (summary, importId) = await ImportAsync(key, "rating", "user_id,item_id,rating\nu1,i1,4.5\nu2,i1,7\nu3,i1,1\n");

        Assert.Equal((3L, 2L, 0L, 1L), Counts(summary));
        var failure = summary.GetProperty("failed_items")[0];
        Assert.Equal(2, failure.GetProperty("row_number").GetInt64());
        Assert.Equal("Invalid rating: 7 (a number from 1 to 5, at most 2 decimals)", failure.GetProperty("error").GetString());
        Assert.Equal(5.5m, await SumAsync("value", importId));
    }

    [Fact]
    public async Task A_custom_file_keeps_events_of_different_names_apart_and_stores_name_and_value()
    {
        var (_, key) = await ingestion.CreateTenantAsync("custom");
        const string csv = "user_id,item_id,event_type,event_value,timestamp\n"
            + "u1,i1,share,,1735725600\nu1,i1,wishlist,2,1735725600\nu1,i1,share,,1735725600\nu1,i1,,1,1735725600\n";

        var (summary, importId) = await ImportAsync(key, "custom", csv);

        Assert.Equal((4L, 2L, 1L, 1L), Counts(summary));
        Assert.Equal("Missing required field: event_type", summary.GetProperty("failed_items")[0].GetProperty("error").GetString());
        Assert.Equal(1, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE import_id = @p AND event_type = 'wishlist' AND value = 2", importId));
        Assert.Equal(1, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE import_id = @p AND event_type = 'share' AND value IS NULL", importId));
    }

    [Fact]
    public async Task The_same_user_item_and_time_in_two_types_are_two_interactions()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("both");
        const string csv = "user_id,item_id,timestamp\nu1,i1,2025-01-01T10:00:00Z\n";

        await ImportAsync(key, "purchase", csv);
        var (summary, _) = await ImportAsync(key, "add_to_cart", csv);

        Assert.Equal((1L, 1L, 0L, 0L), Counts(summary));
        Assert.Equal(2, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE tenant_id = @p", tenant.Id));
    }

    [Fact]
    public async Task An_unknown_type_gets_400_naming_the_supported_types()
    {
        var (_, key) = await ingestion.CreateTenantAsync("click");

        using var response = await RunningIngestion.UploadAsync(ingestion.Gateway, key, Encoding.UTF8.GetBytes("user_id,item_id\nu,i\n"), "clicks.csv", "type=click");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Unsupported interaction type: 'click' (supported: purchase, view, add_to_cart, rating, custom)", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_type_in_a_direct_request_fails_that_job_with_the_same_reason()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("direct-click");
        var importId = Guid.NewGuid();
        var blobKey = await ingestion.PutBlobAsync(tenant.Id, importId, Encoding.UTF8.GetBytes("user_id,item_id\nu,i\n"));

        await RawPublisher.PublishImportRequestedAsync(ingestion.Environment.RabbitMq, new { importId, tenantId = tenant.Id, interactionType = "click", blobKey, fileName = "clicks.csv" });
        var completed = await ingestion.Completed.WaitForAsync(importId, Patience);

        Assert.Equal("failed", completed.GetProperty("status").GetString());
        Assert.Equal("Unsupported interaction type: 'click' (supported: purchase, view, add_to_cart, rating, custom)", completed.GetProperty("error").GetString());
        Assert.Equal("failed", (await ingestion.StatusAsync(key, importId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_types_endpoint_lists_every_type_with_its_required_and_optional_columns_and_rules()
    {
        var (_, key) = await ingestion.CreateTenantAsync("types");

        using var response = await ingestion.GetAsync(key, "/v1/interaction-types");
        response.EnsureSuccessStatusCode();
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items");

        Assert.Equal(["purchase", "view", "add_to_cart", "rating", "custom"], items.EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        var rating = items.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "rating");
        var columns = rating.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.True(columns["user_id"].GetProperty("required").GetBoolean());
        Assert.True(columns["rating"].GetProperty("required").GetBoolean());
        Assert.False(columns["timestamp"].GetProperty("required").GetBoolean());
        Assert.Contains("1 to 5", columns["rating"].GetProperty("rule").GetString(), StringComparison.Ordinal);
        Assert.Equal("decimal", columns["rating"].GetProperty("kind").GetString());
        var custom = items.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "custom");
        Assert.Equal(["event_type", "user_id", "item_id", "timestamp"], custom.GetProperty("identity").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task The_types_endpoint_needs_an_api_key()
    {
        using var response = await ingestion.Gateway.GetAsync("/v1/interaction-types");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    async Task<decimal> SumAsync(string column, Guid importId)
    {
        await using var connection = await ingestion.AdminDataSource.OpenConnectionAsync();
        await using var command = new Npgsql.NpgsqlCommand($"SELECT sum({column}) FROM interactions WHERE import_id = @p", connection);
        command.Parameters.AddWithValue("p", importId);
        return (decimal)(await command.ExecuteScalarAsync())!;
    }
}
