using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Writing;

[Collection(RunningIngestionGroup.Name)]
public sealed class IdentityKeyTests(RunningIngestion ingestion)
{
    [Fact]
    public async Task Two_rows_without_a_timestamp_whose_old_64_bit_keys_collide_are_both_stored()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("collide");
        var (first, second) = Ingestion.Writing.OldKeyCollision.PurchaseUserIds();
        Assert.Equal(Ingestion.Writing.OldKeyCollision.OldHash("purchase", first, "item-1"), Ingestion.Writing.OldKeyCollision.OldHash("purchase", second, "item-1"));

        var importId = await ingestion.ImportAsync(key, $"user_id,item_id\n{first},item-1\n{second},item-1\n");
        var summary = (await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(60))).GetProperty("summary");

        Assert.Equal((2L, 0L), (summary.GetProperty("succeeded").GetInt64(), summary.GetProperty("skipped").GetInt64()));
        Assert.Equal(2, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE tenant_id = @p", tenant.Id));
    }
}
