using System.Text;
using Microsoft.Extensions.Options;
using Velora.Ingestion.Batching;
using Velora.Ingestion.Blobs;
using Velora.Ingestion.Jobs;
using Velora.Ingestion.Parsing;
using Velora.Ingestion.Worker.Importing;

namespace Velora.Ingestion.IntegrationTests.Infrastructure;

/// <summary>
/// Purchase imports written straight into the blob store and the database, with no message sent for them: what a lost
/// request or lost chunk messages leave, and what a test runs the chunks of itself.
/// </summary>
public static class UnsentImports
{
    /// <summary>An import recorded with its file, as if its ImportRequested had been lost.</summary>
    public static async Task<Guid> RecordWithFileAsync(RunningIngestion ingestion, Guid tenantId, string csv)
    {
        var importId = Guid.NewGuid();
        var blobKey = BlobKeys.ForImport(tenantId, importId);
        var blobs = new FileSystemBlobStore(Options.Create(new BlobOptions { Root = ingestion.Environment.BlobRoot }));
        var size = await blobs.WriteAsync(blobKey, new MemoryStream(Encoding.UTF8.GetBytes(csv)), CancellationToken.None);
        var recorded = await new TenantImports(ingestion.AdminDataSource, TimeProvider.System)
            .CreateAsync(tenantId, importId, "purchase", blobKey, "unsent.csv", ImportOptions.Detect, size, null, received: true, CancellationToken.None);
        Assert.Equal(ImportAdmission.Recorded, recorded);
        return importId;
    }

    /// <summary>An import recorded and planned as the worker plans it, none of its chunk messages sent.</summary>
    public static async Task<Guid> PlannedAsync(RunningIngestion ingestion, Guid tenantId, string csv)
    {
        var importId = await RecordWithFileAsync(ingestion, tenantId, csv);
        var jobs = new ImportJobStore(ingestion.AdminDataSource, TimeProvider.System);
        await jobs.MarkRunningAsync(importId, CancellationToken.None);
        using var file = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        await jobs.SavePlanAsync(
            importId,
            await ChunkPlanner.PlanAsync(file, Interactions.Purchase.Instance, ImportOptions.Detect, RunningIngestion.ChunkRows, ImportLimits.Default, CancellationToken.None),
            CancellationToken.None);
        return importId;
    }
}
