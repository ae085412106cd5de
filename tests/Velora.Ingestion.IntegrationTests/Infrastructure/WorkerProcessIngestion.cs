using Npgsql;

namespace Velora.Ingestion.IntegrationTests.Infrastructure;

/// <summary>The product with its worker run as separate OS processes by the tests themselves; chunks of 1,000 rows.</summary>
public sealed class WorkerProcessIngestion : RunningIngestion
{
    protected override bool HostsWorker => false;

    protected override int ChunkSize => 1_000;

    /// <summary>Chunks of an import already committed; fresh connections, since the tests restart PostgreSQL.</summary>
    public Task<long> ChunksDoneAsync(Guid importId)
    {
        NpgsqlConnection.ClearAllPools();
        return ScalarAsync("SELECT count(*) FROM import_chunks WHERE import_id = @p AND done_at IS NOT NULL", importId);
    }

    /// <summary>
    /// The import ended with exactly the expected counts: in ImportCompleted and in the tables, every chunk done, and one
    /// ImportCompleted message id however often it was published.
    /// </summary>
    public async Task AssertEndedExactlyAsync(Guid importId, Guid tenantId, (long Processed, long Succeeded, long Skipped, long Failed) expected, TimeSpan patience)
    {
        var summary = (await Completed.WaitForAsync(importId, patience)).GetProperty("summary");

        Assert.Equal(
            expected,
            (summary.GetProperty("processed").GetInt64(), summary.GetProperty("succeeded").GetInt64(),
             summary.GetProperty("skipped").GetInt64(), summary.GetProperty("failed").GetInt64()));
        Assert.Equal(expected.Succeeded, await ScalarAsync("SELECT count(*) FROM interactions WHERE tenant_id = @p", tenantId));
        Assert.Equal(expected.Failed, await ScalarAsync("SELECT count(*) FROM import_failures WHERE import_id = @p", importId));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM import_chunks WHERE import_id = @p AND done_at IS NULL", importId));
        // However often it is published (a crash before the mark, the sweeper), every copy carries the id derived from
        // the import, which a consumer deduplicates on: the copies seen so far, and any still on their way, are one message.
        var expectedId = Velora.Ingestion.Messaging.MessageIds.ImportCompleted(importId).ToString();
        Assert.All(Completed.MessageIdsOf(importId), id => Assert.Equal(expectedId, id));
    }

    public WorkerProcess StartWorker() => StartWorker(new Dictionary<string, string?>(), "worker");

    /// <summary>A worker process with some settings changed (another blob store, chunk size); its log is named after it.</summary>
    public WorkerProcess StartWorker(IReadOnlyDictionary<string, string?> overrides, string name)
    {
        var settings = new Dictionary<string, string?>(Settings);
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return WorkerProcess.Start(settings, Path.Combine(Environment.BlobRoot, "..", $"{Path.GetFileName(Environment.BlobRoot)}-{name}.log"));
    }
}

/// <summary>Tests that start and kill worker processes run alone, one after another.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WorkerProcessGroup : ICollectionFixture<WorkerProcessIngestion>
{
    public const string Name = "worker processes";
}
