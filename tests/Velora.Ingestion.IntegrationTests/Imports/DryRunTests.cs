using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Imports;

/// <summary><c>mode=validate</c> runs the whole pipeline and stores nothing; <c>POST /v1/imports/{id}/commit</c> imports it for real.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class DryRunTests(RunningIngestion ingestion)
{
    static readonly string[] SummaryFields = ["processed", "succeeded", "skipped", "failed", "success_rate", "completion_rate"];

    static Task<HttpResponseMessage> CommitAsync(HttpClient gateway, string key, Guid importId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/imports/{importId}/commit");
        request.Headers.Add("X-Api-Key", key);
        return gateway.SendAsync(request);
    }

    async Task<JsonElement> EndedAsync(string key, Guid importId, string status)
    {
        JsonElement read = default;
        await Eventually.WaitUntilAsync(async () => (read = await ingestion.StatusAsync(key, importId)).GetProperty("status").GetString() == status, TimeSpan.FromSeconds(90));
        return read;
    }

    [Fact]
    public async Task A_validated_file_stores_nothing_and_its_commit_gives_the_validated_summary()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("dry-run");
        // 10,000 rows with 2 % bad, then the first 300 again (repeats across chunks); 2,000 others were stored before.
        var (file, processed, _, _, _) = PurchaseFiles.LargeWithRepeats(10_000, 300);
        var lines = file.Split('\n');
        var stored = string.Join('\n', lines.Take(1).Concat(lines.Skip(5_001).Take(2_000))) + "\n";
        var earlier = await ingestion.ImportAsync(key, Encoding.UTF8.GetBytes(stored), "type=purchase");
        await ingestion.Completed.WaitForAsync(earlier, TimeSpan.FromSeconds(60));
        var before = await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE tenant_id = @p", tenant.Id);

        var dryRun = await ingestion.ImportAsync(key, Encoding.UTF8.GetBytes(file), "type=purchase&mode=validate");
        var validated = await EndedAsync(key, dryRun, "validated");

        Assert.Equal("validate", validated.GetProperty("mode").GetString());
        Assert.Equal(processed, validated.GetProperty("processed").GetInt64());
        Assert.True(validated.GetProperty("skipped_by_reason").GetProperty("already_stored").GetInt64() > 0);
        Assert.True(validated.GetProperty("skipped_by_reason").GetProperty("duplicate_in_file").GetInt64() > 0);
        Assert.Equal(before, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE tenant_id = @p", tenant.Id));
        Assert.Equal(0, await ingestion.ScalarAsync("SELECT count(*) FROM validation_keys WHERE import_id = @p", dryRun));

        using var commit = await CommitAsync(ingestion.Gateway, key, dryRun);
        Assert.Equal(HttpStatusCode.Accepted, commit.StatusCode);
        var importId = (await commit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("import_id").GetGuid();
        await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(90));
        var committed = await ingestion.StatusAsync(key, importId);

        Assert.Equal("succeeded", committed.GetProperty("status").GetString());
        foreach (var field in SummaryFields)
        {
            Assert.Equal(validated.GetProperty(field).ToString(), committed.GetProperty(field).ToString());
        }

        Assert.Equal(validated.GetProperty("skipped_by_reason").ToString(), committed.GetProperty("skipped_by_reason").ToString());
        Assert.Equal(dryRun, committed.GetProperty("validation_id").GetGuid());
        Assert.Equal(importId, (await ingestion.StatusAsync(key, dryRun)).GetProperty("commit_id").GetGuid());
        Assert.Equal(before + committed.GetProperty("succeeded").GetInt64(), await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE tenant_id = @p", tenant.Id));
        // The dry run is announced to no other service: only the import that committed it is.
        Assert.Equal(0, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE import_id = @p", dryRun));

        using var again = await CommitAsync(ingestion.Gateway, key, dryRun);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(importId, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("import_id").GetGuid());
        Assert.Equal(1, await ingestion.ScalarAsync("SELECT count(*) FROM import_jobs WHERE validation_id = @p", dryRun));
    }

    [Fact]
    public async Task Two_commits_at_the_same_moment_give_one_import()
    {
        var (_, key) = await ingestion.CreateTenantAsync("dry-run-race");
        var dryRun = await ingestion.ImportAsync(key, "user_id,item_id\nu1,i1\nu2,i2\n"u8.ToArray(), "type=view&mode=validate");
        await EndedAsync(key, dryRun, "validated");

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => CommitAsync(ingestion.Gateway, key, dryRun)));
        var ids = new HashSet<Guid>();
        foreach (var response in responses)
        {
            using (response)
            {
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("import_id").GetGuid());
            }
        }

        Assert.Single(ids);
        var committed = (await ingestion.Completed.WaitForAsync(ids.Single(), TimeSpan.FromSeconds(60))).GetProperty("summary");
        Assert.Equal(2, committed.GetProperty("succeeded").GetInt64());
    }

    [Fact]
    public async Task A_file_with_only_a_header_validates_and_commits_to_an_empty_import()
    {
        var (_, key) = await ingestion.CreateTenantAsync("dry-run-empty");
        var dryRun = await ingestion.ImportAsync(key, "user_id,item_id\n"u8.ToArray(), "type=view&mode=validate");
        var validated = await EndedAsync(key, dryRun, "validated");
        Assert.Equal(0, validated.GetProperty("processed").GetInt64());

        using var commit = await CommitAsync(ingestion.Gateway, key, dryRun);
        Assert.Equal(HttpStatusCode.Accepted, commit.StatusCode);
        var importId = (await commit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("import_id").GetGuid();
        var completed = await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(60));
        Assert.Equal(("succeeded", 0L), (completed.GetProperty("status").GetString(), completed.GetProperty("summary").GetProperty("processed").GetInt64()));
    }

    [Fact]
    public async Task A_commit_the_broker_refused_leaves_the_dry_run_to_be_committed_again()
    {
        var (_, key) = await ingestion.CreateTenantAsync("dry-run-outage");
        var dryRun = await ingestion.ImportAsync(key, "user_id,item_id\nu1,i1\n"u8.ToArray(), "type=view&mode=validate");
        await EndedAsync(key, dryRun, "validated");
        await using (var outage = ingestion.GatewayWith(new Dictionary<string, string?>
        {
            ["RabbitMq:Port"] = Ports.Closed().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:PublishTimeout"] = "00:00:03",
        }))
        {
            using var refused = await CommitAsync(outage.CreateClient(), key, dryRun);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        }

        using var commit = await CommitAsync(ingestion.Gateway, key, dryRun);

        Assert.Equal(HttpStatusCode.Accepted, commit.StatusCode);
        var importId = (await commit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("import_id").GetGuid();
        var completed = await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(60));
        Assert.Equal(1, completed.GetProperty("summary").GetProperty("succeeded").GetInt64());
        Assert.Equal(importId, (await ingestion.StatusAsync(key, dryRun)).GetProperty("commit_id").GetGuid());
        // The refused import never ran, let go of the dry run and names it.
        Assert.Equal(1, await ingestion.ScalarAsync("SELECT count(*) FROM import_jobs WHERE validation_id = @p", dryRun));
        Assert.Equal(1, await ingestion.ScalarAsync(
            "SELECT count(*) FROM import_jobs WHERE validation_id IS NULL AND status = 'refused' AND started_at IS NULL AND error = 'Refused: the message broker was unavailable when dry run ' || @p || ' was committed'",
            dryRun.ToString()));
    }

    [Fact]
    public async Task Commit_refuses_an_import_that_is_no_dry_run_and_an_unknown_mode_is_refused()
    {
        var (_, key) = await ingestion.CreateTenantAsync("dry-run-refusals");
        var imported = await ingestion.ImportAsync(key, "user_id,item_id\nu1,i1\n"u8.ToArray(), "type=view");
        await ingestion.Completed.WaitForAsync(imported, TimeSpan.FromSeconds(30));

        using var commit = await CommitAsync(ingestion.Gateway, key, imported);
        using var unknown = await RunningIngestion.UploadAsync(ingestion.Gateway, key, "user_id,item_id\nu1,i1\n"u8.ToArray(), "x.csv", "type=view&mode=maybe");

        Assert.Equal(HttpStatusCode.Conflict, commit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }
}
