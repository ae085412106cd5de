using Velora.Ingestion.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Velora.Ingestion.IntegrationTests.Reliability;

/// <summary>A crash never loses or doubles a row: the worker process is killed with SIGKILL mid-import and restarted.</summary>
[Collection(WorkerProcessGroup.Name)]
public sealed class WorkerCrashTests(WorkerProcessIngestion ingestion, ITestOutputHelper output)
{
    const int Kills = 5;

    [Fact]
    public async Task A_worker_killed_at_random_points_and_restarted_completes_the_import_with_exact_counts()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"kill delays drawn with seed {seed}");
        var (tenant, key) = await ingestion.CreateTenantAsync("crash");
        var (csv, processed, succeeded, skipped, failed) = PurchaseFiles.LargeWithRepeats(200_000, 2_000);
        var importId = await ingestion.ImportAsync(key, csv);

        var worker = ingestion.StartWorker();
        try
        {
            var kills = 0;
            while (kills < Kills)
            {
                // Kill only while chunks are being imported: after progress moved, at a random moment.
                var done = await ingestion.ChunksDoneAsync(importId);
                await Eventually.WaitUntilAsync(async () => await ingestion.ChunksDoneAsync(importId) > done, TimeSpan.FromSeconds(60));
                await Task.Delay(random.Next(0, 300));
                var doneNow = await ingestion.ChunksDoneAsync(importId);
                Assert.True(doneNow < await ingestion.ScalarAsync("SELECT chunk_count FROM import_jobs WHERE id = @p", importId), "the import ended before every kill landed");
                await worker.KillAsync();
                await worker.DisposeAsync();
                kills++;
                output.WriteLine($"kill {kills} after {doneNow} chunks");
                worker = ingestion.StartWorker();
            }

            await ingestion.AssertEndedExactlyAsync(importId, tenant.Id, (processed, succeeded, skipped, failed), TimeSpan.FromSeconds(120));
        }
        finally
        {
            await worker.DisposeAsync();
        }
    }
}
