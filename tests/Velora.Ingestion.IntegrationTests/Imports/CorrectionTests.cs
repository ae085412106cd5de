using System.Net;
using System.Text.Json;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Imports;

/// <summary><c>parent_id=</c> on upload: a fixed file is recorded as the correction of the import it fixes, and both show the link.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class CorrectionTests(RunningIngestion ingestion)
{
    [Fact]
    public async Task A_correction_and_its_parent_show_the_link_both_ways()
    {
        var (_, key) = await ingestion.CreateTenantAsync("correction");
        var parent = await ingestion.ImportAsync(key, "user_id,item_id,timestamp,quantity\nu1,i1,2025-07-01T00:00:00Z,0\n"u8.ToArray(), "type=purchase");
        await ingestion.Completed.WaitForAsync(parent, TimeSpan.FromSeconds(30));

        var correction = await ingestion.ImportAsync(key, "user_id,item_id,timestamp,quantity\nu1,i1,2025-07-01T00:00:00Z,1\n"u8.ToArray(), $"type=purchase&parent_id={parent}");
        await ingestion.Completed.WaitForAsync(correction, TimeSpan.FromSeconds(30));

        var corrected = await ingestion.StatusAsync(key, correction);
        var original = await ingestion.StatusAsync(key, parent);
        Assert.Equal(parent, corrected.GetProperty("parent_id").GetGuid());
        Assert.Equal(0, corrected.GetProperty("corrections").GetArrayLength());
        Assert.False(original.TryGetProperty("parent_id", out _));
        Assert.Equal([correction], original.GetProperty("corrections").EnumerateArray().Select(c => c.GetGuid()));
        Assert.Equal(1, corrected.GetProperty("succeeded").GetInt64());
    }

    [Fact]
    public async Task A_parent_of_another_store_or_of_none_is_refused_before_the_upload()
    {
        var (_, ownerKey) = await ingestion.CreateTenantAsync("correction-owner");
        var theirs = await ingestion.ImportAsync(ownerKey, "user_id,item_id\nu1,i1\n"u8.ToArray(), "type=view");
        var (tenant, key) = await ingestion.CreateTenantAsync("correction-other");

        foreach (var parent in new[] { theirs, Guid.NewGuid() })
        {
            using var response = await RunningIngestion.UploadAsync(ingestion.Gateway, key, "user_id,item_id\nu1,i1\n"u8.ToArray(), "fix.csv", $"type=view&parent_id={parent}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("is no import of this store", (await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.Equal(0, await ingestion.ScalarAsync("SELECT count(*) FROM import_jobs WHERE tenant_id = @p", tenant.Id));
    }
}
