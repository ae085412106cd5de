using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using Velora.Ingestion.IntegrationTests.Infrastructure;
using Velora.Ingestion.Tenants;

namespace Velora.Ingestion.IntegrationTests.Security;

/// <summary>
/// A store sees nothing of another: through the API (filters on every query) and in the database itself (row-level
/// security on the gateway's role), including when one pooled connection serves one tenant and then the other.
/// </summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class TenantIsolationTests(RunningIngestion ingestion)
{
    const string FileWithFailures = "user_id,item_id,price\nu1,i1,1\nu2,i2,-5\n";

    [Fact]
    public async Task Tenant_B_gets_404_for_A_s_import_and_failures_while_one_pooled_connection_serves_both()
    {
        var (_, keyA) = await ingestion.CreateTenantAsync("isolation-a");
        var (_, keyB) = await ingestion.CreateTenantAsync("isolation-b");
        var importId = await ingestion.ImportAsync(keyA, FileWithFailures);
        await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(60));
        // One physical connection for every request: A's requests and B's take turns on it.
        await using var gateway = ingestion.GatewayWith(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"{ingestion.Environment.ApiConnectionString};Maximum Pool Size=1",
        });
        using var client = gateway.CreateClient();

        for (var turn = 0; turn < 2; turn++)
        {
            using (var own = await GetAsync(client, keyA, $"/v1/imports/{importId}"))
            {
                Assert.Equal(HttpStatusCode.OK, own.StatusCode);
                Assert.Equal(1, (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("failed").GetInt32());
            }

            foreach (var path in new[] { $"/v1/imports/{importId}", $"/v1/imports/{importId}/failures" })
            {
                using var other = await GetAsync(client, keyB, path);
                Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
            }

            using var otherCsv = await GetAsync(client, keyB, $"/v1/imports/{importId}/failures", "text/csv");
            Assert.Equal(HttpStatusCode.NotFound, otherCsv.StatusCode);
            using var otherList = await GetAsync(client, keyB, "/v1/imports");
            Assert.Empty((await otherList.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray());
            using var ownFailures = await GetAsync(client, keyA, $"/v1/imports/{importId}/failures");
            Assert.Single((await ownFailures.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray());
        }
    }

    [Fact]
    public async Task The_gateways_role_reads_only_the_rows_of_the_tenant_its_transaction_names_even_on_a_reused_connection()
    {
        var (tenantA, keyA) = await ingestion.CreateTenantAsync("rls-a");
        var (tenantB, _) = await ingestion.CreateTenantAsync("rls-b");
        var importId = await ingestion.ImportAsync(keyA, FileWithFailures);
        await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(60));
        await using var api = NpgsqlDataSource.Create($"{ingestion.Environment.ApiConnectionString};Maximum Pool Size=1");

        Assert.Equal((1, 1, 1), await VisibleAsync(api, tenantA.Id, importId));
        // The same pooled connection, now for B: nothing of A's, even when asked for A's rows by id.
        Assert.Equal((0, 0, 0), await VisibleAsync(api, tenantB.Id, importId));
        // And with no tenant named at all (a query that forgot to scope itself), nothing either.
        await using (var bare = await api.OpenConnectionAsync())
        {
            Assert.Equal(0, await bare.ExecuteScalarAsync<int>("SELECT count(*) FROM interactions"));
            Assert.Equal(0, await bare.ExecuteScalarAsync<int>("SELECT count(*) FROM import_jobs"));
            Assert.Equal(0, await bare.ExecuteScalarAsync<int>("SELECT count(*) FROM import_failures"));
        }

        Assert.Equal((1, 1, 1), await VisibleAsync(api, tenantA.Id, importId));
    }

    [Fact]
    public async Task The_gateways_role_cannot_bypass_row_level_security_nor_write_into_another_tenant()
    {
        var (tenantA, _) = await ingestion.CreateTenantAsync("rls-write-a");
        var (tenantB, _) = await ingestion.CreateTenantAsync("rls-write-b");
        await using var api = NpgsqlDataSource.Create(ingestion.Environment.ApiConnectionString);
        await using (var connection = await api.OpenConnectionAsync())
        {
            var role = await connection.QuerySingleAsync<(bool Super, bool BypassRls)>(
                "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user");
            Assert.Equal((false, false), role);
            Assert.False(await connection.ExecuteScalarAsync<bool>(
                "SELECT pg_get_userbyid(relowner) = current_user FROM pg_class WHERE relname = 'interactions'"));
        }

        await using var scope = await TenantTransaction.BeginAsync(api, tenantB.Id, CancellationToken.None);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => scope.Connection.ExecuteAsync(
            "INSERT INTO import_jobs (id, tenant_id, interaction_type, blob_key, status) VALUES (@id, @tenant, 'purchase', 'k', 'queued')",
            new { id = Guid.NewGuid(), tenant = tenantA.Id },
            scope.Transaction));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        Assert.Contains("row-level security", refused.MessageText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("INSERT INTO interactions (tenant_id, identity_key, interaction_type, user_id, item_id, import_id, row_number) VALUES (@tenant, gen_random_uuid(), 'purchase', 'u', 'i', gen_random_uuid(), 1)")]
    [InlineData("UPDATE interactions SET item_id = 'changed' WHERE tenant_id = @tenant")]
    [InlineData("UPDATE api_keys SET revoked_at = NULL")]
    [InlineData("INSERT INTO api_keys (id, tenant_id, key_hash, created_at) VALUES (gen_random_uuid(), @tenant, 'x', now())")]
    public async Task The_gateways_role_has_no_right_to_write_interactions_or_api_keys(string statement)
    {
        var (tenant, _) = await ingestion.CreateTenantAsync("rls-rights");
        await using var api = NpgsqlDataSource.Create(ingestion.Environment.ApiConnectionString);
        await using var scope = await TenantTransaction.BeginAsync(api, tenant.Id, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => scope.Connection.ExecuteAsync(statement, new { tenant = tenant.Id }, scope.Transaction));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    static async Task<(int Interactions, int Jobs, int Failures)> VisibleAsync(NpgsqlDataSource api, Guid tenantId, Guid importId)
    {
        await using var scope = await TenantTransaction.BeginAsync(api, tenantId, CancellationToken.None);
        return await scope.Connection.QuerySingleAsync<(int, int, int)>(
            """
            SELECT (SELECT count(*)::int FROM interactions WHERE import_id = @importId),
                   (SELECT count(*)::int FROM import_jobs WHERE id = @importId),
                   (SELECT count(*)::int FROM import_failures WHERE import_id = @importId)
            """,
            new { importId },
            scope.Transaction);
    }

    static async Task<HttpResponseMessage> GetAsync(HttpClient client, string apiKey, string path, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", apiKey);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        return await client.SendAsync(request);
    }
}
