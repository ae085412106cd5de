using System.Diagnostics;
using Velora.Ingestion.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Velora.Ingestion.IntegrationTests.Scaling;

/// <summary>
/// A store's small import is not stuck behind another store's large one: each import keeps only a window of chunks
/// in the shared queue, so the small import's chunks are taken between the large import's.
/// </summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class TenantFairnessTests(RunningIngestion ingestion, ITestOutputHelper output)
{
    [Fact]
    public async Task A_small_import_of_another_store_completes_while_a_large_import_is_still_running()
    {
        var (_, largeKey) = await ingestion.CreateTenantAsync("fair-large");
        var (_, smallKey) = await ingestion.CreateTenantAsync("fair-small");
        // 2,000 chunks of 100 rows against 10: without the window, all 2,000 would be queued ahead of the small file.
        var large = await ingestion.ImportAsync(largeKey, PurchaseFiles.Large(200_000).Csv);
        await Eventually.WaitUntilAsync(
            async () => await ingestion.ScalarAsync("SELECT count(*) FROM import_chunks WHERE import_id = @p AND done_at IS NOT NULL", large) > 0,
            TimeSpan.FromSeconds(60));

        var watch = Stopwatch.StartNew();
        var small = await ingestion.ImportAsync(smallKey, PurchaseFiles.Large(1_000).Csv);
        var smallSummary = (await ingestion.Completed.WaitForAsync(small, TimeSpan.FromSeconds(120))).GetProperty("summary");
        var largeDone = await ingestion.ScalarAsync("SELECT chunks_done FROM import_jobs WHERE id = @p", large);
        output.WriteLine($"small import completed after {watch.Elapsed.TotalSeconds:F1} s; the large one had {largeDone} of 2000 chunks done");

        Assert.Equal(1_000, smallSummary.GetProperty("processed").GetInt64());
        Assert.Equal(0, await ingestion.ScalarAsync("SELECT count(*) FROM import_jobs WHERE id = @p AND status <> 'running'", large));
        Assert.True(largeDone < 2_000, $"the large import had ended ({largeDone} chunks)");
        Assert.Equal(200_000, (await ingestion.Completed.WaitForAsync(large, TimeSpan.FromSeconds(300))).GetProperty("summary").GetProperty("processed").GetInt64());
    }
}
